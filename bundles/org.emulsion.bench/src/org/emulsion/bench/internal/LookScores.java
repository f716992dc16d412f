package org.emulsion.bench.internal;

import org.emulsion.core.image.Image;
import org.emulsion.media.Colour;
import org.emulsion.quality.ChromaFlicker;
import org.emulsion.quality.Planes;

import com.google.gson.JsonObject;

/**
 * One method's colour scored against the reference's look, the colour evidence of a
 * reference-guided restore: chroma ΔE2000 (its a*, b* against the look's on the look's L*; the mean
 * of the frames' means, over all frames and over those with and without a reference) and the
 * chroma flicker in still areas ({@link ChromaFlicker}; over all consecutive pairs and over the
 * pairs whose two frames have a reference, where the pasted reference's flicker is the
 * reference's own).
 */
final class LookScores {
    private final double[] chroma = new double[6]; // sum, frames: all, with reference, without
    private final ChromaFlicker flicker = new ChromaFlicker();
    private final ChromaFlicker flickerWithReference = new ChromaFlicker();
    private Image lastChroma;
    private boolean lastHasReference;

    /**
     * Adds one frame, in order.
     *
     * @param chromaError the frame's chroma ΔE2000 map against the look ({@link Colour#deltaE2000Map})
     * @param still       the still pixels between the previous frame and this one, or null when the
     *                    previous frame is not the one before it in the film
     */
    void add(boolean hasReference, Image chromaError, Image result, Image still) {
        double mean = Colour.stats(chromaError, null).mean();
        int group = hasReference ? 2 : 4;
        chroma[0] += mean;
        chroma[1]++;
        chroma[group] += mean;
        chroma[group + 1]++;
        Image resultChroma = Planes.chroma(result);
        if (still != null && lastChroma != null) {
            ChromaFlicker.Pair pair = ChromaFlicker.between(lastChroma, resultChroma, still);
            flicker.add(pair);
            if (hasReference && lastHasReference) {
                flickerWithReference.add(pair);
            }
        }
        lastChroma = resultChroma;
        lastHasReference = hasReference;
    }

    /** Adds the scores to a method's {@code againstReferenceLook} group. */
    void addTo(JsonObject look) {
        look.addProperty("chromaDeltaE2000Mean", ratio(0));
        look.addProperty("chromaDeltaE2000FramesWithReference", ratio(2));
        look.addProperty("chromaDeltaE2000FramesWithoutReference", ratio(4));
        JsonObject still = new JsonObject();
        still.add("all", flicker.toJson());
        still.add("withReference", flickerWithReference.toJson());
        still.addProperty("note", "mean |d(Cb, Cr)| per still pixel (truth's blurred luma changed by under one 8-bit code) "
                + "between consecutive frames; withReference: pairs whose two frames have a reference");
        look.add("stillChromaFlicker", still);
    }

    private double ratio(int group) {
        return chroma[group + 1] == 0 ? Double.NaN : chroma[group] / chroma[group + 1];
    }
}
