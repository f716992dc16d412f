package org.emulsion.quality;

import org.emulsion.core.image.Image;

/** Small per-pixel helpers for the baselines. */
final class Pixels {
    private Pixels() {
    }

    /** {@code out} clamped to [0, 1] in place, with NaN in every pixel where {@code in} is not finite; returns {@code out}. */
    static Image clampKeepingNaN(Image out, Image in) {
        float[] o = out.data();
        float[] s = in.data();
        for (int k = 0; k < o.length; k += 3) {
            if (!finite(s, k)) {
                o[k] = o[k + 1] = o[k + 2] = Float.NaN;
                continue;
            }
            for (int c = k; c < k + 3; c++) {
                o[c] = Math.min(1f, Math.max(0f, o[c]));
            }
        }
        return out;
    }

    static boolean finite(float[] d, int k) {
        return Float.isFinite(d[k]) && Float.isFinite(d[k + 1]) && Float.isFinite(d[k + 2]);
    }

    static double clamp01(double v) {
        return v < 0 ? 0 : v > 1 ? 1 : v;
    }
}
