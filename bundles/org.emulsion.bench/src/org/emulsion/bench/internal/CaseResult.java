package org.emulsion.bench.internal;

import java.util.List;
import java.util.Map;

import com.google.gson.JsonObject;

/**
 * One benchmark case's outcome.
 *
 * @param name        short id, e.g. {@code print-chroma}
 * @param description what the case simulates
 * @param parameters  the simulator's recorded parameters (truth, scan, reference)
 * @param methods     metrics per method, in display order (scan as is, baselines, Emulsion)
 * @param lossCurve   Emulsion's training loss, [step, loss] points
 * @param crops       side-by-side crop files (relative to the HTML folder), labelled, in display order
 * @param errors      where the residual chroma error of Emulsion, the match grade and the pasted reference lies (chroma cases; null
 *                    for a luma case)
 * @param seconds     wall time of the case
 * @param luma        a luma case's figures and acceptance (null otherwise)
 * @param artwork     an artwork-chroma case's figures and acceptance (null otherwise)
 */
public record CaseResult(String name, String description, JsonObject parameters, Map<String, MethodMetrics> methods,
        List<double[]> lossCurve, Map<String, String> crops, ErrorAnalysis errors, double seconds, LumaFigures luma,
        ArtworkFigures artwork) {

    /** A luma case's outcome. */
    public CaseResult(String name, String description, JsonObject parameters, Map<String, MethodMetrics> methods,
            List<double[]> lossCurve, Map<String, String> crops, ErrorAnalysis errors, double seconds, LumaFigures luma) {
        this(name, description, parameters, methods, lossCurve, crops, errors, seconds, luma, null);
    }

    /** A chroma case's outcome. */
    public CaseResult(String name, String description, JsonObject parameters, Map<String, MethodMetrics> methods,
            List<double[]> lossCurve, Map<String, String> crops, ErrorAnalysis errors, double seconds) {
        this(name, description, parameters, methods, lossCurve, crops, errors, seconds, null, null);
    }
}
