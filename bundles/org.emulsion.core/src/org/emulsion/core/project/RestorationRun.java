package org.emulsion.core.project;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * A restoration made for the film: which workflow ran, where its output folder is, and when.
 *
 * @param output absolute path of the run's output folder
 */
public record RestorationRun(String workflowId, Path output, Instant date) {
    public RestorationRun {
        Objects.requireNonNull(workflowId, "workflowId");
        output = output.toAbsolutePath().normalize();
        Objects.requireNonNull(date, "date");
    }
}
