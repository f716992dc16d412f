package org.emulsion.ui.wizards;

import java.util.List;
import java.util.ResourceBundle;
import java.util.Set;

import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExecutableExtension;
import org.eclipse.core.runtime.Platform;
import org.eclipse.jface.wizard.IWizardPage;

/**
 * The usual page of a reference-guided workflow, with no code of its own: one
 * {@link PathOptionPage} for the {@code reference} option, its texts from the contributing
 * bundle's plugin.properties ({@code reference.title}, {@code reference.description},
 * {@code reference.explanation}: what the reference may be). A workflow's UI bundle names this
 * class in its {@code wizardPages} contribution (extension point {@code org.emulsion.ui.workflowWizards}).
 */
public final class ReferencePathPages implements IWorkflowWizardPages, IExecutableExtension {
    private static final String REFERENCE = "reference";
    private ResourceBundle texts;

    @Override
    public void setInitializationData(IConfigurationElement config, String propertyName, Object data) {
        texts = Platform.getResourceBundle(Platform.getBundle(config.getContributor().getName()));
    }

    @Override
    public Set<String> coveredOptions() {
        return Set.of(REFERENCE);
    }

    @Override
    public List<IWizardPage> createPages(IRestoreWizardContext context) {
        return List.of(new PathOptionPage(context, REFERENCE, texts.getString("reference.title"),
                texts.getString("reference.description"), texts.getString("reference.explanation"), true, true));
    }
}
