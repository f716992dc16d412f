package org.emulsion.pipeline.internal.targets;

import org.emulsion.core.image.Image;
import org.emulsion.media.Colour;

/**
 * A reference frame's colour steadied on the match grade. An analogue transfer's colour wanders from
 * frame to frame (a telecine's lamp and channel gains drift over seconds), while a print's fade stays
 * put over a shot: what a frame of such a reference shows beyond the film's steady relation between
 * scan and reference is the transfer's, not the film's colour, and copying it would put the
 * transfer's drift and flicker into the restoration. Only for sources that declare drift
 * ({@code colourDrifts}): on a digital master graded once, the frame-to-frame differences this
 * measures are the grade's own errors.
 * <p>
 * The match grade, fitted on all of a model's pairs, is that steady relation: the reference's
 * colour averaged over many frames. A frame's drift is measured as one gain per channel (R, G, B as
 * encoded): the reference's mean over the pixels it covers against the graded scan's mean there,
 * relative to their common lightness. Means, because the scan's grain is zero-mean: a least-squares slope on a grainy scan would come
 * out too flat and the steadied reference too contrasty. Dividing the frame's reference by its
 * gains leaves its local colour (what one part of the picture shows against another) and takes out
 * the frame's own cast.
 */
final class TransferDrift {
    /** Least mean value (encoded) of a channel for its gain to be measured: below, the frame is too dark to tell. */
    private static final double DARKEST = 0.02;
    /** Gains beyond this factor either way are not a transfer's drift (a reference of other content): left alone. */
    private static final double LARGEST_GAIN = 1.5;

    private TransferDrift() {
    }

    /** Per channel (R, G, B), the reference's gain over the graded scan where it covers the frame; 1 where it cannot be told. */
    static double[] gains(Image reference, Image graded) {
        float[] r = reference.data();
        float[] g = graded.data();
        double[] sumReference = new double[3];
        double[] sumGraded = new double[3];
        long covered = 0;
        for (int i = 0; i < r.length; i += 3) {
            if (Float.isNaN(r[i]) || Float.isNaN(r[i + 1]) || Float.isNaN(r[i + 2])) {
                continue;
            }
            covered++;
            for (int c = 0; c < 3; c++) {
                sumReference[c] += r[i + c];
                sumGraded[c] += g[i + c];
            }
        }
        double[] gains = {1, 1, 1};
        if (covered == 0) {
            return gains;
        }
        for (int c = 0; c < 3; c++) {
            double meanGraded = sumGraded[c] / covered;
            double meanReference = sumReference[c] / covered;
            if (!(meanGraded >= DARKEST && meanReference >= DARKEST)) {
                return new double[] {1, 1, 1};
            }
            gains[c] = meanReference / meanGraded;
        }
        // the cast alone: a frame brighter or darker than the grade expects is the print's flicker (the scan's, kept as
        // its luma), and a common gain would scale the reference's chroma with it
        double luma = Colour.y((float) gains[0], (float) gains[1], (float) gains[2]);
        for (int c = 0; c < 3; c++) {
            gains[c] /= luma;
            if (gains[c] > LARGEST_GAIN || gains[c] < 1 / LARGEST_GAIN) {
                return new double[] {1, 1, 1};
            }
        }
        return gains;
    }

    /**
     * {@code reference} (RGB, NaN where it does not cover the frame) with its frame's drift against
     * {@code graded} (the match-graded scan, RGB at the same size) divided out.
     */
    static Image steadied(Image reference, Image graded) {
        if (reference.width() != graded.width() || reference.height() != graded.height()) {
            throw new IllegalArgumentException("the reference (" + reference.width() + "x" + reference.height()
                    + ") is not registered on the graded scan (" + graded.width() + "x" + graded.height() + ")");
        }
        double[] gains = gains(reference, graded);
        Image out = reference.copy();
        float[] d = out.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) Math.min(1, d[i] / gains[i % 3]); // NaN stays NaN
        }
        return out;
    }
}
