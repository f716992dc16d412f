package org.emulsion.ui.wizards;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExecutableExtension;
import org.eclipse.jface.wizard.IWizardPage;
import org.emulsion.core.extensions.WorkflowOption;

/**
 * A workflow's path pages with no code of its own: one page per {@code page} child of the
 * {@code wizardPages} contribution that names this class, in order. A {@code paths} option gets a
 * {@link PathListOptionPage} (its {@code minimum}, and the option {@code pick} names, if any), any
 * other option a {@link PathOptionPage}; the texts are the element's translatable {@code title},
 * {@code description} and {@code explanation} (from the contributing bundle's plugin.properties).
 * See the {@code org.emulsion.ui.workflowWizards} extension point's documentation.
 */
public final class PathPages implements IWorkflowWizardPages, IExecutableExtension {
    private final List<IConfigurationElement> pages = new ArrayList<>();

    @Override
    public void setInitializationData(IConfigurationElement config, String propertyName, Object data) {
        pages.addAll(List.of(config.getChildren("page")));
    }

    @Override
    public Set<String> coveredOptions() {
        Set<String> covered = new HashSet<>();
        for (IConfigurationElement page : pages) {
            covered.add(page.getAttribute("option"));
            if (page.getAttribute("pick") != null) {
                covered.add(page.getAttribute("pick"));
            }
        }
        return covered;
    }

    @Override
    public List<IWizardPage> createPages(IRestoreWizardContext context) {
        return pages.stream().map(page -> create(context, page)).toList();
    }

    private static IWizardPage create(IRestoreWizardContext context, IConfigurationElement page) {
        String option = page.getAttribute("option");
        boolean folders = !"false".equals(page.getAttribute("folders"));
        boolean files = !"false".equals(page.getAttribute("files"));
        if (multiple(context, option)) {
            String minimum = page.getAttribute("minimum");
            return new PathListOptionPage(context, option, page.getAttribute("title"), page.getAttribute("description"),
                    page.getAttribute("explanation"), folders, files, minimum == null ? 1 : Integer.parseInt(minimum),
                    page.getAttribute("pick"));
        }
        return new PathOptionPage(context, option, page.getAttribute("title"), page.getAttribute("description"),
                page.getAttribute("explanation"), folders, files, "true".equals(page.getAttribute("preview")));
    }

    /** Whether the workflow declares {@code option} of type {@code paths} ({@link WorkflowOption#multiple()}). */
    private static boolean multiple(IRestoreWizardContext context, String option) {
        return context.workflow().options().stream().anyMatch(o -> o.name().equals(option) && o.multiple());
    }
}
