package org.emulsion.quality;

import java.util.Arrays;

import org.emulsion.media.MonotoneFit;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * A smooth monotone tone curve mapping one element's luma onto another's (a print's onto the
 * scan's, a reference's onto a faded print's), fitted on the pixels both show intact. Robust to
 * grain and to damage the mask missed: each of {@value #BINS} input bins takes the median of its
 * outputs (read off a joint histogram, so any number of pixels costs the same memory), bins
 * are made non-decreasing by weighted pool-adjacent-violators, lightly smoothed (which keeps them
 * monotone), and read by linear interpolation; below the first and above the last populated bin
 * the curve continues flat.
 * <p>
 * Alignment has its own curve ({@code org.emulsion.align.internal.ToneCurve}): per channel, over
 * each image pair's own value range, on smoothed images. The monotone step is shared
 * ({@link MonotoneFit}); the binning differs because the inputs do.
 */
public final class ToneCurve {
    static final int BINS = 64;
    private static final int LEVELS = 1024;
    /** Bins with fewer samples than this carry no median of their own. */
    private static final int MIN_SAMPLES = 16;
    private final double[] x;
    private final double[] y;
    /** Whether the curve continues along its end segments beyond its ends, rather than flat. */
    private final boolean continued;

    private ToneCurve(double[] x, double[] y, boolean continued) {
        this.x = x;
        this.y = y;
        this.continued = continued;
    }

    private ToneCurve(double[] x, double[] y) {
        this(x, y, false);
    }

    /**
     * This curve continued beyond its first and last points along its end segments instead of
     * flat: for tone-mapping a whole picture, whose values outside the fitted range (another
     * frame's highlights, the darkest percent) must keep their detail and grain, not be clipped to
     * one value. A curve of two points (levels) is then one straight line.
     */
    public ToneCurve continued() {
        return new ToneCurve(x, y, true);
    }

    /** The identity: what a fit without samples returns. */
    public static ToneCurve identity() {
        return new ToneCurve(new double[] {0, 1}, new double[] {0, 1});
    }

    /** Accumulates samples, then fits. */
    public static final class Fit {
        private final long[][] joint = new long[BINS][LEVELS];

        /** Adds the pairs ({@code from[i]}, {@code to[i]}) whose {@code weight[i]} is above 0.5 and both values finite (weights may be null). */
        public Fit add(float[] from, float[] to, float[] weight) {
            for (int i = 0; i < from.length; i++) {
                if ((weight == null || weight[i] > 0.5f) && Float.isFinite(from[i]) && Float.isFinite(to[i])) {
                    joint[bin(from[i], BINS)][bin(to[i], LEVELS)]++;
                }
            }
            return this;
        }

        public ToneCurve fit() {
            double[] xs = new double[BINS];
            double[] ys = new double[BINS];
            double[] ws = new double[BINS];
            int n = 0;
            for (int b = 0; b < BINS; b++) {
                long count = Arrays.stream(joint[b]).sum();
                if (count < MIN_SAMPLES) {
                    continue;
                }
                long half = (count + 1) / 2;
                long seen = 0;
                int level = 0;
                while (seen + joint[b][level] < half) {
                    seen += joint[b][level++];
                }
                xs[n] = (b + 0.5) / BINS;
                ys[n] = (level + 0.5) / LEVELS;
                ws[n] = count;
                n++;
            }
            if (n < 2) {
                return identity();
            }
            double[] monotone = MonotoneFit.poolAdjacentViolators(ys, ws, n);
            return new ToneCurve(Arrays.copyOf(xs, n), smooth(monotone));
        }
    }

    /**
     * Accumulates samples, then fits the curve through a few matching quantiles of the two lumas
     * (black and white points: {@link #BLACK_AND_WHITE}, a colourist's levels), linear between
     * them. With so few points the curve cannot follow a picture's content: where the pictures
     * show a few tones, each spread by the scan's grain and sharp in a clean reference, a fit per
     * bin comes out a staircase whose flat treads erase the grain of every pixel mapped through
     * them. For mapping one whole picture's tones onto another's (a faded print's onto a
     * reference's), not for matching damage-free areas pixel by pixel ({@link Fit}).
     */
    public static final class QuantileFit {
        private final long[] from = new long[LEVELS];
        private final long[] to = new long[LEVELS];
        private final double[] levels;

        /** @param levels the quantiles (in (0, 1), increasing) the curve passes through */
        public QuantileFit(double... levels) {
            if (levels.length < 2) {
                throw new IllegalArgumentException("a tone curve needs at least two quantiles, not " + levels.length);
            }
            this.levels = levels.clone();
        }

        /** Adds the pairs whose {@code weight[i]} is above 0.5 (weights may be null) and both values finite. */
        public QuantileFit add(float[] a, float[] b, float[] weight) {
            for (int i = 0; i < a.length; i++) {
                if ((weight == null || weight[i] > 0.5f) && Float.isFinite(a[i]) && Float.isFinite(b[i])) {
                    from[bin(a[i], LEVELS)]++;
                    to[bin(b[i], LEVELS)]++;
                }
            }
            return this;
        }

        /** The curve; the identity without samples, or where the quantiles do not increase (a flat picture). */
        public ToneCurve fit() {
            double[] xs = quantiles(from);
            double[] ys = quantiles(to);
            if (xs == null) {
                return identity();
            }
            for (int i = 1; i < xs.length; i++) {
                if (!(xs[i] > xs[i - 1]) || ys[i] < ys[i - 1]) {
                    return identity();
                }
            }
            return new ToneCurve(xs, ys);
        }

        private double[] quantiles(long[] histogram) {
            long total = Arrays.stream(histogram).sum();
            if (total < MIN_SAMPLES) {
                return null;
            }
            double[] q = new double[levels.length];
            long seen = 0;
            int level = 0;
            for (int k = 0; k < levels.length; k++) {
                long rank = (long) Math.ceil(levels[k] * total);
                while (level < LEVELS - 1 && seen + histogram[level] < rank) {
                    seen += histogram[level++];
                }
                q[k] = (level + 0.5) / LEVELS;
            }
            return q;
        }
    }

    /**
     * Black and white points (1st and 99th percentiles): {@link QuantileFit}'s levels when a
     * picture's tones are mapped whole and its grain must stay as it is (one slope: a median point
     * too bent the curve enough to lose 2 % of the grain's correlation on a simulated print).
     */
    public static final double[] BLACK_AND_WHITE = {0.01, 0.99};

    private static int bin(float v, int bins) {
        return Math.max(0, Math.min(bins - 1, (int) (v * bins)));
    }

    /** A three-tap moving average (ends kept): a monotone sequence stays monotone, its plateaus' steps soften. */
    private static double[] smooth(double[] v) {
        double[] out = v.clone();
        for (int i = 1; i < v.length - 1; i++) {
            out[i] = (v[i - 1] + 2 * v[i] + v[i + 1]) / 4;
        }
        return out;
    }

    public float apply(float v) {
        if (!Float.isFinite(v)) {
            return v;
        }
        int n = x.length;
        if (v <= x[0]) {
            return (float) (continued ? y[0] + (v - x[0]) * (y[1] - y[0]) / (x[1] - x[0]) : y[0]);
        }
        if (v >= x[n - 1]) {
            return (float) (continued ? y[n - 1] + (v - x[n - 1]) * (y[n - 1] - y[n - 2]) / (x[n - 1] - x[n - 2]) : y[n - 1]);
        }
        int i = Arrays.binarySearch(x, v);
        if (i >= 0) {
            return (float) y[i];
        }
        int hi = -i - 1;
        double t = (v - x[hi - 1]) / (x[hi] - x[hi - 1]);
        return (float) (y[hi - 1] + t * (y[hi] - y[hi - 1]));
    }

    /** The curve applied to every sample of {@code values}. */
    public float[] apply(float[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = apply(values[i]);
        }
        return out;
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        JsonArray points = new JsonArray();
        for (int i = 0; i < x.length; i++) {
            JsonArray p = new JsonArray();
            p.add(Math.round(x[i] * 1e4) / 1e4);
            p.add(Math.round(y[i] * 1e4) / 1e4);
            points.add(p);
        }
        json.add("points", points);
        json.addProperty("ends", continued ? "continued along the end segments" : "flat");
        return json;
    }

    /** The curve {@link #toJson} wrote (its points rounded to 4 decimals). */
    public static ToneCurve fromJson(JsonObject json) {
        JsonArray points = json.getAsJsonArray("points");
        double[] xs = new double[points.size()];
        double[] ys = new double[points.size()];
        for (int i = 0; i < xs.length; i++) {
            JsonArray p = points.get(i).getAsJsonArray();
            xs[i] = p.get(0).getAsDouble();
            ys[i] = p.get(1).getAsDouble();
        }
        return new ToneCurve(xs, ys, json.has("ends") && json.get("ends").getAsString().startsWith("continued"));
    }
}
