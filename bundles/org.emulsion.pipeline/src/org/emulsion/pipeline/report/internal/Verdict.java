package org.emulsion.pipeline.report.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.google.gson.JsonObject;

/**
 * The report's first sentence: how close the result came to the reference on the held-out frames
 * (scored frames the model never trained on), beside the baseline and the scan as it is, and what
 * that means. Computed from {@code report.json}'s {@code heldOut} figures: ΔE2000 of the colour on
 * the scan's luma for a chroma restore ({@code deltaE2000Chroma*}), PSNR of the restored areas
 * for a luma restore ({@code psnr*}, with {@code ssim*} beside it).
 *
 * @param sentence the verdict, one sentence
 * @param outcome  how the result compares, for the page's colour cue
 */
public record Verdict(String sentence, Outcome outcome) {
    /** How the result compares with the baseline and the scan. */
    public enum Outcome {
        BETTER, SAME, WORSE, UNSCORED
    }

    /**
     * One way of scoring: the keys of its figures in {@code heldOut}, how they read, and the
     * smallest difference that counts.
     *
     * @param prefix        key prefix; the figures are {@code prefix + "Result"}, {@code "Baseline"}, {@code "Scan"}
     * @param lowerIsBetter whether a smaller figure is closer to the reference
     * @param noticeable    a difference below this is not one a viewer would see
     */
    record Measure(String prefix, String unit, boolean lowerIsBetter, double noticeable, String against, String scan) {
        String figure(double v) {
            return lowerIsBetter ? Figures.deltaE(v) : Figures.fixed(v, 1);
        }
    }

    /** ΔE2000 of about 1 is the smallest colour difference an observer notices side by side. */
    static final Measure CHROMA = new Measure("deltaE2000Chroma", "ΔE2000", true, 1.0, "from the reference's colour",
            "the faded scan");
    /** Half a decibel of PSNR is below what a viewer tells apart. */
    static final Measure LUMA = new Measure("psnr", "dB PSNR", false, 0.5, "against the reference in the restored areas",
            "the damaged scan");
    private static final List<Measure> MEASURES = List.of(CHROMA, LUMA);

    /** The verdict of the run whose {@code report.json} is {@code report}, or null when it holds no held-out figures. */
    public static Verdict of(JsonObject report, String baselineName) {
        JsonObject heldOut = Json.object(report, "heldOut");
        if (heldOut == null) {
            return null;
        }
        int frames = heldOutFrames(heldOut).size();
        for (Measure m : MEASURES) {
            if (heldOut.has(m.prefix() + "Result")) {
                Verdict v = of(m, frames, Json.number(heldOut, m.prefix() + "Result"), Json.number(heldOut, m.prefix() + "Baseline"),
                        Json.number(heldOut, m.prefix() + "Scan"), baselineName);
                return Json.flag(heldOut, "referencesRendered") && v.outcome() != Outcome.UNSCORED ? v.renderedFromReferences() : v;
            }
        }
        return null;
    }

    /** The held-out frames' names ({@code frameList}, else the space-separated {@code frames} of older runs). */
    public static List<String> heldOutFrames(JsonObject heldOut) {
        List<String> names = new ArrayList<>();
        Json.array(heldOut, "frameList").forEach(e -> names.add(e.getAsString()));
        if (names.isEmpty() && !Json.text(heldOut, "frames").isBlank()) {
            names.addAll(Arrays.asList(Json.text(heldOut, "frames").trim().split("\\s+")));
        }
        return names;
    }

    static Verdict of(Measure m, int frames, double result, double baseline, double scan, String baselineName) {
        if (frames == 0 || !Double.isFinite(result)) {
            return new Verdict("No held-out frame could be scored (none was aligned confidently enough outside the training "
                    + "pairs), so there is no measured verdict: judge the result by eye from the pictures below.", Outcome.UNSCORED);
        }
        StringBuilder s = new StringBuilder("On ").append(Figures.of(frames, "held-out frame", "held-out frames"))
                .append(" the result is ").append(m.figure(result)).append(' ').append(m.unit()).append(' ').append(m.against());
        if (Double.isFinite(baseline)) {
            s.append(", ").append(baselineName).append(' ').append(m.figure(baseline));
        }
        if (Double.isFinite(scan)) {
            s.append(", ").append(m.scan()).append(' ').append(m.figure(scan));
        }
        s.append(" — ");
        Outcome outcome;
        double overScan = gain(m, result, scan);
        double overBaseline = gain(m, result, baseline);
        if (Double.isFinite(overScan) && overScan < m.noticeable()) {
            outcome = Outcome.WORSE;
            s.append("the model did not bring the picture closer than ").append(m.scan()).append(" here");
        } else if (!Double.isFinite(overBaseline)) {
            outcome = Outcome.BETTER;
            s.append("the model brought the picture closer by ").append(m.figure(Math.abs(overScan))).append(' ').append(m.unit());
        } else if (overBaseline >= m.noticeable()) {
            outcome = Outcome.BETTER;
            s.append("the model is closer than ").append(baselineName).append(" by ").append(m.figure(overBaseline)).append(' ')
                    .append(m.unit());
        } else if (overBaseline > -m.noticeable()) {
            outcome = Outcome.SAME;
            s.append("the model is no better than ").append(baselineName).append(" here");
        } else {
            outcome = Outcome.WORSE;
            s.append(baselineName).append(" is closer than the model here");
        }
        return new Verdict(s.append('.').toString(), outcome);
    }

    /**
     * This verdict for frames whose own references were also used to render them: no model trained
     * on the frames, but the result is not independent of what it is scored against, and says so.
     */
    Verdict renderedFromReferences() {
        String s = sentence.substring(0, sentence.length() - 1);
        return new Verdict(s + " (the result was rendered from these frames' own references, so this says how closely it keeps"
                + " to them, not how well the model alone would do on a frame without one).", outcome);
    }

    /** How much better {@code result} is than {@code other} (positive: better), or NaN. */
    private static double gain(Measure m, double result, double other) {
        return m.lowerIsBetter() ? other - result : result - other;
    }
}
