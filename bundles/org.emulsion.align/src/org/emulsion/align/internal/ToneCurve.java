package org.emulsion.align.internal;

import org.emulsion.core.image.Image;
import org.emulsion.media.MonotoneFit;

/**
 * A robust monotone tone match of one element onto another, per channel: for bins of the source's
 * values, the median of the target's values at the same pixels, made non-decreasing (pool adjacent
 * violators, weighted by the bins' counts) and linear between bins. Medians let damage in either
 * element (a minority of any bin) pass without bending the curve; monotone because another print
 * stock, a grade or fading never reverses tones. It needs no model of the curve, so it matches an
 * S-shaped print stock, a gamma or dye fading alike. Both elements are smoothed before the fit:
 * binned by a grainy source, the medians would flatten towards the mean (regression dilution)
 * exactly where grain is as large as the tonal steps, in the toe and the shoulder.
 * <p>
 * {@code org.emulsion.quality.ToneCurve} is the other tone curve: it fits luma in [0, 1] on fixed
 * bins, accumulated over many frames, for the scores and the restorers' inputs. This one fits every
 * channel of one pair of images over their own value range (any encoding), smoothed, for alignment.
 * Both make their medians monotone through {@link MonotoneFit}.
 */
public final class ToneCurve {
    private static final int BINS = 64;
    private static final int TARGET_BINS = 512;
    /** Bins with fewer samples than this do not take part (too few for a median). */
    private static final int MIN_COUNT = 16;
    /** The curve is fitted on about this many pixels, evenly strided. */
    private static final int SAMPLES = 120_000;
    /** Smoothing of both elements before the fit, pixels. */
    private static final double FIT_SMOOTHING = 2;

    /** Entries of the lookup table the curve is applied through. */
    private static final int TABLE = 4096;

    /** Per bin: mean source value (x) and fitted target value (y), for the bins that take part. */
    private final float[] x;
    private final float[] y;
    /** The curve sampled every (x[n-1] − x[0]) / (TABLE − 1) from x[0]. */
    private final float[] table;

    private ToneCurve(float[] x, float[] y) {
        this.x = x;
        this.y = y;
        this.table = new float[x.length == 0 ? 0 : TABLE];
        for (int i = 0; i < table.length; i++) {
            table[i] = exact(x.length < 2 ? x[0] : x[0] + (x[x.length - 1] - x[0]) * i / (TABLE - 1));
        }
    }

    /**
     * The curves (one per channel) mapping {@code source}'s tones onto {@code target}'s, fitted on
     * the pixels where both are finite and {@code ignore} (may be null) is false.
     */
    public static ToneCurve[] fit(Image source, Image target, boolean[] ignore) {
        if (!source.sameSize(target)) {
            throw new IllegalArgumentException(source + " vs " + target);
        }
        int c = source.channels();
        int w = source.width();
        int h = source.height();
        float[] s = ValidBlur.blur(source.data(), w, h, c, FIT_SMOOTHING);
        float[] t = ValidBlur.blur(target.data(), w, h, c, FIT_SMOOTHING);
        return java.util.stream.IntStream.range(0, c).parallel().mapToObj(k -> fit(s, t, c, k, ignore)).toArray(ToneCurve[]::new);
    }

    /** {@code image} with every channel through its curve (NaN stays NaN). */
    public static Image apply(ToneCurve[] curves, Image image) {
        int c = image.channels();
        float[] in = image.data();
        float[] out = new float[in.length];
        PixelRanges.forEach(in.length / c, (from, to) -> {
            for (int p = from; p < to; p++) {
                for (int k = 0; k < c; k++) {
                    out[p * c + k] = curves[k].map(in[p * c + k]);
                }
            }
        });
        return new Image(image.width(), image.height(), c, out);
    }

