package org.emulsion.align.internal;

import java.util.stream.IntStream;

import org.emulsion.core.image.Image;
import org.emulsion.core.image.RobustSpread;

/**
 * How far a frame is from another picture of the same moment (a tone-matched witness, a warped
 * neighbour), per pixel and channel, in units of the pair's own noise: the signed difference, at
 * pixel scale, smoothed over a small and a larger neighbourhood (extended, faint damage stands out
 * of grain there) and along the film's length (scratches run that way), each divided by its robust standard deviation (1.4826 × median absolute deviation) among the
 * pixels where the other picture has as much structure: an imperfect registration, flow or
 * resolution match leaves differences along edges and in fine detail that flat areas never show,
 * so the scale is learnt per class of local contrast (quantiles of the other picture's gradient
 * and of its local mean, per channel), and never falls as contrast rises. Damage is a minority of every class, so the
 * scales are those of grain, compression and small misregistration: no threshold needs to know
 * the film's grain. Comparisons tolerate a displacement of up to {@code shift} pixels: each pixel
 * is compared with the best-matching pixel of the other picture within that reach.
 */
public final class Residual {
    /** Smoothing of each scale, pixels (0: the pixel itself); the last, widest, finds faint extended damage but blurs where it ends. */
    private static final double[] SMOOTHING = {0, 1.5, 4};
    /** How many scales a residual has at most. */
    public static final int SCALES = SMOOTHING.length;
    /** Residuals are differences of [0, 1] samples; the histogram of the robust scale spans this range. */
    private static final int HISTOGRAM = 8192;
    /** Classes of edge contrast (the pixel's gradient) the scale is learnt in. */
    private static final int EDGE_CLASSES = 6;
    /** Classes of texture (the gradient's local mean), crossed with the edge classes. */
    private static final int TEXTURE_CLASSES = 4;
    /**
     * Classes of tone (the other picture's value in the channel), crossed with the others: a tone
     * curve matched onto a compressed toe or shoulder amplifies that picture's grain there.
     */
    private static final int TONE_CLASSES = 3;
    private static final int CLASSES = EDGE_CLASSES * TEXTURE_CLASSES * TONE_CLASSES;
    /** Bins of the per-class histograms, over ±{@link #RANGE} robust standard deviations of the whole frame. */
    private static final int CLASS_HISTOGRAM = 1024;
    private static final double RANGE = 12;
    /** The class statistics are taken on about this many pixels, evenly strided. */
    private static final int STATISTICS_SAMPLES = 120_000;
    /** A class needs this many pixels (and 1/500 of the frame) for a scale of its own. */
    private static final int MIN_CLASS = 64;
    /** Reach of the texture measure, pixels. */
    private static final double TEXTURE_SMOOTHING = 4;
    /** Smoothing of the luma before its gradient is taken, pixels. */
    private static final double GRADIENT_SMOOTHING = 1;

    private final int width;
    private final int height;
    private final int channels;
    /** Per scale, the normalised residual (HWC). */
    private final float[][] scales;

    private Residual(int width, int height, int channels, float[][] scales) {
        this.width = width;
        this.height = height;
        this.channels = channels;
        this.scales = scales;
    }

    /** {@code frame − other}, normalised at every scale; NaN where either is NaN. */
    public static Residual between(Image frame, Image other, int shift) {
        return between(frame, other, shift, SCALES);
    }

    /** {@link #between(Image, Image, int)} at the finest {@code scales} scales only (2: without the widest). */
    public static Residual between(Image frame, Image other, int shift, int scales) {
        return new Other(other).residual(frame, shift, scales);
    }

    /**
     * The other picture of a comparison with its contrast classes, found once for every frame
     * compared with it (the classes are the other picture's alone).
     */
    public static final class Other {
        private final Image other;
        private final int[] classes;

        public Other(Image other) {
            this.other = other;
            this.classes = contrastClasses(other);
        }

