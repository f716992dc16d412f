package org.emulsion.bench.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.google.gson.JsonObject;

/**
 * An issue's acceptance conditions, checked on one case: Emulsion against the match grade
 * ({@value #BASELINE}) fitted on the same pairs, and against the no-model rows. Two sets:
 * <p>
 * {@link #of P5}, scored against the film's truth:
 * <ol>
 * <li>on frames without a reference, mean ΔE2000 at least {@value #NO_REFERENCE_GAIN_PERCENT} % below the baseline's;</li>
 * <li>over all frames, mean ΔE2000 below the baseline's;</li>
 * <li>grain kept at least {@value #MIN_GRAIN_KEPT};</li>
 * <li>temporal stability no worse than the baseline's: chroma change beyond the truth's ({@code excess}) not above it.</li>
 * </ol>
 * {@link #againstReferenceLook P11}, scored against the reference's look (for reference-guided
 * restores the reference is the colour evidence), on chroma alone:
 * <ol>
 * <li>on frames with a reference, chroma ΔE2000 at most {@value #WITH_REFERENCE_PERCENT_OF_PASTED} % of the
 * pasted reference's (the reference's own chroma on the scan's luma, no model);</li>
 * <li>on frames without, chroma ΔE2000 at least {@value #NO_REFERENCE_GAIN_PERCENT} % below the baseline's;</li>
 * <li>grain kept and temporal excess as for P5;</li>
 * <li>chroma flicker in still areas no worse than the reference's own (the pasted reference on pairs of frames that
 * both have one) nor than the baseline's.</li>
 * </ol>
 * A condition that cannot be measured on the case (no frame without a reference) is reported as not applicable.
 *
 * @param ratios the figures the conditions compare, labelled, each NaN when the case lacks what it needs
 * @param passed condition → true / false, or null where it does not apply
 */
public record Acceptance(List<Ratio> ratios, Map<String, Boolean> passed) {
    static final String BASELINE = "lut33";
    static final int NO_REFERENCE_GAIN_PERCENT = 30;
    static final int WITH_REFERENCE_PERCENT_OF_PASTED = 85;
    static final double MIN_GRAIN_KEPT = 0.98;
    static final String NO_REFERENCE = "noReference30PercentBelow";
    static final String ALL_FRAMES = "allFramesBelow";
    static final String GRAIN = "grainKept";
    static final String TEMPORAL = "temporalNoWorse";
    static final String WITH_REFERENCE = "withReference85PercentOfPasted";
    static final String FLICKER_REFERENCE = "stillFlickerNoWorseThanReference";
    static final String FLICKER_BASELINE = "stillFlickerNoWorseThanBaseline";

    /**
     * A compared figure.
     *
     * @param label how the terminal line names it
     * @param key   its JSON key
     */
    public record Ratio(String label, String key, double value) {
    }

    /** P5's conditions on a case's methods, or null when the case lacks Emulsion or the baseline. */
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
        return new Acceptance(List.of(new Ratio("no-ref dE00 vs " + BASELINE, "noReferenceRatio", ratio)), passed);
    }

    /** P11's conditions, or null when the case lacks Emulsion, the baseline or the pasted reference. */
    static Acceptance againstReferenceLook(Map<String, MethodMetrics> methods) {
        MethodMetrics e = methods.get(CaseRunner.EMULSION);
        MethodMetrics b = methods.get(BASELINE);
        MethodMetrics pasted = methods.get(CaseRunner.PASTED);
        if (e == null || b == null || pasted == null) {
            return null;
        }
        double withReference = e.lookChromaWithReference() / pasted.lookChromaWithReference();
        double withoutReference = e.lookChromaWithoutReference() / b.lookChromaWithoutReference();
        Map<String, Boolean> passed = new LinkedHashMap<>();
        passed.put(WITH_REFERENCE, Double.isFinite(withReference) ? withReference <= WITH_REFERENCE_PERCENT_OF_PASTED / 100.0 : null);
        passed.put(NO_REFERENCE, Double.isFinite(withoutReference) ? withoutReference <= 1 - NO_REFERENCE_GAIN_PERCENT / 100.0 : null);
        passed.put(GRAIN, e.grainKept() >= MIN_GRAIN_KEPT);
        passed.put(TEMPORAL, e.temporalExcess() <= b.temporalExcess());
        passed.put(FLICKER_REFERENCE, Double.isFinite(pasted.stillFlickerWithReference())
                ? e.stillFlickerWithReference() <= pasted.stillFlickerWithReference() : null);
        passed.put(FLICKER_BASELINE, e.stillFlicker() <= b.stillFlicker());
        return new Acceptance(List.of(new Ratio("chr ref vs pasted", "withReferenceRatioToPasted", withReference),
                new Ratio("chr no-ref vs " + BASELINE, "noReferenceRatio", withoutReference)), passed);
    }

    /** Whether every applicable condition holds. */
    public boolean allPassed() {
        return passed.values().stream().allMatch(p -> p == null || p);
    }

    /** One line for the terminal table. */
    String line(String caseName) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-16s", caseName));
        for (Ratio r : ratios) {
            s.append(' ').append(r.label()).append(": ")
                    .append(Double.isFinite(r.value()) ? String.format(Locale.ROOT, "%.3f", r.value()) : "-");
        }
        passed.forEach((k, v) -> s.append("  ").append(k).append(' ').append(v == null ? "n/a" : v ? "PASS" : "FAIL"));
        return s.toString();
    }

    JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("baseline", BASELINE);
        ratios.forEach(r -> json.addProperty(r.key(), r.value()));
        JsonObject conditions = new JsonObject();
        passed.forEach(conditions::addProperty);
        json.add("passed", conditions);
        json.addProperty("allPassed", allPassed());
        return json;
    }
}
