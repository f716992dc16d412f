package org.emulsion.quality;

import org.emulsion.core.image.Image;
import org.emulsion.media.Colour;

import com.google.gson.JsonObject;

/**
 * The metrics of one restored frame against its truth.
 *
 * @param index frame index in the sequence
 * @param hasReference whether a reference frame was available for this frame
 * @param deltaE CIEDE2000 between result and truth over all pixels ({@link Colour#deltaE2000})
 * @param luma squared error of the result's BT.601 luma against the truth's, all pixels
 * @param ssim mean luma SSIM, all pixels
 * @param damageLuma luma squared error inside the damage mask, null without a mask
 * @param damageSsim mean luma SSIM inside the damage mask, null without a mask
 * @param grainKept {@link GrainKept} of the result against the scan outside the damage mask, NaN without a scan
 * @param temporal chroma change from the previous frame, null when that frame was not seen
 */
public record FrameMetrics(int index, boolean hasReference, Colour.Stats deltaE, Psnr.Error luma, Ssim.Mean ssim,
        Psnr.Error damageLuma, Ssim.Mean damageSsim, double grainKept, TemporalStability.Change temporal) {

    /**
     * Measures one frame (no temporal part).
     *
     * @param result the restored RGB frame
     * @param scan the RGB scan it was restored from, or null (then no grain measure)
     * @param truth the RGB truth
     * @param damage 1-channel damage mask (damaged where &gt; 0.5), or null
     */
    /** Checks that a result, its scan (may be null), truth and damage mask (may be null) belong together. */
    static void checkInputs(Image result, Image scan, Image truth, Image damage) {
        Masks.checkChannels(result, 3, "result");
        Masks.checkSameSize(result, truth);
        if (scan != null) {
            Masks.checkSameSize(result, scan);
        }
        Masks.check(damage, result);
    }

    public static FrameMetrics of(int index, boolean hasReference, Image result, Image scan, Image truth,
            Image damage) {
        checkInputs(result, scan, truth, damage);
        return of(index, hasReference, result, Planes.luma(result), scan, truth, Planes.luma(truth), damage);
    }

    static FrameMetrics of(int index, boolean hasReference, Image result, Image resultLuma, Image scan,
            Image truth, Image truthLuma, Image damage) {
        Colour.Stats deltaE = Colour.deltaE2000(result, truth, null);
        Psnr.Error luma = Psnr.error(resultLuma, truthLuma, null);
        Image map = Ssim.map(resultLuma, truthLuma);
        Ssim.Mean ssim = Ssim.mean(map, null);
        Psnr.Error damageLuma = null;
        Ssim.Mean damageSsim = null;
        Image undamaged = null;
        if (damage != null) {
            damageLuma = Psnr.error(resultLuma, truthLuma, damage);
            damageSsim = Ssim.mean(map, damage);
            undamaged = Masks.invert(damage);
        }
        double grain = Double.NaN;
        if (scan != null) {
            grain = GrainKept.correlation(GrainKept.highPass(resultLuma, GrainKept.SIGMA),
                    GrainKept.highPass(Planes.luma(scan), GrainKept.SIGMA), undamaged);
        }
        return new FrameMetrics(index, hasReference, deltaE, luma, ssim, damageLuma, damageSsim, grain, null);
    }

    /** This record with its temporal part set. */
    public FrameMetrics withTemporal(TemporalStability.Change change) {
        return new FrameMetrics(index, hasReference, deltaE, luma, ssim, damageLuma, damageSsim, grainKept, change);
    }

    /** This frame's metrics as JSON (undefined values as null). */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("index", index);
        o.addProperty("hasReference", hasReference);
        o.add("deltaE2000", SequenceMetrics.deltaEJson(deltaE.mean(), deltaE.p95(), deltaE.pixels()));
        o.add("luma", SequenceMetrics.lumaJson(luma.mse(), ssim.value(), luma.pixels()));
        if (damageLuma != null) {
            o.add("damage", SequenceMetrics.lumaJson(damageLuma.mse(), damageSsim.value(), damageLuma.pixels()));
        }
        o.addProperty("grainKept", grainKept);
        if (temporal != null) {
            o.add("temporal", temporal.toJson());
        }
        return o;
    }
}
