package org.emulsion.ui.wizards;

import java.nio.file.Path;
import java.util.Optional;

import org.emulsion.core.extensions.WorkflowContribution;
import org.emulsion.core.project.FilmProject;

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

    /**
     * The film project the restore is made for (the one selected in the Film Projects view when the
     * wizard opened): path fields offer its elements, and the run is recorded in it.
     */
    Optional<FilmProject> project();

    /**
     * The output folder as chosen so far (absolute). It must be new or empty when the run starts, so
     * a page that writes a file the run reads (artwork-chroma's assignment) writes it beside the folder.
     */
    Path outputFolder();

    /**
     * Whether Finish has started the run. A page that wrote a file for the run removes it when the
     * wizard closes without starting it (Cancel), so nothing of a run that never was is left behind.
     */
    boolean started();
}
