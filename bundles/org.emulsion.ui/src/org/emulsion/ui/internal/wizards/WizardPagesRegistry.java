package org.emulsion.ui.internal.wizards;

import java.util.Optional;

import org.emulsion.core.extensions.ContributionRegistry;
import org.emulsion.core.extensions.WorkflowRegistry;
import org.emulsion.ui.wizards.IWorkflowWizardPages;

/**
 * The {@code wizardPages} elements of the {@code org.emulsion.core.workflows} extension point
 * (the headless {@link WorkflowRegistry} reads the {@code workflow} elements of the same point).
 */
public final class WizardPagesRegistry extends ContributionRegistry<IWorkflowWizardPages, WizardPagesContribution> {
    private static final WizardPagesRegistry INSTANCE = new WizardPagesRegistry();

    private WizardPagesRegistry() {
        super(WorkflowRegistry.EXTENSION_POINT, "wizardPages", IWorkflowWizardPages.class, WizardPagesContribution::new);
    }

    public static WizardPagesRegistry get() { return INSTANCE; }

    /** The pages contributed for workflow {@code workflowId} (the first contribution naming it), if any. */
    public Optional<WizardPagesContribution> forWorkflow(String workflowId) {
        return all().stream().filter(c -> c.workflowId().equals(workflowId)).findFirst();
    }
}
