package org.emulsion.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.jface.wizard.IWizardPage;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.widgets.Shell;
import org.emulsion.core.extensions.WorkflowContribution;
import org.emulsion.core.extensions.WorkflowRegistry;
import org.emulsion.ui.internal.wizards.RestoreJob;
import org.emulsion.ui.internal.wizards.RestoreWizard;

/**
 * The steps the workflow UI tests take alike in a workflow's Restore wizard: open it, fill the
 * material page, go on through the preparation and the pages after it, finish and wait for the run.
 *
 * @param shell  the wizard's dialog shell
 * @param dialog the wizard's dialog
 * @param wizard the wizard
 */
record RestoreWizardDriver(Shell shell, WizardDialog dialog, RestoreWizard wizard) {

    /**
     * Opens the wizard of workflow {@code id} for no film project (a project selected by an earlier
     * test would take the run), as Restore > opens it.
     */
    static RestoreWizardDriver open(String id) {
        WorkflowContribution workflow = WorkflowRegistry.get().get(id);
        Shell window = Ui.ui(() -> Ui.window().getShell());
        Ui.async(() -> {
            WizardDialog opened = new WizardDialog(window, new RestoreWizard(workflow, null));
            opened.setPageSize(720, 460);
            opened.open();
        });
        Shell shell = Ui.shell("Restore Film \u2014 " + workflow.name(), Duration.ofSeconds(30));
        WizardDialog dialog = Ui.ui(() -> (WizardDialog) shell.getData());
        return new RestoreWizardDriver(shell, dialog, Ui.ui(() -> (RestoreWizard) dialog.getCurrentPage().getWizard()));
    }

    /** The names of the wizard's pages, in order. */
    List<String> pageNames() {
        return Ui.ui(() -> Arrays.stream(wizard.getPages()).map(IWizardPage::getName).toList());
    }

    IWizardPage page() {
        return RestoreWizardTest.page(dialog);
    }

    /** Fills the material page: the scan (null where the workflow asks for none there), the training steps, the output folder. */
    void material(Path scan, int steps, Path out) {
        Ui.run(() -> {
            if (scan != null) {
                Ui.type(RestoreWizardTest.pathAfter(shell, "scan:"), scan.toString());
            }
            Ui.type(Ui.textAfter(shell, "steps:"), Integer.toString(steps));
            Ui.type(RestoreWizardTest.pathAfter(shell, "Output folder:"), out.toString());
        });
    }

    void next() {
        RestoreWizardTest.next(shell);
    }

    /** Next from the last page before the preparation, waiting for it and for the alignment check. */
    void nextToAlignment() {
        next();
        Ui.waitUntil("the preparation and the alignment check", Duration.ofMinutes(3),
                () -> page().getName().equals("alignment") && page().isPageComplete());
    }

    /** Next through {@code pages}, each the page expected in turn. */
    void nextThrough(String... pages) {
        for (String expected : pages) {
            next();
            assertEquals(expected, Ui.ui(() -> page().getName()));
        }
    }

    /** Finishes and waits for the run, which must end well. */
    void finish() {
        Ui.run(() -> Ui.click(Ui.button(shell, "Finish")));
        RestoreJob job = wizard.job();
        RestoreWizardTest.waitForRestoreJobs();
        assertEquals(IStatus.OK, job.getResult().getSeverity(), job.getResult().toString());
    }

    /** Cancels the wizard and waits for it to close. */
    void cancel() {
        Ui.run(() -> Ui.click(Ui.button(shell, "Cancel")));
        Ui.waitUntil("the wizard to close", Duration.ofSeconds(30), shell::isDisposed);
    }

    /** The names of the files in {@code folder}, sorted. */
    static List<String> names(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
