package org.emulsion.quality;

import java.util.ArrayList;
import java.util.List;

import org.emulsion.core.image.Image;
import org.emulsion.media.Colour;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * Accumulates the metrics of a restored sequence frame by frame and reports them as JSON, over
 * all frames and separately for frames with and without a reference.
 * <p>
 * Pooling over frames: CIEDE2000 {@code mean} is pixel-weighted (the mean over all pixels of
 * all frames), {@code p95} is the mean of the frames' 95th percentiles; luma {@code mse} is
 * pooled over all pixels and {@code psnr} is computed from it; {@code ssim} is pixel-weighted;
 * {@code grainKept} is the mean over frames. The {@code damage} group pools the same luma
 * measures over damaged pixels only. {@link TemporalStability} pairs are consecutive frame
 * indices; a pair belongs to {@code withReference} when both frames have a reference and to
 * {@code withoutReference} when at least one does not. Values that are undefined (no pixels, no
 * pairs) or infinite (PSNR of identical frames: see {@code mse} = 0) are written as null.
 * <p>
 * JSON layout:
 * <pre>
 * { "frames": n,
 *   "all" | "withReference" | "withoutReference": {
 *     "frames", "deltaE2000": {"mean", "p95", "pixels"},
 *     "luma": {"psnr", "mse", "ssim", "pixels"},
 *     "damage": {"psnr", "mse", "ssim", "pixels", "frames"},      (frames with a damage mask)
 *     "grainKept", "temporal": {"pairs", "resultChromaChange", "truthChromaChange", "ratio", "excess", "globalExcess"} },
 *   "perFrame": [ {@link FrameMetrics#toJson()} ... ] }
 * </pre>
 */
public final class SequenceMetrics {
    private final Summary all = new Summary();
    private final Summary withReference = new Summary();
    private final Summary withoutReference = new Summary();
    private final List<FrameMetrics> frames = new ArrayList<>();

    private int lastIndex = Integer.MIN_VALUE;
    private boolean lastHasReference;
    private Image lastResultChroma;
    private Image lastTruthChroma;

    /**
     * Measures and adds one frame; frames should come in index order for the temporal measures.
     *
     * @param frameIndex index of the frame in the sequence
     * @param hasReference whether a reference was available for it
     * @param result restored RGB frame
     * @param scan RGB scan it was restored from (for grain kept), or null
     * @param truth RGB truth
     * @param damage 1-channel damage mask (damaged where &gt; 0.5), or null
     * @return the frame's metrics
     */
    public FrameMetrics add(int frameIndex, boolean hasReference, Image result, Image scan, Image truth,
            Image damage) {
        FrameMetrics.checkInputs(result, scan, truth, damage);
        Image resultYcc = Colour.ycbcr(result);
        Image truthYcc = Colour.ycbcr(truth);
        Image resultChroma = Colour.channels(resultYcc, 1, 2);
        Image truthChroma = Colour.channels(truthYcc, 1, 2);
        FrameMetrics m = FrameMetrics.of(frameIndex, hasReference, result,
                Colour.channels(resultYcc, 0, 1), scan, truth,
                Colour.channels(truthYcc, 0, 1), damage);
        if (lastResultChroma != null && frameIndex == lastIndex + 1 && lastResultChroma.sameSize(resultChroma)) {
            TemporalStability.Change change = TemporalStability.betweenChroma(lastResultChroma, resultChroma,
                    lastTruthChroma, truthChroma);
            m = m.withTemporal(change);
            all.temporal.add(change);
            (lastHasReference && hasReference ? withReference : withoutReference).temporal.add(change);
        }
        lastIndex = frameIndex;
        lastHasReference = hasReference;
        lastResultChroma = resultChroma;
        lastTruthChroma = truthChroma;
        frames.add(m);
        all.add(m);
        (hasReference ? withReference : withoutReference).add(m);
        return m;
    }

    /** The metrics of the frames added so far, in order. */
    public List<FrameMetrics> frames() {
        return List.copyOf(frames);
    }

    /** The temporal report over all pairs so far. */
    public TemporalStability.Report temporal() {
        return all.temporal.report();
    }

    /** The report (see the class comment for its layout). */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("frames", frames.size());
        o.add("all", all.toJson());
        o.add("withReference", withReference.toJson());
        o.add("withoutReference", withoutReference.toJson());
        JsonArray perFrame = new JsonArray();
        for (FrameMetrics m : frames) {
            perFrame.add(m.toJson());
        }
        o.add("perFrame", perFrame);
        return o;
    }

    static JsonObject deltaEJson(double mean, double p95, long pixels) {
        JsonObject o = new JsonObject();
        o.addProperty("mean", mean);
        o.addProperty("p95", p95);
        o.addProperty("pixels", pixels);
        return o;
    }

    static JsonObject lumaJson(double mse, double ssim, long pixels) {
        JsonObject o = new JsonObject();
        o.addProperty("psnr", Psnr.fromMse(mse));
        o.addProperty("mse", mse);
        o.addProperty("ssim", ssim);
        o.addProperty("pixels", pixels);
        return o;
    }

    /** Pooled sums over a group of frames. */
    private static final class Summary {
        final TemporalStability temporal = new TemporalStability();
        int frames;
        double deltaESum;
        long deltaEPixels;
        double p95Sum;
        int p95Frames;
        double lumaSquares;
        long lumaPixels;
        double ssimSum;
        long ssimPixels;
        int damageFrames;
        double damageSquares;
        long damagePixels;
        double damageSsimSum;
        long damageSsimPixels;
        double grainSum;
        int grainFrames;

        void add(FrameMetrics m) {
            frames++;
            if (m.deltaE().pixels() > 0) {
                deltaESum += m.deltaE().mean() * m.deltaE().pixels();
                deltaEPixels += m.deltaE().pixels();
                p95Sum += m.deltaE().p95();
                p95Frames++;
            }
            if (m.luma().pixels() > 0) {
                lumaSquares += m.luma().mse() * m.luma().pixels();
                lumaPixels += m.luma().pixels();
            }
            if (m.ssim().pixels() > 0) {
                ssimSum += m.ssim().value() * m.ssim().pixels();
                ssimPixels += m.ssim().pixels();
            }
            if (m.damageLuma() != null) {
                damageFrames++;
                if (m.damageLuma().pixels() > 0) {
                    damageSquares += m.damageLuma().mse() * m.damageLuma().pixels();
                    damagePixels += m.damageLuma().pixels();
                }
                if (m.damageSsim().pixels() > 0) {
                    damageSsimSum += m.damageSsim().value() * m.damageSsim().pixels();
                    damageSsimPixels += m.damageSsim().pixels();
                }
            }
            if (Double.isFinite(m.grainKept())) {
                grainSum += m.grainKept();
                grainFrames++;
            }
        }

        JsonObject toJson() {
            JsonObject o = new JsonObject();
            o.addProperty("frames", frames);
            o.add("deltaE2000", deltaEJson(ratio(deltaESum, deltaEPixels), ratio(p95Sum, p95Frames), deltaEPixels));
            o.add("luma", lumaJson(ratio(lumaSquares, lumaPixels), ratio(ssimSum, ssimPixels), lumaPixels));
            if (damageFrames > 0) {
                JsonObject d = lumaJson(ratio(damageSquares, damagePixels), ratio(damageSsimSum, damageSsimPixels),
                        damagePixels);
                d.addProperty("frames", damageFrames);
                o.add("damage", d);
            }
            o.addProperty("grainKept", ratio(grainSum, grainFrames));
            o.add("temporal", temporal.report().toJson());
            return o;
        }

        private static double ratio(double sum, long count) {
            return count == 0 ? Double.NaN : sum / count;
        }
    }
}