    /** The target value for source value {@code v}: linear between bins, flat beyond the fitted range. */
    public float map(float v) {
        if (Float.isNaN(v) || x.length == 0) {
            return v;
        }
        int n = x.length;
        if (v <= x[0] || n < 2) {
            return table[0];
        }
        if (v >= x[n - 1]) {
            return table[TABLE - 1];
        }
        float f = (v - x[0]) / (x[n - 1] - x[0]) * (TABLE - 1);
        int i = Math.min(TABLE - 2, (int) f);
        return table[i] + (f - i) * (table[i + 1] - table[i]);
    }

    private float exact(float v) {
        if (v <= x[0]) {
            return y[0];
        }
        int n = x.length;
        if (v >= x[n - 1]) {
            return y[n - 1];
        }
        int lo = 0;
        int hi = n - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (x[mid] <= v) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        float t = (v - x[lo]) / Math.max(1e-12f, x[hi] - x[lo]);
        return y[lo] + t * (y[hi] - y[lo]);
    }

    private static ToneCurve fit(float[] source, float[] target, int channels, int channel, boolean[] ignore) {
        float sLo = Float.POSITIVE_INFINITY;
        float sHi = Float.NEGATIVE_INFINITY;
        float tLo = Float.POSITIVE_INFINITY;
        float tHi = Float.NEGATIVE_INFINITY;
        int pixels = source.length / channels;
        int stride = Math.max(1, pixels / SAMPLES);
        for (int p = 0; p < pixels; p += stride) {
            float s = source[p * channels + channel];
            float t = target[p * channels + channel];
            if (usable(s, t, ignore, p)) {
                sLo = Math.min(sLo, s);
                sHi = Math.max(sHi, s);
                tLo = Math.min(tLo, t);
                tHi = Math.max(tHi, t);
            }
        }
        if (!(sHi > sLo) || !(tHi >= tLo)) {
            return new ToneCurve(new float[0], new float[0]); // nothing to fit: identity
        }
        int[] counts = new int[BINS];
        double[] sums = new double[BINS];
        int[][] histograms = new int[BINS][TARGET_BINS];
        float sScale = BINS / (sHi - sLo);
        float tScale = (TARGET_BINS - 1) / Math.max(1e-12f, tHi - tLo);
        for (int p = 0; p < pixels; p += stride) {
            float s = source[p * channels + channel];
            float t = target[p * channels + channel];
            if (usable(s, t, ignore, p)) {
                int b = Math.min(BINS - 1, (int) ((s - sLo) * sScale));
                counts[b]++;
                sums[b] += s;
                histograms[b][Math.round((t - tLo) * tScale)]++;
            }
        }
        float[] xs = new float[BINS];
        double[] medians = new double[BINS];
        double[] weights = new double[BINS];
        int n = 0;
        for (int b = 0; b < BINS; b++) {
            if (counts[b] >= MIN_COUNT) {
                xs[n] = (float) (sums[b] / counts[b]);
                medians[n] = tLo + median(histograms[b], counts[b]) / tScale;
                weights[n] = counts[b];
                n++;
            }
        }
        double[] monotone = MonotoneFit.poolAdjacentViolators(medians, weights, n);
        float[] ys = new float[n];
        for (int i = 0; i < n; i++) {
            ys[i] = (float) monotone[i];
        }
        return new ToneCurve(java.util.Arrays.copyOf(xs, n), ys);
    }

    private static boolean usable(float s, float t, boolean[] ignore, int p) {
        return !Float.isNaN(s) && !Float.isNaN(t) && (ignore == null || !ignore[p]);
    }

    /** The median's position in a histogram of {@code count} samples, interpolated within its bin. */
    private static float median(int[] histogram, int count) {
        double half = count / 2.0;
        int seen = 0;
        for (int i = 0; i < histogram.length; i++) {
            if (seen + histogram[i] >= half) {
                return (float) (i - 0.5 + (half - seen) / Math.max(1, histogram[i]));
            }
            seen += histogram[i];
        }
        return histogram.length - 1;
    }
}