        /** {@code frame − other}, normalised at the finest {@code scales} scales; NaN where either is NaN. */
        public Residual residual(Image frame, int shift, int scales) {
            if (!frame.sameSize(other)) {
                throw new IllegalArgumentException(frame + " vs " + other);
            }
            int w = frame.width();
            int h = frame.height();
            int c = frame.channels();
            float[] r = difference(frame.data(), other.data(), w, h, c, shift);
            float[][] z = new float[scales][];
            for (int i = 0; i < scales; i++) {
                z[i] = ValidBlur.blur(r, w, h, c, SMOOTHING[i]);
                normalise(z[i], c, classes);
            }
            return new Residual(w, h, c, z);
        }
    }

    /** Per pixel, the largest |z| over channels and scales: how much the frame disagrees; NaN where not compared. */
    public float[] magnitude() {
        return magnitude(0, scales.length);
    }

    /**
     * {@link #magnitude()} over the finer scales only (all but the widest): where damage ends
     * (the widest scale spreads a strong difference beyond it).
     */
    public float[] edgeMagnitude() {
        return magnitude(0, Math.min(scales.length, SMOOTHING.length - 1));
    }

    /**
     * Damage of some extent: per pixel, the largest over channels of the smallest |z| over the
     * smoothed scales (NaN where not compared). A lone pixel far out is what grain's tail gives
     * over hundreds of thousands of pixels, and a difference that stands out at one smoothing only
     * is grain's tail at that scale (a clump of grain, a slow drift of density between the
     * elements); damage that spans the smoothings stands out at each of them. Damage too small for
     * the widest smoothing needs other evidence.
     */
    public float[] extendedMagnitude() {
        float[] out = new float[width * height];
        PixelRanges.forEach(out.length, (from, to) -> {
            for (int p = from; p < to; p++) {
                float m = Float.NaN;
                for (int k = 0; k < channels; k++) {
                    int i = p * channels + k;
                    float least = Float.POSITIVE_INFINITY;
                    for (int s = 1; s < scales.length; s++) {
                        least = Math.min(least, Math.abs(scales[s][i]));
                    }
                    m = nanMax(m, least);
                }
                out[p] = m;
            }
        });
        return out;
    }

    private float[] magnitude(int from, int to) {
        float[] out = new float[width * height];
        PixelRanges.forEach(out.length, (start, end) -> {
            for (int p = start; p < end; p++) {
                float m = Float.NaN;
                for (int k = 0; k < channels; k++) {
                    int i = p * channels + k;
                    for (int s = from; s < to; s++) {
                        m = nanMax(m, Math.abs(scales[s][i]));
                    }
                }
                out[p] = m;
            }
        });
        return out;
    }

    /**
     * Per pixel, how much the frame stands out from both of two other pictures in the same
     * direction (darker than both, or brighter): the smaller |z| where the signs agree, 0 where
     * they do not, the largest over channels and scales; NaN where either is missing (a pixel
     * seen in one neighbour only, e.g. picture entering the frame, cannot be told from damage).
     */
    public static float[] spike(Residual a, Residual b) {
        int n = a.width * a.height;
        float[] out = new float[n];
        PixelRanges.forEach(n, (from, to) -> {
            for (int p = from; p < to; p++) {
                float m = Float.NaN;
                for (int k = 0; k < a.channels; k++) {
                    int i = p * a.channels + k;
                    for (int s = 0; s < a.scales.length; s++) {
                        m = nanMax(m, both(a.scales[s][i], b.scales[s][i]));
                    }
                }
                out[p] = m;
            }
        });
        return out;
    }

    private static float both(float x, float y) {
        if (Float.isNaN(x) || Float.isNaN(y)) {
            return Float.NaN;
        }
        return (x > 0) == (y > 0) ? Math.min(Math.abs(x), Math.abs(y)) : 0;
    }

    private static float nanMax(float m, float v) {
        return Float.isNaN(m) ? v : Float.isNaN(v) ? m : Math.max(m, v);
    }

