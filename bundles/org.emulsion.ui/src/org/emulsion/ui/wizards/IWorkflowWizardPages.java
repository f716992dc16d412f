package org.emulsion.ui.wizards;

import java.util.List;
import java.util.Set;

import org.eclipse.jface.wizard.IWizardPage;

/**
 * A workflow's own pages in its restore wizard, contributed by the workflow's UI bundle through a
 * {@code wizardPages} element of the {@code org.emulsion.ui.workflowWizards} extension point. The
 * wizard shows them after its material page and before its shared review and training pages;
 * see the extension point's documentation for the whole sequence.
 * <p>
 * Implementations have a public no-argument constructor; a new instance is created for each wizard.
 */
public interface IWorkflowWizardPages {

    /** The options the pages set; the material page leaves them out. */
    Set<String> coveredOptions();

    /**
     * Creates the pages (not their controls: the wizard does that).
     *
     * @param context the wizard's option values, which the pages read and set
     */
    List<IWizardPage> createPages(IRestoreWizardContext context);
}
