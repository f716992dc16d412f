package org.emulsion.core.extensions;

import org.eclipse.core.runtime.IProgressMonitor;
import org.emulsion.core.EmulsionException;

/**
 * A named restoration recipe. The CLI and the workbench wizards both call {@link #run}; neither
 * has a private copy of the pipeline.
 * <p>
 * Contributed through the {@code org.emulsion.core.workflows} extension point, which names the
 * reference source, aligner, architecture and compositor the recipe uses and declares its
 * options.
 */
public interface Workflow {

    /**
     * Runs the recipe to completion, writing into {@link WorkflowRun#outputDirectory()}.
     *
     * @param monitor progress and cancellation (the CLI draws a bar, the workbench a job)
     * @throws EmulsionException with a message naming the file or option at fault
     */
    WorkflowResult run(WorkflowRun run, IProgressMonitor monitor) throws EmulsionException;
}