    /** Per pixel and channel, frame minus the other picture's best match within {@code shift} pixels (matched on all channels at once). */
    private static float[] difference(float[] a, float[] b, int w, int h, int c, int shift) {
        float[] out = new float[a.length];
        IntStream.range(0, h).parallel().forEach(y -> {
            int y0 = Math.max(0, y - shift);
            int y1 = Math.min(h - 1, y + shift);
            for (int x = 0; x < w; x++) {
                int p = (y * w + x) * c;
                int x0 = Math.max(0, x - shift);
                int x1 = Math.min(w - 1, x + shift);
                // candidates in rows, then columns, first smallest wins; NaN costs never win
                int at = c == 3 ? best3(a, b, p, w, x0, x1, y0, y1) : best(a, b, p, c, w, x0, x1, y0, y1);
                for (int k = 0; k < c; k++) {
                    out[p + k] = at < 0 || Float.isNaN(a[p + k]) ? Float.NaN : a[p + k] - b[at + k];
                }
            }
        });
        return out;
    }

    /** Where in {@code b} the window {@code [x0, x1] × [y0, y1]} best matches {@code a}'s pixel at {@code p} (sum of absolute differences); −1 if nowhere. */
    private static int best(float[] a, float[] b, int p, int c, int w, int x0, int x1, int y0, int y1) {
        double least = Double.POSITIVE_INFINITY;
        int at = -1;
        for (int yy = y0; yy <= y1; yy++) {
            for (int q = (yy * w + x0) * c, end = (yy * w + x1) * c; q <= end; q += c) {
                double cost = 0;
                for (int k = 0; k < c; k++) {
                    cost += Math.abs(a[p + k] - b[q + k]);
                }
                if (cost < least) {
                    least = cost;
                    at = q;
                }
            }
        }
        return at;
    }

    /** {@link #best} for three channels (colour frames: the common case, unrolled). */
    private static int best3(float[] a, float[] b, int p, int w, int x0, int x1, int y0, int y1) {
        float a0 = a[p];
        float a1 = a[p + 1];
        float a2 = a[p + 2];
        if (Float.isNaN(a0) || Float.isNaN(a1) || Float.isNaN(a2)) {
            return -1; // every cost is NaN
        }
        double least = Double.POSITIVE_INFINITY;
        int at = -1;
        for (int yy = y0; yy <= y1; yy++) {
            for (int q = (yy * w + x0) * 3, end = (yy * w + x1) * 3; q <= end; q += 3) {
                double cost = (double) Math.abs(a0 - b[q]) + (double) Math.abs(a1 - b[q + 1]) + (double) Math.abs(a2 - b[q + 2]);
                if (cost < least) {
                    least = cost;
                    at = q;
                }
            }
        }
        return at;
    }

    /**
     * Per pixel and channel, its class in {@code other}: the quantile of the channel's gradient
     * magnitude (an edge) crossed with the quantile of the gradient's local mean (a textured area)
     * and with the tercile of the value (a tone); −1 where NaN. (The frame's own
     * contrast would not do: its damage has edges and texture too.) Per channel, because an
     * edge between two colours of one brightness is an edge all the same; textured areas apart,
     * because a texture one picture cannot follow (finer than it resolves, a pattern the flow
     * slips on) differs densely even between its edges.
     */
    private static int[] contrastClasses(Image other) {
        float[] edges = gradient(other);
        float[] texture = ValidBlur.blur(edges, other.width(), other.height(), other.channels(), TEXTURE_SMOOTHING);
        int c = other.channels();
        int[] edge = quantiles(edges, c, EDGE_CLASSES);
        int[] area = quantiles(texture, c, TEXTURE_CLASSES);
        int[] tone = quantiles(other.data(), c, TONE_CLASSES);
        int[] out = new int[edge.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = edge[i] < 0 || area[i] < 0 || tone[i] < 0 ? -1 : (edge[i] * TEXTURE_CLASSES + area[i]) * TONE_CLASSES + tone[i];
        }
        return out;
    }

    /** Per pixel and channel, the gradient magnitude after a light blur (central differences); NaN where the image is. */
    private static float[] gradient(Image image) {
        int w = image.width();
        int h = image.height();
        int c = image.channels();
        float[] smooth = ValidBlur.blur(image.data(), w, h, c, GRADIENT_SMOOTHING);
        float[] gradient = new float[w * h * c];
        IntStream.range(0, h).parallel().forEach(y -> {
            for (int x = 0; x < w; x++) {
                for (int k = 0; k < c; k++) {
                    float gx = smooth[(y * w + Math.min(w - 1, x + 1)) * c + k] - smooth[(y * w + Math.max(0, x - 1)) * c + k];
                    float gy = smooth[(Math.min(h - 1, y + 1) * w + x) * c + k] - smooth[(Math.max(0, y - 1) * w + x) * c + k];
                    int i = (y * w + x) * c + k;
                    gradient[i] = Float.isNaN(image.data()[i]) ? Float.NaN : (float) Math.sqrt(gx * gx + gy * gy);
                }
            }
        });
        return gradient;
    }

