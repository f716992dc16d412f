package org.emulsion.ui.internal.wizards;

import java.lang.reflect.InvocationTargetException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.jface.dialogs.DialogPage;
import org.eclipse.jface.dialogs.PageChangingEvent;
import org.eclipse.jface.wizard.IWizardContainer;
import org.eclipse.jface.wizard.IWizardPage;
import org.eclipse.jface.wizard.Wizard;
import org.eclipse.jface.wizard.WizardDialog;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.extensions.WorkflowContribution;
import org.emulsion.core.project.FilmProject;
import org.emulsion.core.project.RestorationRun;
import org.emulsion.pipeline.PreparedRun;
import org.emulsion.pipeline.WorkflowLauncher;
import org.emulsion.ui.internal.Labels;
import org.emulsion.ui.internal.projects.OpenProjects;
import org.emulsion.ui.wizards.IWorkflowWizardPages;

/**
 * The restore wizard of one installed workflow: the material page, the pages the workflow's UI
 * bundle contributes, for a staged workflow the alignment check, the pair review and, where the
 * workflow's target repairs damage, the damage review, where it composites several elements the
 * source map review (the wizard runs {@link WorkflowLauncher#prepare} and plans the sources with
 * the dialog's progress bar when the restorer moves on to them), and the training page.
 * Finish writes the restorer's pair and damage choices and schedules a
 * {@link RestoreJob}: the same launcher as the command line, into the same folder, which resumes
 * from the preparation.
 */
public final class RestoreWizard extends Wizard {
    private final RestoreWizardModel model;
    private final boolean staged;
    private AlignmentPage alignment;
    private RestoreJob job;

    /** @param project the film project the restore is for (its elements are offered, the run recorded in it), or null */
    public RestoreWizard(WorkflowContribution workflow, FilmProject project) {
        this.model = new RestoreWizardModel(workflow, TrainingPage.covers(workflow), project);
        this.staged = WorkflowLauncher.canPrepare(workflow);
        setWindowTitle(Labels.get("wizard.title", workflow.name()));
        setNeedsProgressMonitor(true);
    }

    @Override
    public void addPages() {
        WorkflowContribution workflow = model.workflow();
        Set<String> covered = new HashSet<>(TrainingPage.covers(workflow));
        List<IWizardPage> contributed = WizardPagesRegistry.get().forWorkflow(workflow.id()).map(c -> {
            IWorkflowWizardPages pages = c.instance();
            covered.addAll(pages.coveredOptions());
            return pages.createPages(model);
        }).orElse(List.of());
        addPage(new MaterialPage(model, covered));
        contributed.forEach(this::addPage);
        if (staged) {
            alignment = new AlignmentPage(model);
            addPage(alignment);
            addPage(new PairsPage(model));
            if (WorkflowLauncher.findsDamage(workflow)) {
                addPage(new DamageReviewPage(model));
            }
            if (WorkflowLauncher.plansSources(workflow)) {
                addPage(new SourceReviewPage(model));
            }
        }
        if (!TrainingPage.covers(workflow).isEmpty()) {
            addPage(new TrainingPage(model));
        }
    }

    @Override
    public void setContainer(IWizardContainer container) {
        super.setContainer(container);
        if (container instanceof WizardDialog dialog) {
            dialog.addPageChangingListener(this::pageChanging);
        }
    }

    /** Prepares the run when the restorer moves on to the alignment check with material not prepared yet. */
    private void pageChanging(PageChangingEvent event) {
        if (event.getTargetPage() == alignment && event.getCurrentPage() != getNextPage(alignment) && !model.isPrepared()) {
            event.doit = prepare((DialogPage) event.getCurrentPage());
        }
    }

    private boolean prepare(DialogPage from) {
        WorkflowContribution workflow = model.workflow();
        PreparedRun[] prepared = new PreparedRun[1];
        try {
            getContainer().run(true, true, monitor -> {
                try {
                    boolean plans = WorkflowLauncher.plansSources(workflow);
                    SubMonitor progress = SubMonitor.convert(monitor, 10);
                    WorkflowLauncher.prepare(workflow, model.options(), model.outputPath(), progress.split(plans ? 8 : 10));
                    prepared[0] = PreparedRun.open(model.outputPath());
                    if (plans) {
                        prepared[0].planSources(progress.split(2));
                    }
                } catch (EmulsionException e) {
                    throw new InvocationTargetException(e);
                } catch (OperationCanceledException e) {
                    throw new InterruptedException(e.getMessage());
                }
            });
        } catch (InvocationTargetException e) {
            from.setErrorMessage(e.getCause().getMessage());
            return false;
        } catch (InterruptedException e) {
            from.setErrorMessage(Labels.get("wizard.prepareCancelled"));
            return false;
        }
        model.setPrepared(prepared[0]);
        from.setErrorMessage(null);
        return true;
    }

    /** A staged workflow finishes only on the preparation of the material as it stands. */
    @Override
    public boolean canFinish() {
        return super.canFinish() && (!staged || model.isPrepared());
    }

    @Override
    public boolean performFinish() {
        if (staged) {
            try {
                model.prepared().choose(model.choices());
                model.prepared().keepAsScanned(model.keptAsScanned());
            } catch (EmulsionException e) {
                ((DialogPage) getContainer().getCurrentPage()).setErrorMessage(e.getMessage());
                return false;
            }
        }
        if (model.project().isPresent()) { // recorded before the run starts, so the project lists it even if it fails
            FilmProject project = model.project().get();
            project.addRun(new RestorationRun(model.workflow().id(), model.outputPath(), Instant.now()));
            try {
                OpenProjects.get().save(project);
            } catch (EmulsionException e) {
                ((DialogPage) getContainer().getCurrentPage()).setErrorMessage(e.getMessage());
                return false;
            }
        }
        job = new RestoreJob(model.workflow(), model.options(), model.outputPath());
        model.start();
        job.schedule();
        return true;
    }

    /** The job Finish started, or null. */
    public RestoreJob job() { return job; }

    /** The state the pages share (for tests and for the lead's glue). */
    public RestoreWizardModel model() { return model; }

    @Override
    public void dispose() {
        model.dispose();
        super.dispose();
    }
}
