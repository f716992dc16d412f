package org.emulsion.align.internal;

import java.util.function.IntToDoubleFunction;

import org.emulsion.core.image.Image;

/**
 * Puts a frame and a registered witness on equal terms before they are compared: the sharper of
 * the two is softened to the other's sharpness (another gauge, a later generation, a softer lens)
 * and the witness is tone-matched to the frame ({@link ToneCurve}). The softening is the Gaussian,
 * among a few, after which the tone-matched pair differs least along the picture's edges (robust
 * scale of the difference where the witness's contrast is highest, on the middle of the frame):
 * there a sharpness mismatch shows, while elsewhere softening would only win by wiping grain.
 */
public final class Sharpness {
    /** Candidate softenings, pixels, in order: negative blurs the witness, positive the frame. */
    private static final double[] SIGMAS = {-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 3};
    /** Share of the pixels, those of highest contrast in the witness, the softening is judged on. */
    private static final double EDGES = 0.15;
    /** Coverage edge left out, pixels. */
    private static final int INSET = 2;
    /** Smoothing of the difference before its spread is measured, pixels. */
    private static final double NOISE_SMOOTHING = 1.5;

    private Sharpness() {
    }

    /**
     * The pair as compared: the frame (softened or not), the witness (softened or not, in the
     * frame's tones), the softening chosen, and the correlation of the pair's luma (how well the
     * witness explains the frame, 0…1).
     */
    public record Comparison(Image frame, Image witness, double sigma, double quality) {
    }

    public static Comparison compare(Image frame, Image registered) {
        Image witness = inset(Realign.onto(frame, registered));
        Image frameCrop = middle(frame);
        Image witnessCrop = middle(witness);
        boolean[] flat = flat(witnessCrop);
        // One tone match serves every candidate: the fit smooths both pictures first, so a softening
        // of a pixel or two leaves the curve as it is (the final pair gets its own fit below).
        ToneCurve[] tones = ToneCurve.fit(witnessCrop, frameCrop, null);
        Image matchedCrop = ToneCurve.apply(tones, witnessCrop);
        // The spread falls as the softening nears the pair's mismatch and rises past it: walk
        // downhill from no softening rather than trying every candidate.
        double[] spread = new double[SIGMAS.length];
        java.util.Arrays.fill(spread, Double.NaN);
        IntToDoubleFunction trial = i -> {
            if (Double.isNaN(spread[i])) {
                double s = SIGMAS[i];
                Image f = s > 0 ? blur(frameCrop, s) : frameCrop;
                Image wi = s < 0 ? ToneCurve.apply(tones, blur(witnessCrop, -s)) : matchedCrop;
                spread[i] = spread(f, wi, flat);
            }
            return spread[i];
        };
        int at = java.util.Arrays.binarySearch(SIGMAS, 0);
        int step = trial.applyAsDouble(at - 1) < trial.applyAsDouble(at + 1) ? -1 : 1;
        while (at + step >= 0 && at + step < SIGMAS.length && trial.applyAsDouble(at + step) < trial.applyAsDouble(at)) {
            at += step;
        }
        double sigma = SIGMAS[at];
        Image f = sigma > 0 ? blur(frame, sigma) : frame;
        Image wi = sigma < 0 ? blur(witness, -sigma) : witness;
        Image matched = ToneCurve.apply(ToneCurve.fit(wi, f, null), wi);
        return new Comparison(f, matched, sigma, Math.max(0, correlation(f, matched)));
    }

