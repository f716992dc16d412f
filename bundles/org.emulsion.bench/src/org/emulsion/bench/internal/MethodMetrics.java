package org.emulsion.bench.internal;

import com.google.gson.JsonObject;

/**
 * The figures the quality benchmark compares methods by (NaN where a figure does not apply).
 *
 * @param deltaE2000Chroma  mean CIEDE2000 against the truth's colour on the scan's luma (what chroma recovery can reach)
 * @param deltaE2000        mean CIEDE2000 against the truth, all frames
 * @param deltaE2000P95     95th percentile CIEDE2000, averaged over frames
 * @param deltaE2000NoRef   mean CIEDE2000 on frames the reference does not show
 * @param lumaPsnr          PSNR of luma against the truth (dB)
 * @param lumaSsim          SSIM of luma against the truth
 * @param lumaPsnrDamage    PSNR of luma inside the damage masks (dB)
 * @param grainKept         correlation of the result's high-frequency luma with the scan's
 * @param temporalChange    mean frame-to-frame chroma change of the result
 * @param temporalTruth     the same for the truth (a stable method comes close to it)
 * @param details           the full per-sequence metrics (all frames, with and without reference, per frame), and
 *                          under {@code againstReferenceLook} the scores against the reference's look ({@link LookScores})
 */
public record MethodMetrics(double deltaE2000Chroma, double deltaE2000, double deltaE2000P95, double deltaE2000NoRef, double lumaPsnr,
        double lumaSsim, double lumaPsnrDamage, double grainKept, double temporalChange, double temporalTruth, JsonObject details) {

    /** Reads the headline figures out of {@code org.emulsion.quality.SequenceMetrics}' JSON. */
    static MethodMetrics of(JsonObject sequence, double deltaE2000Chroma) {
        JsonObject all = sequence.getAsJsonObject("all");
        return new MethodMetrics(deltaE2000Chroma, number(all, "deltaE2000", "mean"), number(all, "deltaE2000", "p95"),
                number(sequence.getAsJsonObject("withoutReference"), "deltaE2000", "mean"), number(all, "luma", "psnr"),
                number(all, "luma", "ssim"), number(all, "damage", "psnr"), number(all, "grainKept"),
                number(all, "temporal", "resultChromaChange"), number(all, "temporal", "truthChromaChange"), sequence);
    }

    /** The number at {@code path}, NaN where the metric does not apply (absent or null). */
    private static double number(JsonObject json, String... path) {
        com.google.gson.JsonElement e = json;
        for (String key : path) {
            if (e == null || !e.isJsonObject()) {
                return Double.NaN;
            }
            e = e.getAsJsonObject().get(key);
        }
        return e != null && e.isJsonPrimitive() ? e.getAsDouble() : Double.NaN;
    }

    /** Mean per-pixel chroma change between frames beyond the truth's (0 = as stable as the film itself). */
    public double temporalExcess() {
        return number(details, "all", "temporal", "excess");
    }

    /** Chroma ΔE2000 against the reference's look, on its L*: all frames, frames with a reference, frames without. */
    public double lookChroma() {
        return number(details, LOOK, "chromaDeltaE2000Mean");
    }

    public double lookChromaWithReference() {
        return number(details, LOOK, "chromaDeltaE2000FramesWithReference");
    }

    public double lookChromaWithoutReference() {
        return number(details, LOOK, "chromaDeltaE2000FramesWithoutReference");
    }

    /** Chroma flicker in still areas (see {@code org.emulsion.quality.ChromaFlicker}): all pairs, and pairs whose two frames have a reference. */
    public double stillFlicker() {
        return number(details, LOOK, "stillChromaFlicker", "all", "flicker");
    }

    public double stillFlickerWithReference() {
        return number(details, LOOK, "stillChromaFlicker", "withReference", "flicker");
    }

    private static final String LOOK = "againstReferenceLook";

    /** Column headers and accessors, in table order (the columns against the reference's look last). */
    static final String[] COLUMNS = {"dE00 chroma", "dE00", "dE00 p95", "dE00 no-ref", "look dE00", "look no-ref", "Y PSNR", "Y SSIM",
        "Y PSNR dmg", "grain kept", "dCbCr/frame", "truth dCbCr", "dCbCr excess", "chr look", "chr ref", "chr no-ref", "flicker e-3",
        "flk ref e-3"};

    double[] values() {
        return new double[] {deltaE2000Chroma, deltaE2000, deltaE2000P95, deltaE2000NoRef, number(details, LOOK, "deltaE2000Mean"),
                number(details, LOOK, "deltaE2000FramesWithoutReference"), lumaPsnr, lumaSsim, lumaPsnrDamage, grainKept,
                temporalChange, temporalTruth, temporalExcess(), lookChroma(), lookChromaWithReference(), lookChromaWithoutReference(),
                stillFlicker() * 1000, stillFlickerWithReference() * 1000};
    }

    JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("deltaE2000ChromaMean", deltaE2000Chroma);
        json.addProperty("deltaE2000Mean", deltaE2000);
        json.addProperty("deltaE2000P95", deltaE2000P95);
        json.addProperty("deltaE2000FramesWithoutReference", deltaE2000NoRef);
        json.addProperty("lumaPsnrDb", lumaPsnr);
        json.addProperty("lumaSsim", lumaSsim);
        json.addProperty("lumaPsnrInDamageDb", lumaPsnrDamage);
        json.addProperty("grainKept", grainKept);
        json.addProperty("chromaChangePerFrame", temporalChange);
        json.addProperty("chromaChangePerFrameTruth", temporalTruth);
        json.add("details", details);
        return json;
    }
}
