package org.emulsion.compose.internal;

import java.util.stream.IntStream;

import org.emulsion.compose.Luma;
import org.emulsion.core.image.Image;

/**
 * The merge both compositors share, on 16-bit code values: a pixel is rebuilt from a target 16-bit
 * Y and a chroma (Cb, Cr, centred on 0), desaturated towards grey until it fits the RGB gamut
 * (which leaves Y alone), quantised, and the frame's Y as {@link Luma} computes it is then locked
 * onto the target by nudging the green code (and, at the gamut's edge, red and blue). Where a
 * pixel's weight is 0 the scan's own codes are kept, so those pixels are the scan's bit for bit.
 */
final class CodeValueMerge {
    // BT.601 weights, the ones OpenCV's RGB2YCrCb uses.
    static final double KR = 0.299;
    static final double KB = 0.114;
    static final double KG = 1 - KR - KB;
    static final int MAX = 65535;
    /** The channels the luma lock nudges, in turn (green first: it moves Y least per code), and their weights. */
    private static final int[] LOCK_CHANNELS = {1, 0, 2};
    private static final double[] LOCK_WEIGHTS = {KG, KR, KB};

    private CodeValueMerge() {
    }

    /** Per pixel: the 16-bit Y it must have and its chroma (Cb, Cr centred on 0), for a pixel whose weight is above 0. */
    interface PixelTarget {
        /** Writes {targetY16, cb, cr} of pixel {@code i}, whose 16-bit Y in the scan is {@code scanY}, into {@code out}. */
        void target(int i, int scanY, double[] out);
    }

    /**
     * Merges {@code scan} with {@code target} where {@code weights} is above 0.
     *
     * @param weights per pixel in [0, 1]; null: 1 everywhere
     */
    static Image merge(Image scan, float[] weights, PixelTarget target) {
        int w = scan.width();
        float[] samples = scan.data();
        // written pixel by pixel with no whole-frame intermediates: at archive size each is a fresh
        // mapping of 58-174 MB faulted in page by page, which took longer than the merge itself
        float[] out = new float[3 * w * scan.height()];
        // pixels are independent: rows are shared among the cores (archive-size frames)
        IntStream.range(0, scan.height()).parallel().forEach(row -> {
            double[] t = new double[3];
            int[] rgb = new int[3];
            for (int i = row * w; i < (row + 1) * w; i++) {
                int targetY = Luma.of(samples, i); // the scan's, replaced where a target is given
                if (weight(weights, i) <= 0) {
                    keepScan(samples, i, rgb);
                } else {
                    target.target(i, targetY, t);
                    targetY = (int) t[0];
                    pixel(targetY, t[1], t[2], rgb);
                }
                lockLuma(rgb, targetY);
                for (int k = 0; k < 3; k++) {
                    out[3 * i + k] = rgb[k] / (float) MAX;
                }
            }
        });
        return new Image(scan.width(), scan.height(), 3, out);
    }

    /** The scan's chroma of pixel {@code i} (BT.601, centred on 0) into {@code out[1]} (Cb) and {@code out[2]} (Cr). */
    static void scanChroma(float[] scan, int i, double[] out) {
        double r0 = scan[3 * i];
        double g0 = scan[3 * i + 1];
        double b0 = scan[3 * i + 2];
        double y = KR * r0 + KG * g0 + KB * b0;
        out[1] = (b0 - y) / (2 * (1 - KB));
        out[2] = (r0 - y) / (2 * (1 - KR));
    }

    /** The weights of a mask, clamped to [0, 1]; null (1 everywhere, {@link #weight}) when there is no mask. */
    static float[] weights(Image mask, int n) {
        if (mask == null) {
            return null;
        }
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = Math.min(1f, Math.max(0f, mask.data()[i]));
        }
        return w;
    }

    /** Pixel {@code i}'s weight in {@code weights} ({@link #weights}: null is 1 everywhere). */
    static float weight(float[] weights, int i) {
        return weights == null ? 1f : weights[i];
    }

    /** Pixel {@code i}'s own codes into {@code rgb}. */
    private static void keepScan(float[] scan, int i, int[] rgb) {
        for (int k = 0; k < 3; k++) {
            rgb[k] = clamp(Math.round(scan[3 * i + k] * (double) MAX));
        }
    }

    /** RGB codes into {@code rgb} from a 16-bit Y and a chroma, fitted into the gamut by desaturating. */
    private static void pixel(int y16, double cb, double cr, int[] rgb) {
        double y = y16 / (double) MAX;
        double dr = 2 * (1 - KR) * cr;
        double db = 2 * (1 - KB) * cb;
        double dg = -(KR * dr + KB * db) / KG;
        // Largest s in [0, 1] keeping y + s * d inside [0, 1] for each channel: desaturate, never shift Y.
        double s = 1;
        for (double d : new double[] {dr, dg, db}) {
            if (d > 0) {
                s = Math.min(s, (1 - y) / d);
            } else if (d < 0) {
                s = Math.min(s, -y / d);
            }
        }
        s = Math.max(0, s);
        rgb[0] = clamp(Math.round((y + s * dr) * MAX));
        rgb[1] = clamp(Math.round((y + s * dg) * MAX));
        rgb[2] = clamp(Math.round((y + s * db) * MAX));
    }

    /**
     * Makes the quantised Y of a pixel's codes {@code rgb} equal {@code targetY} exactly. One green code moves Y by
     * less than one code (green weighs 0.587), so green reaches every Y: it goes at once to the
     * nearest code that gives the target ({@link Luma#green}, what stepping it code by code would
     * reach). Where that is beyond 0 or 65535, red, then blue take over: large first steps, then
     * single codes, which cannot overshoot. Y is measured with the same function the check uses.
     */
    private static void lockLuma(int[] rgb, int targetY) {
        int y = Luma.of(rgb[0], rgb[1], rgb[2]);
        if (y == targetY) {
            return;
        }
        int green = Luma.green(rgb[0], rgb[2], targetY, y < targetY);
        if (green >= 0 && green <= MAX) {
            rgb[1] = green;
            return;
        }
        for (int pass = 0; pass < 64; pass++) {
            int diff = targetY - Luma.of(rgb[0], rgb[1], rgb[2]);
            if (diff == 0) {
                return;
            }
            for (int k = 0; k < 3; k++) {
                int at = LOCK_CHANNELS[k];
                int step = Integer.signum(diff) * (pass < 2 ? Math.max(1, (int) (Math.abs(diff) / LOCK_WEIGHTS[k])) : 1);
                int moved = rgb[at] + step;
                if (moved >= 0 && moved <= MAX) {
                    rgb[at] = moved;
                    break;
                }
                rgb[at] = clamp(moved);
            }
        }
        throw new IllegalStateException("luma lock did not converge; please report this frame");
    }

    static int clamp(long v) {
        return (int) Math.max(0, Math.min(MAX, v));
    }
}
