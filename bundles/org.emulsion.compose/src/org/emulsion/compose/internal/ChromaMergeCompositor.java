package org.emulsion.compose.internal;

import java.util.List;
import java.util.stream.IntStream;

import org.emulsion.compose.Luma;
import org.emulsion.core.extensions.Compositor;
import org.emulsion.core.image.Image;

/**
 * Chroma merge: the prediction's CbCr on the scan's Y ("Color" blend).
 * <p>
 * Restorers require the scan's luma (grain, weave, flicker, detail) to survive exactly, so this
 * compositor works on 16-bit code values: it builds RGB from the scan's Y and the predicted
 * chroma, desaturates towards grey until the colour fits the RGB gamut (which leaves Y alone),
 * quantises, and then nudges the green code (and, at the gamut's edge, red and blue) until the
 * frame's 16-bit Y as {@link Luma} computes it equals the scan's. Where the mask is 0 the scan
 * is kept as it is.
 */
public final class ChromaMergeCompositor implements Compositor {
    // BT.601 weights, the ones OpenCV's RGB2YCrCb uses.
    private static final double KR = 0.299;
    private static final double KB = 0.114;
    private static final double KG = 1 - KR - KB;
    private static final int MAX = 65535;

    @Override
    public Image compose(Image scan, Image prediction, List<Image> references, Image mask) {
        if (scan.channels() != 3 || prediction.channels() != 2 || scan.width() != prediction.width()
                || scan.height() != prediction.height()) {
            throw new IllegalArgumentException("chroma merge needs an RGB scan and a CbCr prediction of the same size, got "
                    + scan + " and " + prediction);
        }
        int[] targetY = Luma.codes(scan);
        int w = scan.width();
        int n = w * scan.height();
        int[] rgb = new int[3 * n];
        // pixels are independent: rows are shared among the cores
        IntStream.range(0, scan.height()).parallel().forEach(row -> {
            for (int i = row * w; i < (row + 1) * w; i++) {
                double weight = mask == null ? 1 : Math.min(1, Math.max(0, mask.data()[i]));
                if (weight == 0) {
                    keepScan(scan.data(), i, rgb);
                } else {
                    mergePixel(scan.data(), prediction.data(), i, weight, targetY[i], rgb);
                }
            }
        });
        lockLuma(rgb, targetY);
        float[] out = new float[3 * n];
        IntStream.range(0, scan.height()).parallel().forEach(row -> {
            for (int k = 3 * row * w; k < 3 * (row + 1) * w; k++) {
                out[k] = rgb[k] / (float) MAX;
            }
        });
        return new Image(scan.width(), scan.height(), 3, out);
    }

    private static void keepScan(float[] scan, int i, int[] rgb) {
        for (int k = 3 * i; k < 3 * i + 3; k++) {
            rgb[k] = clamp(Math.round(scan[k] * (double) MAX));
        }
    }

    /** RGB codes for pixel {@code i} from the scan's Y and the blended chroma, fitted into the gamut. */
    private static void mergePixel(float[] scan, float[] prediction, int i, double weight, int y16, int[] rgb) {
        double r0 = scan[3 * i];
        double g0 = scan[3 * i + 1];
        double b0 = scan[3 * i + 2];
        double y = y16 / (double) MAX;
        // Scan chroma (BT.601, centred on 0) and predicted chroma (stored centred on 0.5).
        double cbScan = (b0 - (KR * r0 + KG * g0 + KB * b0)) / (2 * (1 - KB));
        double crScan = (r0 - (KR * r0 + KG * g0 + KB * b0)) / (2 * (1 - KR));
        double cb = weight * (prediction[2 * i] - 0.5) + (1 - weight) * cbScan;
        double cr = weight * (prediction[2 * i + 1] - 0.5) + (1 - weight) * crScan;
        double dr = 2 * (1 - KR) * cr;
        double db = 2 * (1 - KB) * cb;
        double dg = -(KR * dr + KB * db) / KG;
        // Largest s in [0, 1] keeping y + s * d inside [0, 1] for each channel: desaturate, never shift Y.
        double s = Math.max(0, Math.min(fit(y, dr), Math.min(fit(y, dg), fit(y, db))));
        rgb[3 * i] = clamp(Math.round((y + s * dr) * MAX));
        rgb[3 * i + 1] = clamp(Math.round((y + s * dg) * MAX));
        rgb[3 * i + 2] = clamp(Math.round((y + s * db) * MAX));
    }

    /** The largest s in [0, 1] for which y + s · d stays inside [0, 1]. */
    private static double fit(double y, double d) {
        return d > 0 ? Math.min(1, (1 - y) / d) : d < 0 ? Math.min(1, -y / d) : 1;
    }

    /**
     * Makes the quantised frame's Y equal {@code targetY} exactly. One green code moves Y by
     * less than one code (green weighs 0.587), so stepping green reaches every Y; red, then
     * blue take over where green is pinned at 0 or 65535. Large first steps, then single codes,
     * which cannot overshoot. Y is measured each pass with the same function the check uses, on
     * the pixels still off only (after the first pass a small fraction of the frame).
     */
    private static void lockLuma(int[] rgb, int[] targetY) {
        double[] weights = {KG, KR, KB};
        int[] channels = {1, 0, 2};
        int[] pending = new int[targetY.length];
        for (int i = 0; i < pending.length; i++) {
            pending[i] = i;
        }
        int count = pending.length;
        for (int pass = 0; pass < 64; pass++) {
            int[] codes = new int[3 * count];
            for (int j = 0; j < count; j++) {
                System.arraycopy(rgb, 3 * pending[j], codes, 3 * j, 3);
            }
            int[] y = Luma.ofCodes(codes);
            int still = 0;
            for (int j = 0; j < count; j++) {
                int i = pending[j];
                int diff = targetY[i] - y[j];
                if (diff == 0) {
                    continue;
                }
                pending[still++] = i;
                for (int k = 0; k < 3; k++) {
                    int at = 3 * i + channels[k];
                    int step = Integer.signum(diff) * (pass < 2 ? Math.max(1, (int) (Math.abs(diff) / weights[k])) : 1);
                    int moved = rgb[at] + step;
                    if (moved >= 0 && moved <= MAX) {
                        rgb[at] = moved;
                        break;
                    }
                    rgb[at] = clamp(moved);
                }
            }
            if (still == 0) {
                return;
            }
            count = still;
        }
        throw new IllegalStateException("luma lock did not converge; please report this frame");
    }

    private static int clamp(long v) {
        return (int) Math.max(0, Math.min(MAX, v));
    }
}
