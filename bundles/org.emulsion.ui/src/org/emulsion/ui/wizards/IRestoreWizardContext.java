package org.emulsion.ui.wizards;

import org.emulsion.core.extensions.WorkflowContribution;

/**
 * What the pages of a restore wizard share: the workflow and the option values it will be
 * launched with (the same options its command line takes, see {@link WorkflowContribution#options()}).
 */
public interface IRestoreWizardContext {

    WorkflowContribution workflow();

    /** The value of option {@code name} as set so far (its declared default at first), or null. */
    String option(String name);

    /** Sets option {@code name}; null or blank clears it (the page that sets it updates its own completeness). */
    void setOption(String name, String value);
}
