package org.emulsion.workflow.dvd.ui.internal;

import java.util.List;
import java.util.ResourceBundle;
import java.util.Set;

import org.eclipse.core.runtime.Platform;
import org.eclipse.jface.wizard.IWizardPage;
import org.emulsion.ui.wizards.IRestoreWizardContext;
import org.emulsion.ui.wizards.IWorkflowWizardPages;
import org.emulsion.ui.wizards.PathOptionPage;
import org.osgi.framework.FrameworkUtil;

/** dvd-chroma's own wizard page: what its reference may be, and where it is. */
public final class DvdWizardPages implements IWorkflowWizardPages {
    private static final String REFERENCE = "reference";

    @Override
    public Set<String> coveredOptions() {
        return Set.of(REFERENCE);
    }

    @Override
    public List<IWizardPage> createPages(IRestoreWizardContext context) {
        ResourceBundle texts = Platform.getResourceBundle(FrameworkUtil.getBundle(getClass()));
        return List.of(new PathOptionPage(context, REFERENCE, texts.getString("reference.title"),
                texts.getString("reference.description"), texts.getString("reference.explanation"), true, true));
    }
}