    /**
     * The witness without its outermost {@link #INSET} pixels of coverage: interpolation at the
     * edge of what it covers mixes in what lies beyond.
     */
    private static Image inset(Image witness) {
        int w = witness.width();
        int h = witness.height();
        int c = witness.channels();
        float[] d = witness.data();
        boolean any = false;
        for (int p = 0; p < w * h && !any; p++) {
            any = Float.isNaN(d[p * c]);
        }
        if (!any) {
            return witness;
        }
        float[] out = d.clone();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (!Float.isNaN(d[(y * w + x) * c])) {
                    continue;
                }
                for (int yy = Math.max(0, y - INSET); yy <= Math.min(h - 1, y + INSET); yy++) {
                    for (int xx = Math.max(0, x - INSET); xx <= Math.min(w - 1, x + INSET); xx++) {
                        java.util.Arrays.fill(out, (yy * w + xx) * c, (yy * w + xx) * c + c, Float.NaN);
                    }
                }
            }
        }
        return new Image(w, h, c, out);
    }

    /** Mean over channels of the robust standard deviation of {@code a − b} where not {@code ignore}. */
    private static double spread(Image a, Image b, boolean[] ignore) {
        float[] x = a.data();
        float[] y = b.data();
        float[] d = new float[x.length];
        int c = a.channels();
        for (int i = 0; i < d.length; i++) {
            d[i] = x[i] - y[i];
        }
        // Smoothed, so that the frame's grain, which any softening wipes, weighs little against a
        // sharpness mismatch along edges, which smoothing keeps.
        d = ValidBlur.blur(d, a.width(), a.height(), c, NOISE_SMOOTHING);
        for (int i = 0; i < d.length; i++) {
            if (ignore[i / c]) {
                d[i] = Float.NaN;
            }
        }
        double sum = 0;
        for (int k = 0; k < c; k++) {
            sum += Residual.robust(d, c, k)[1];
        }
        return sum / c;
    }

    /** Pearson correlation of the two images' channel means over the pixels where both are finite. */
    private static double correlation(Image a, Image b) {
        int c = a.channels();
        float[] x = a.data();
        float[] y = b.data();
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        long n = 0;
        for (int p = 0; p < x.length / c; p++) {
            double u = 0;
            double v = 0;
            for (int k = 0; k < c; k++) {
                u += x[p * c + k];
                v += y[p * c + k];
            }
            if (Double.isNaN(u) || Double.isNaN(v)) {
                continue;
            }
            sx += u;
            sy += v;
            sxx += u * u;
            syy += v * v;
            sxy += u * v;
            n++;
        }
        if (n < 2) {
            return 0;
        }
        double cov = sxy - sx * sy / n;
        double vx = sxx - sx * sx / n;
        double vy = syy - sy * sy / n;
        return vx <= 0 || vy <= 0 ? 0 : cov / Math.sqrt(vx * vy);
    }

    /** The pixels outside the {@link #EDGES} share of highest luma gradient (central differences after a 1-pixel blur). */
    private static boolean[] flat(Image image) {
        int w = image.width();
        int h = image.height();
        int c = image.channels();
        float[] luma = new float[w * h];
        for (int p = 0; p < luma.length; p++) {
            for (int k = 0; k < c; k++) {
                luma[p] += image.data()[p * c + k] / c;
            }
        }
        float[] smooth = ValidBlur.blur(luma, w, h, 1, 1);
        float[] gradient = new float[w * h];
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                float gx = smooth[y * w + x + 1] - smooth[y * w + x - 1];
                float gy = smooth[(y + 1) * w + x] - smooth[(y - 1) * w + x];
                gradient[y * w + x] = (float) Math.sqrt(gx * gx + gy * gy); // NaN where the witness is missing
            }
        }
        float[] sorted = gradient.clone();
        java.util.Arrays.sort(sorted); // NaN last
        int finite = 0;
        while (finite < sorted.length && !Float.isNaN(sorted[finite])) {
            finite++;
        }
        float threshold = finite == 0 ? Float.POSITIVE_INFINITY : sorted[(int) (finite * (1 - EDGES))];
        boolean[] out = new boolean[w * h];
        for (int p = 0; p < out.length; p++) {
            out[p] = !(gradient[p] >= threshold);
        }
        return out;
    }

    private static Image blur(Image image, double sigma) {
        return new Image(image.width(), image.height(), image.channels(),
                ValidBlur.blur(image.data(), image.width(), image.height(), image.channels(), sigma));
    }

    /** The middle half of the frame in each direction (enough pixels to judge, a quarter of the work). */
    private static Image middle(Image image) {
        int w = Math.max(Math.min(64, image.width()), image.width() / 2);
        int h = Math.max(Math.min(64, image.height()), image.height() / 2);
        int x0 = (image.width() - w) / 2;
        int y0 = (image.height() - h) / 2;
        int c = image.channels();
        float[] out = new float[w * h * c];
        for (int y = 0; y < h; y++) {
            System.arraycopy(image.data(), ((y0 + y) * image.width() + x0) * c, out, y * w * c, w * c);
        }
        return new Image(w, h, c, out);
    }
}
