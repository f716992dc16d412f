package org.emulsion.ui.internal.wizards;

import java.util.Optional;

import org.emulsion.core.extensions.ContributionRegistry;
import org.emulsion.ui.wizards.IWorkflowWizardPages;

/**
 * Registry of the {@code org.emulsion.ui.workflowWizards} extension point: the wizard pages a
 * workflow's UI bundle contributes to the workflow's restore wizard (the UI side of the headless
 * {@code org.emulsion.core.workflows} point, as Trace Compass pairs {@code tracetypeui} with {@code tracetype}).
 */
public final class WizardPagesRegistry extends ContributionRegistry<IWorkflowWizardPages, WizardPagesContribution> {
    public static final String EXTENSION_POINT = "org.emulsion.ui.workflowWizards";
    private static final WizardPagesRegistry INSTANCE = new WizardPagesRegistry();

    private WizardPagesRegistry() {
        super(EXTENSION_POINT, "wizardPages", IWorkflowWizardPages.class, WizardPagesContribution::new);
    }

    public static WizardPagesRegistry get() { return INSTANCE; }

    /** The pages contributed for workflow {@code workflowId} (the first contribution naming it), if any. */
    public Optional<WizardPagesContribution> forWorkflow(String workflowId) {
        return all().stream().filter(c -> c.workflowId().equals(workflowId)).findFirst();
    }
}
