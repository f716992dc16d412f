package org.emulsion.pipeline.report.internal;

import java.io.IOException;

/**
 * One part of the report. A section is written only when the run has its data, so a workflow
 * that adds a figure or a picture folder gets its section without a report of its own.
 */
public interface Section {
    /** Whether the run has what this section shows. */
    boolean present(Page page);

    void write(Page page, Html html) throws IOException;
}
