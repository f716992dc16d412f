package org.emulsion.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.eclipse.core.commands.ParameterizedCommand;
import org.eclipse.jface.wizard.IWizardPage;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.commands.ICommandService;
import org.eclipse.ui.handlers.IHandlerService;
import org.emulsion.core.extensions.WorkflowContribution;
import org.emulsion.core.extensions.WorkflowRegistry;
import org.emulsion.ui.internal.wizards.RestoreHandler;
import org.emulsion.ui.internal.wizards.WizardPagesRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every installed workflow has a wizard: telecine-chroma's with the page its UI bundle
 * contributes (as dvd-chroma, print-luma, multiprint and artwork-chroma have theirs), demo-chroma's
 * (no UI bundle) generated from its declared options alone.
 */
@ExtendWith(Workbench.class)
class WorkflowWizardsTest {

    @Test
    void theWizardPagesComeFromTheWorkflowsUiBundlesOrFromTheDeclaredOptions() {
        assertEquals(List.of(), WizardPagesRegistry.get().problems());
        assertTrue(WizardPagesRegistry.get().forWorkflow("dvd-chroma").isPresent());
        assertTrue(WizardPagesRegistry.get().forWorkflow("telecine-chroma").isPresent());
        assertTrue(WizardPagesRegistry.get().forWorkflow("print-luma").isPresent());
        assertTrue(WizardPagesRegistry.get().forWorkflow("multiprint").isPresent());
        assertTrue(WizardPagesRegistry.get().forWorkflow("artwork-chroma").isPresent());
        assertTrue(WizardPagesRegistry.get().forWorkflow("demo-chroma").isEmpty());

        List<String> telecine = pages("telecine-chroma", "wizard-telecine-");
        assertEquals(List.of("material", "telecine-chroma.reference", "alignment", "pairs", "training"), telecine);
        List<String> demo = pages("demo-chroma", "wizard-demo-");
        assertEquals(List.of("material", "alignment", "pairs"), demo, "the demo is staged like every restoration and declares no training page options");
    }

    /** Opens the workflow's wizard through the Restore command, photographs its first two pages, cancels; the page names. */
    private static List<String> pages(String id, String screenshot) {
        WorkflowContribution workflow = WorkflowRegistry.get().get(id);
        Ui.window();
        Ui.async(() -> {
            try {
                ICommandService commands = PlatformUI.getWorkbench().getService(ICommandService.class);
                ParameterizedCommand restore = ParameterizedCommand.generateCommand(commands.getCommand(RestoreHandler.COMMAND),
                        java.util.Map.of(RestoreHandler.WORKFLOW, id));
                PlatformUI.getWorkbench().getService(IHandlerService.class).executeCommand(restore, null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Shell shell = Ui.shell("Restore Film \u2014 " + workflow.name(), Duration.ofSeconds(30));
        WizardDialog dialog = Ui.ui(() -> (WizardDialog) shell.getData());
        List<String> names = Ui.ui(() -> Arrays.stream(dialog.getCurrentPage().getWizard().getPages()).map(IWizardPage::getName).toList());
        assertTrue(Ui.ui(() -> Ui.findAll(shell, Label.class, l -> l.isVisible() && l.getText().equals("Output folder:")).size()) == 1);
        Screenshots.save(shell, screenshot + "1-material");
        if (names.size() > 1) {
            Ui.run(() -> dialog.showPage(dialog.getCurrentPage().getNextPage()));
            Screenshots.save(shell, screenshot + "2-" + Ui.ui(() -> dialog.getCurrentPage().getName()).replace(id + ".", ""));
        }
        Ui.run(() -> Ui.click(Ui.button(shell, "Cancel")));
        assertTrue(Ui.ui(shell::isDisposed));
        return names;
    }
}
