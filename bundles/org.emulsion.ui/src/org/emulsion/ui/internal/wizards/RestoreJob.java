package org.emulsion.ui.internal.wizards;

import java.nio.file.Path;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.extensions.WorkflowContribution;
import org.emulsion.core.extensions.WorkflowResult;
import org.emulsion.pipeline.WorkflowLauncher;
import org.emulsion.ui.internal.Labels;
import org.osgi.framework.FrameworkUtil;

/**
 * A workflow run started from the workbench: a user job (progress in the Progress view,
 * cancellable) that calls the same {@link WorkflowLauncher} as the command line. Re-running into
 * the same folder resumes, as on the command line.
 */
public final class RestoreJob extends Job {
    /** The family of every restore job, for {@code IJobManager.find/join}. */
    public static final Object FAMILY = RestoreJob.class;
    private static final String BUNDLE = FrameworkUtil.getBundle(RestoreJob.class).getSymbolicName();

    private final WorkflowContribution workflow;
    private final Map<String, String> options;
    private final Path outputDirectory;
    private volatile WorkflowResult result;

    public RestoreJob(WorkflowContribution workflow, Map<String, String> options, Path outputDirectory) {
        super(Labels.get("restoreJob.name", workflow.name(), outputDirectory.getFileName()));
        this.workflow = workflow;
        this.options = Map.copyOf(options);
        this.outputDirectory = outputDirectory;
        setUser(true);
    }

    /** The folder the run writes into (frames/, baseline/, report.json, provenance.json, training/ ...). */
    public Path outputDirectory() { return outputDirectory; }

    public WorkflowContribution workflow() { return workflow; }

    /** What the run produced, or null until it finished successfully. */
    public WorkflowResult result() { return result; }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        try {
            result = WorkflowLauncher.launch(workflow, options, outputDirectory, monitor);
            return Status.OK_STATUS;
        } catch (OperationCanceledException e) {
            return Status.CANCEL_STATUS;
        } catch (EmulsionException e) {
            return new Status(IStatus.ERROR, BUNDLE, e.getMessage(), e);
        } finally {
            monitor.done();
        }
    }

    @Override
    public boolean belongsTo(Object family) {
        return family == FAMILY;
    }
}
