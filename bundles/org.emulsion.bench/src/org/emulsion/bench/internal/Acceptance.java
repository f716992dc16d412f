package org.emulsion.bench.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.google.gson.JsonObject;

/**
 * The chroma workflows' acceptance conditions (issue P5), checked on one case: Emulsion against
 * the match grade ({@value #BASELINE}) fitted on the same pairs.
 * <ol>
 * <li>on frames without a reference, mean ΔE2000 at least {@value #NO_REFERENCE_GAIN_PERCENT} % below the baseline's;</li>
 * <li>over all frames, mean ΔE2000 below the baseline's;</li>
 * <li>grain kept at least {@value #MIN_GRAIN_KEPT};</li>
 * <li>temporal stability no worse than the baseline's: chroma change beyond the truth's ({@code excess}) not above it.</li>
 * </ol>
 * A condition that cannot be measured on the case (no frame without a reference) is reported as not applicable.
 *
 * @param noReferenceRatio Emulsion's no-reference ΔE2000 over the baseline's (NaN when the case has no such frame)
 * @param passed           condition → true / false, or null where it does not apply
 */
public record Acceptance(double noReferenceRatio, Map<String, Boolean> passed) {
    static final String BASELINE = "lut33";
    static final int NO_REFERENCE_GAIN_PERCENT = 30;
    static final double MIN_GRAIN_KEPT = 0.98;
    static final String NO_REFERENCE = "noReference30PercentBelow";
    static final String ALL_FRAMES = "allFramesBelow";
    static final String GRAIN = "grainKept";
    static final String TEMPORAL = "temporalNoWorse";

    /** The conditions on a case's methods, or null when the case lacks Emulsion or the baseline. */
    static Acceptance of(Map<String, MethodMetrics> methods) {
        MethodMetrics e = methods.get(CaseRunner.EMULSION);
        MethodMetrics b = methods.get(BASELINE);
        if (e == null || b == null) {
            return null;
        }
        double ratio = e.deltaE2000NoRef() / b.deltaE2000NoRef();
        Map<String, Boolean> passed = new LinkedHashMap<>();
        passed.put(NO_REFERENCE, Double.isFinite(ratio) ? ratio <= 1 - NO_REFERENCE_GAIN_PERCENT / 100.0 : null);
        passed.put(ALL_FRAMES, e.deltaE2000() < b.deltaE2000());
        passed.put(GRAIN, e.grainKept() >= MIN_GRAIN_KEPT);
        passed.put(TEMPORAL, e.temporalExcess() <= b.temporalExcess());
        return new Acceptance(ratio, passed);
    }

    /** Whether every applicable condition holds. */
    public boolean allPassed() {
        return passed.values().stream().allMatch(p -> p == null || p);
    }

    /** One line for the terminal table. */
    String line(String caseName) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-16s no-ref dE00 vs %s: %s", caseName, BASELINE,
                Double.isFinite(noReferenceRatio) ? String.format(Locale.ROOT, "%.3f", noReferenceRatio) : "-"));
        passed.forEach((k, v) -> s.append("  ").append(k).append(' ').append(v == null ? "n/a" : v ? "PASS" : "FAIL"));
        return s.toString();
    }

    JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("baseline", BASELINE);
        json.addProperty("noReferenceRatio", noReferenceRatio);
        JsonObject conditions = new JsonObject();
        passed.forEach(conditions::addProperty);
        json.add("passed", conditions);
        json.addProperty("allPassed", allPassed());
        return json;
    }
}
