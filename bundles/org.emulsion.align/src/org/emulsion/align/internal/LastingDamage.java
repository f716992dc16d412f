package org.emulsion.align.internal;

import org.emulsion.core.image.Image;
import org.emulsion.core.image.RobustSpread;

/**
 * Damage that stays on the film from one frame to the next (a vinegar blotch, decay, a scratch the
 * camera moves over), carried from a neighbouring frame whose map shows it into a frame that no
 * witness covers. Compared with its neighbours alone, such damage hardly stands out: the flow
 * follows it, and with the picture warped it is in both frames, a little apart. What does tell it
 * is where it is: while the camera moves, a pixel that shows what the neighbour shows at the same
 * place on the film frame, and there the neighbour is damaged, is damaged too — the picture would
 * have moved. A pixel that matches the picture the neighbour shows intact where the camera brings
 * it is picture, whatever the map says (the map's own errors do not travel).
 */
public final class LastingDamage {
    /** The camera must move a pixel this far, in pixels, for the film frame and the picture to be told apart there. */
    private static final double MOVE = 3;
    /** Agreement within this many standard deviations of the two frames' noise. */
    private static final double AGREE = 2.5;
    /** Differences are smoothed over this many pixels, so grain weighs less than extended damage. */
    private static final double SMOOTHING = 1.5;

    private LastingDamage() {
    }

    /**
     * The pixels of {@code frame} where the neighbour's damage ({@code neighbourMask} ≥ 0.5)
     * lasts; false everywhere when the camera's motion cannot be found.
     */
    public static boolean[] carried(Image frame, Image neighbour, Image neighbourMask) {
        int w = frame.width();
        int h = frame.height();
        int n = w * h;
        boolean[] out = new boolean[n];
        Motion camera = Motion.between(frame, neighbour, 1).camera(frame);
        if (camera == null) {
            return out;
        }
        float[] mask = neighbourMask.data();
        float[] alignedMask = camera.warp(neighbourMask).data();
        Image aligned = camera.warp(neighbour);
        boolean[] ignore = new boolean[n];
        for (int p = 0; p < n; p++) {
            ignore[p] = !(alignedMask[p] < 0.5f) || mask[p] >= 0.5f;
        }
        ToneCurve[] tone = ToneCurve.fit(aligned, frame, ignore); // flicker, fading
        float[] y = Luma.of(frame);
        float[] samePlace = difference(y, Luma.of(ToneCurve.apply(tone, neighbour)), w, h);
        float[] picture = Luma.of(ToneCurve.apply(tone, aligned));
        for (int p = 0; p < n; p++) {
            if (Float.isNaN(alignedMask[p])) {
                picture[p] = Float.NaN; // beyond the neighbour (Luma.of reads it as black)
            }
        }
        float[] samePicture = difference(y, picture, w, h);
        double noise = spread(samePicture, ignore);
        if (!(noise > 0)) {
            return out;
        }
        double agree = AGREE * noise;
        for (int p = 0; p < n; p++) {
            boolean isPicture = alignedMask[p] < 0.5f && Math.abs(samePicture[p]) <= agree;
            out[p] = mask[p] >= 0.5f && camera.displacement(p) >= MOVE && Math.abs(samePlace[p]) <= agree && !isPicture;
        }
        return out;
    }

    private static float[] difference(float[] a, float[] b, int w, int h) {
        float[] d = new float[a.length];
        for (int p = 0; p < d.length; p++) {
            d[p] = a[p] - b[p];
        }
        return ValidBlur.blur(d, w, h, 1, SMOOTHING);
    }

    /** Robust standard deviation (1.4826 × median absolute deviation) of the finite differences not ignored. */
    private static double spread(float[] d, boolean[] ignore) {
        float[] v = new float[d.length];
        int m = 0;
        for (int p = 0; p < d.length; p++) {
            if (!ignore[p] && Float.isFinite(d[p])) {
                v[m++] = d[p];
            }
        }
        return m < 64 ? 0 : RobustSpread.of(v, m)[1];
    }
}
