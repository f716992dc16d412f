package org.emulsion.ui.internal.wizards;

import java.nio.file.Path;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.jface.window.Window;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;
import org.eclipse.ui.statushandlers.StatusManager;
import org.emulsion.core.extensions.WorkflowContribution;
import org.emulsion.core.extensions.WorkflowRegistry;
import org.emulsion.core.project.FilmProject;
import org.emulsion.ui.internal.monitor.TrainingMonitorView;
import org.emulsion.ui.internal.projects.ProjectExplorerView;
import org.emulsion.ui.internal.viewer.ViewerView;

/**
 * Opens the restore wizard of the workflow named by the command's {@value #WORKFLOW} parameter,
 * for the film project selected in the Film Projects view if any. Once Finish has started the
 * run, the training monitor follows it, and the run viewer opens on its results when it ends well.
 */
public final class RestoreHandler extends AbstractHandler {
    public static final String COMMAND = "org.emulsion.ui.restore";
    public static final String WORKFLOW = "org.emulsion.ui.restore.workflow";

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        String id = event.getParameter(WORKFLOW);
        WorkflowContribution workflow = WorkflowRegistry.get().find(id)
                .orElseThrow(() -> new ExecutionException("no workflow '" + id + "' is installed"));
        FilmProject project = ProjectExplorerView.projectOf(HandlerUtil.getCurrentSelection(event)).orElse(null);
        RestoreWizard wizard = new RestoreWizard(workflow, project);
        WizardDialog dialog = new WizardDialog(HandlerUtil.getActiveShellChecked(event), wizard);
        dialog.setPageSize(720, 460);
        if (dialog.open() == Window.OK && wizard.job() != null) {
            follow(wizard.job());
        }
        return null;
    }

    /** Shows the monitor on {@code job}'s folder and, when the job ends well, the viewer on its results. */
    static void follow(RestoreJob job) {
        Path folder = job.outputDirectory();
        Display display = Display.getCurrent();
        show(() -> TrainingMonitorView.watch(folder, job));
        job.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent event) {
                showResults(display, folder, event.getResult());
            }
        });
        if (job.getState() == Job.NONE && job.getResult() != null) { // it ended before the listener came
            showResults(display, folder, job.getResult());
        }
    }

    private static void showResults(Display display, Path folder, IStatus result) {
        if (result.getSeverity() == IStatus.OK && !display.isDisposed()) {
            display.asyncExec(() -> show(() -> ViewerView.open(folder)));
        }
    }

    private interface ViewOpener {
        void open() throws PartInitException;
    }

    private static void show(ViewOpener opener) {
        try {
            opener.open();
        } catch (PartInitException e) {
            StatusManager.getManager().handle(e.getStatus(), StatusManager.SHOW | StatusManager.LOG);
        }
    }
}