    /**
     * Per sample, which of {@code classes} equal-count quantile classes of its channel it falls in
     * (from a histogram of the non-negative values, so linear in the pixel count); −1 for NaN.
     */
    private static int[] quantiles(float[] values, int c, int classes) {
        int[] out = new int[values.length];
        int[] histogram = new int[HISTOGRAM];
        for (int k = 0; k < c; k++) {
            int channel = k;
            float max = 0;
            for (int i = k; i < values.length; i += c) {
                max = values[i] > max ? values[i] : max; // NaN compares false
            }
            float perBin = HISTOGRAM / Math.max(1e-12f, max);
            java.util.Arrays.fill(histogram, 0);
            int valid = 0;
            int stride = Math.max(1, values.length / c / STATISTICS_SAMPLES) * c;
            for (int i = k; i < values.length; i += stride) {
                if (!Float.isNaN(values[i])) {
                    histogram[Math.min(HISTOGRAM - 1, (int) (values[i] * perBin))]++;
                    valid++;
                }
            }
            int[] classOf = new int[HISTOGRAM];
            long seen = 0;
            for (int b = 0; b < HISTOGRAM; b++) {
                classOf[b] = (int) Math.min(classes - 1, seen * classes / Math.max(1, valid));
                seen += histogram[b];
            }
            PixelRanges.forEach(values.length / c, (from, to) -> {
                for (int p = from; p < to; p++) {
                    int i = p * c + channel;
                    out[i] = Float.isNaN(values[i]) ? -1 : classOf[Math.min(HISTOGRAM - 1, (int) (values[i] * perBin))];
                }
            });
        }
        return out;
    }

    /**
     * Centres and divides each channel by its robust standard deviation within each contrast
     * class, the scale made non-decreasing with edge contrast and with texture (a busier class is
     * never held to a stricter standard than a flatter one).
     */
    private static void normalise(float[] r, int c, int[] classes) {
        int pixels = r.length / c;
        int stride = Math.max(1, pixels / STATISTICS_SAMPLES); // the statistics need a sample, not every pixel
        int minimum = Math.max(MIN_CLASS, pixels / stride / 500);
        // channels are independent: one core each
        IntStream.range(0, c).parallel().forEach(k -> normalise(r, c, k, classes, pixels, stride, minimum));
    }

