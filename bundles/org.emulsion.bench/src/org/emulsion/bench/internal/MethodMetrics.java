package org.emulsion.bench.internal;

import com.google.gson.JsonObject;

/**
 * The figures the quality benchmark compares methods by (NaN where a figure does not apply).
 *
 * @param deltaE2000        mean CIEDE2000 against the truth, all frames
 * @param deltaE2000P95     95th percentile CIEDE2000, averaged over frames
 * @param deltaE2000NoRef   mean CIEDE2000 on frames the reference does not show
 * @param lumaPsnr          PSNR of luma against the truth (dB)
 * @param lumaSsim          SSIM of luma against the truth
 * @param grainKept         correlation of the result's high-frequency luma with the scan's
 * @param temporalChange    mean frame-to-frame chroma change of the result
 * @param temporalTruth     the same for the truth (a stable method comes close to it)
 */
public record MethodMetrics(double deltaE2000, double deltaE2000P95, double deltaE2000NoRef, double lumaPsnr,
        double lumaSsim, double grainKept, double temporalChange, double temporalTruth) {

    /** Column headers and accessors, in table order. */
    static final String[] COLUMNS = {"dE00", "dE00 p95", "dE00 no-ref", "Y PSNR", "Y SSIM", "grain kept", "dCbCr/frame", "truth dCbCr"};

    double[] values() {
        return new double[] {deltaE2000, deltaE2000P95, deltaE2000NoRef, lumaPsnr, lumaSsim, grainKept, temporalChange, temporalTruth};
    }

    JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("deltaE2000Mean", deltaE2000);
        json.addProperty("deltaE2000P95", deltaE2000P95);
        json.addProperty("deltaE2000FramesWithoutReference", deltaE2000NoRef);
        json.addProperty("lumaPsnrDb", lumaPsnr);
        json.addProperty("lumaSsim", lumaSsim);
        json.addProperty("grainKept", grainKept);
        json.addProperty("chromaChangePerFrame", temporalChange);
        json.addProperty("chromaChangePerFrameTruth", temporalTruth);
        return json;
    }
}
