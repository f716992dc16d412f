package org.emulsion.ui.internal.wizards;

import org.eclipse.core.runtime.IConfigurationElement;
import org.emulsion.core.extensions.Contribution;
import org.emulsion.ui.wizards.IWorkflowWizardPages;

/** A {@code wizardPages} element of the {@code org.emulsion.ui.workflowWizards} extension point: the pages a workflow's UI bundle adds to its wizard. */
public final class WizardPagesContribution extends Contribution<IWorkflowWizardPages> {

    WizardPagesContribution(IConfigurationElement element, Class<IWorkflowWizardPages> type) {
        super(element, type);
    }

    /** The id of the workflow whose wizard the pages belong to. */
    public String workflowId() { return attribute("workflow", ""); }
}
