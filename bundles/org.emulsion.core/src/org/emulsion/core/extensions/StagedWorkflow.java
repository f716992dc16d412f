package org.emulsion.core.extensions;

import org.eclipse.core.runtime.IProgressMonitor;
import org.emulsion.core.EmulsionException;

/**
 * A workflow whose restorer checks its evidence before the long work starts: {@link #prepare}
 * does the preparatory stage (for a reference-guided workflow: match in time, register, find
 * shots, curate the training pairs), leaves what the restorer reviews and edits in the output
 * folder, and stops. {@link Workflow#run} on the same output folder then resumes from it,
 * honouring the edits, without preparing again.
 * <p>
 * Front ends ask {@code workflow instanceof StagedWorkflow} to offer a review step (the
 * workbench wizard's alignment and pair pages, {@code restore --prepare-only} on the command line).
 */
public interface StagedWorkflow extends Workflow {

    /**
     * Prepares the run in {@link WorkflowRun#outputDirectory()} and stops before training.
     *
     * @param monitor progress and cancellation
     * @return the output folder, the review report the restorer reads first, and headline figures
     * @throws EmulsionException with a message naming the file or option at fault
     */
    WorkflowResult prepare(WorkflowRun run, IProgressMonitor monitor) throws EmulsionException;
}