    /** {@link #normalise(float[], int, int[])} of channel {@code k}. */
    private static void normalise(float[] r, int c, int k, int[] classes, int pixels, int stride, int minimum) {
        int[][] histograms = new int[CLASSES][CLASS_HISTOGRAM];
        int[] counts = new int[CLASSES];
        // medians per class, then median absolute deviations, from histograms over a range set by
        // a sample's robust scale (so that every scale of residual gets the same resolution)
        double range = RANGE * Math.max(1e-6, sampledScale(r, c, k));
        for (int p = 0; p < pixels; p += stride) {
            int q = classes[p * c + k];
            float v = r[p * c + k];
            if (q >= 0 && !Float.isNaN(v)) {
                histograms[q][classBin(v, -range, 2 * range)]++;
                counts[q]++;
            }
        }
        double[] centre = new double[CLASSES];
        for (int q = 0; q < CLASSES; q++) {
            centre[q] = counts[q] < minimum ? 0 : value(histograms[q], counts[q], -range, 2 * range);
            java.util.Arrays.fill(histograms[q], 0);
        }
        for (int p = 0; p < pixels; p += stride) {
            int q = classes[p * c + k];
            float v = r[p * c + k];
            if (q >= 0 && !Float.isNaN(v)) {
                histograms[q][classBin((float) Math.abs(v - centre[q]), 0, range)]++;
            }
        }
        double[] scale = new double[CLASSES];
        for (int q = 0; q < CLASSES; q++) {
            // 0: too few pixels to tell, the flatter classes' scale holds
            scale[q] = counts[q] < minimum ? 0 : 1.4826 * value(histograms[q], counts[q], 0, range);
        }
        // non-decreasing with edge contrast and with texture, for every tone; a class too small
        // for a scale of its own takes its tone's flatter neighbour's, or its tone neighbours'
        for (int e = 0; e < EDGE_CLASSES; e++) {
            for (int t = 0; t < TEXTURE_CLASSES; t++) {
                for (int v = 0; v < TONE_CLASSES; v++) {
                    int q = (e * TEXTURE_CLASSES + t) * TONE_CLASSES + v;
                    if (e > 0) {
                        scale[q] = Math.max(scale[q], scale[q - TEXTURE_CLASSES * TONE_CLASSES]);
                    }
                    if (t > 0) {
                        scale[q] = Math.max(scale[q], scale[q - TONE_CLASSES]);
                    }
                }
                for (int v = 0; v < TONE_CLASSES; v++) {
                    int q = (e * TEXTURE_CLASSES + t) * TONE_CLASSES + v;
                    for (int u = 0; u < TONE_CLASSES && scale[q] == 0; u++) {
                        scale[q] = scale[(e * TEXTURE_CLASSES + t) * TONE_CLASSES + u];
                    }
                }
            }
        }
        PixelRanges.forEach(pixels, (from, to) -> {
            for (int p = from; p < to; p++) {
                int i = p * c + k;
                int q = classes[i];
                r[i] = q < 0 ? Float.NaN : (float) ((r[i] - centre[q]) / Math.max(1e-6, scale[q]));
            }
        });
    }

    /** Robust scale of channel {@code k} from an evenly strided sample (a few thousand values). */
    private static double sampledScale(float[] r, int c, int k) {
        return sampled(r, c, k)[1];
    }

    /** Median and robust scale of channel {@code k} from an evenly strided sample (a few thousand values). */
    private static double[] sampled(float[] r, int c, int k) {
        int pixels = r.length / c;
        int stride = Math.max(1, pixels / 4096);
        float[] sample = new float[pixels / stride + 1];
        int n = 0;
        for (int p = 0; p < pixels; p += stride) {
            float v = r[p * c + k];
            if (!Float.isNaN(v)) {
                sample[n++] = v;
            }
        }
        return n == 0 ? new double[] {0, 1} : RobustSpread.of(sample, n);
    }

    private static int classBin(float v, double lo, double span) {
        return (int) Math.max(0, Math.min(CLASS_HISTOGRAM - 1, (v - lo) / span * CLASS_HISTOGRAM));
    }

    /**
     * Median and 1.4826 × median absolute deviation of channel {@code k} (finite values), from
     * histograms over [-1, 1]: linear in the pixel count, precise to 1/4096 of full scale.
     */
    static double[] robust(float[] r, int c, int k) {
        int[] histogram = new int[HISTOGRAM];
        int n = 0;
        for (int i = k; i < r.length; i += c) {
            float v = r[i];
            if (!Float.isNaN(v)) {
                histogram[bin(v, -1, 2)]++;
                n++;
            }
        }
        if (n == 0) {
            return new double[] {0, 1};
        }
        double median = value(histogram, n, -1, 2);
        java.util.Arrays.fill(histogram, 0);
        for (int i = k; i < r.length; i += c) {
            float v = r[i];
            if (!Float.isNaN(v)) {
                histogram[bin((float) Math.abs(v - median), 0, 1)]++;
            }
        }
        return new double[] {median, 1.4826 * value(histogram, n, 0, 1)};
    }

    private static int bin(float v, double lo, double span) {
        return (int) Math.max(0, Math.min(HISTOGRAM - 1, (v - lo) / span * HISTOGRAM));
    }

    private static double value(int[] histogram, int n, double lo, double span) {
        double half = n / 2.0;
        int seen = 0;
        for (int i = 0; i < histogram.length; i++) {
            if (seen + histogram[i] >= half) {
                double within = (half - seen) / Math.max(1, histogram[i]);
                return lo + (i + within) * span / histogram.length;
            }
            seen += histogram[i];
        }
        return lo + span;
    }
}
