package org.emulsion.core.extensions;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a finished workflow run produced.
 *
 * @param outputDirectory where the frames, report and sidecars were written
 * @param report          the machine-readable report (JSON)
 * @param summary         a few headline figures for front ends, in display order
 */
public record WorkflowResult(Path outputDirectory, Path report, Map<String, String> summary) {
}
