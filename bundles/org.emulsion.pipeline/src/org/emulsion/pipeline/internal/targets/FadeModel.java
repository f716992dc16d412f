package org.emulsion.pipeline.internal.targets;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.emulsion.core.image.Image;
import org.emulsion.quality.GrainKept;
import org.emulsion.quality.Planes;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * How a colour film has faded, estimated from the scan's own statistics against colour evidence of
 * the same world that shows other moments (artwork): each channel's density (−log10 of the
 * encoded value, the channel standing for the dye that absorbs it: red ↔ cyan, green ↔ magenta,
 * blue ↔ yellow) is taken to have become {@code gain · d + offset}. A dye that lost density has a gain
 * below 1 (less contrast in its channel); the offsets are the cast (base density, stain). Gain and
 * offset are the least-squares line through matching quantiles of the two density distributions:
 * nothing is aligned, so only distributions can be compared, and the quantiles of the same world
 * seen in several pictures are steadier than any single pixel. Grain is the scan's high-frequency
 * luma beyond the evidence's own.
 * <p>
 * {@link #fade} makes evidence look like this scan (for training pairs); {@link #restore} undoes the
 * fitted fade on a scan: a neutral correction that invents no hue, which is also where the restore
 * falls back where the evidence does not cover the scan's subjects.
 *
 * @param gain   per channel (R, G, B) density gain, faded / original
 * @param offset per channel density offset
 * @param grain  standard deviation of the grain added to faded evidence (encoded values)
 */
public record FadeModel(double[] gain, double[] offset, double grain) {
    /** Quantiles compared: the tails are left out (clipped highlights, specular points, black borders). */
    private static final double FIRST_QUANTILE = 0.02;
    private static final int QUANTILES = 25;
    /** Densities are taken of values at least this (about 3 D): below, a value is noise. */
    private static final double SMALLEST_VALUE = 1.0 / 1024;
    /** A fitted gain outside this range is not a fade but a failed fit; it is clamped. */
    private static final double MIN_GAIN = 0.2;
    private static final double MAX_GAIN = 5;
    /** At most this many pixels of each picture are sampled for the distributions. */
    private static final int SAMPLES = 40_000;
    private static final String[] DYES = {"cyan (red channel)", "magenta (green channel)", "yellow (blue channel)"};

    public FadeModel {
        gain = gain.clone();
        offset = offset.clone();
    }

    /** No fade. */
    public static FadeModel none() {
        return new FadeModel(new double[] {1, 1, 1}, new double[3], 0);
    }

    /**
     * Estimates the fade of {@code scans} (RGB frames of the faded film) against {@code evidence}
     * (RGB pictures of the same world; NaN pixels are left out).
     *
     * @throws IllegalArgumentException when either side holds no finite pixel
     */
    public static FadeModel estimate(List<Image> scans, List<Image> evidence) {
        double[][] scanDensity = densities(scans);
        double[][] evidenceDensity = densities(evidence);
        double[] gain = new double[3];
        double[] offset = new double[3];
        for (int c = 0; c < 3; c++) {
            double[] qs = quantiles(scanDensity[c]);
            double[] qe = quantiles(evidenceDensity[c]);
            double me = mean(qe);
            double ms = mean(qs);
            double sxy = 0;
            double sxx = 0;
            for (int k = 0; k < QUANTILES; k++) {
                sxy += (qe[k] - me) * (qs[k] - ms);
                sxx += (qe[k] - me) * (qe[k] - me);
            }
            gain[c] = sxx > 1e-12 ? Math.max(MIN_GAIN, Math.min(MAX_GAIN, sxy / sxx)) : 1;
            offset[c] = ms - gain[c] * me;
        }
        double grain = Math.sqrt(Math.max(0, square(grainOf(scans)) - square(grainOf(evidence))));
        return new FadeModel(gain, offset, grain);
    }

    /** {@code rgb} faded as this film is, with its grain (seeded); NaN pixels stay NaN. */
    public Image fade(Image rgb, long seed) {
        Image out = rgb.copy();
        float[] d = out.data();
        Random random = new Random(seed);
        for (int i = 0; i < d.length; i += 3) {
            // film grain is mostly in the silver image that became the dyes: one draw per pixel, every channel
            double g = grain * random.nextGaussian();
            for (int c = 0; c < 3; c++) {
                if (Float.isNaN(d[i + c])) {
                    continue;
                }
                double density = gain[c] * density(d[i + c]) + offset[c];
                d[i + c] = (float) clamp(Math.pow(10, -density) + g);
            }
        }
        return out;
    }

    /** The fade undone on {@code rgb}, values clamped to [0, 1]; NaN pixels stay NaN. */
    public Image restore(Image rgb) {
        Image out = rgb.copy();
        float[] d = out.data();
        for (int i = 0; i < d.length; i++) {
            if (!Float.isNaN(d[i])) {
                int c = i % 3;
                d[i] = (float) clamp(Math.pow(10, -(density(d[i]) - offset[c]) / gain[c]));
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "FadeModel[gain " + Arrays.toString(gain) + ", offset " + Arrays.toString(offset) + ", grain " + grain + "]";
    }

    /** The estimate for the report: per dye, its density gain and offset, and the grain. */
    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        JsonArray dyes = new JsonArray();
        for (int c = 0; c < 3; c++) {
            JsonObject dye = new JsonObject();
            dye.addProperty("dye", DYES[c]);
            dye.addProperty("densityGain", gain[c]);
            dye.addProperty("densityOffset", offset[c]);
            dyes.add(dye);
        }
        json.add("dyes", dyes);
        json.addProperty("grain", grain);
        json.addProperty("method", "per channel, density (-log10 of the encoded value) of the scan = gain x density of the "
                + "artwork + offset, the least-squares line through " + QUANTILES + " matching quantiles of the two distributions; "
                + "grain: the scan's high-frequency luma beyond the artwork's");
        return json;
    }

    private static double density(double value) {
        return -Math.log10(Math.max(SMALLEST_VALUE, Math.min(1, value)));
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    private static double square(double v) {
        return v * v;
    }

    /** Per channel, the densities of a sample of the finite pixels of all {@code images}. */
    private static double[][] densities(List<Image> images) {
        long total = images.stream().mapToLong(i -> (long) i.width() * i.height()).sum();
        int stride = (int) Math.max(1, total / SAMPLES);
        double[][] out = new double[3][(int) (total / stride) + images.size()];
        int n = 0;
        for (Image image : images) {
            float[] d = image.data();
            for (int p = 0; p < d.length / 3; p += stride) {
                int k = 3 * p;
                if (Float.isFinite(d[k]) && Float.isFinite(d[k + 1]) && Float.isFinite(d[k + 2])) {
                    for (int c = 0; c < 3; c++) {
                        out[c][n] = density(d[k + c]);
                    }
                    n++;
                }
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("no finite pixel in " + images.size() + " picture(s)");
        }
        for (int c = 0; c < 3; c++) {
            out[c] = Arrays.copyOf(out[c], n);
        }
        return out;
    }

    private static double[] quantiles(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double[] q = new double[QUANTILES];
        for (int k = 0; k < QUANTILES; k++) {
            double at = FIRST_QUANTILE + (1 - 2 * FIRST_QUANTILE) * k / (QUANTILES - 1);
            q[k] = sorted[(int) Math.round(at * (sorted.length - 1))];
        }
        return q;
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(0);
    }

    /**
     * Robust standard deviation (1.4826 × median absolute value) of the high-frequency luma of
     * {@code images} (see {@link GrainKept#highPass}), their finite pixels only; the median of the pictures'.
     */
    static double grainOf(List<Image> images) {
        double[] each = new double[images.size()];
        for (int i = 0; i < images.size(); i++) {
            Image image = finite(images.get(i));
            float[] h = GrainKept.highPass(Planes.luma(image), GrainKept.SIGMA).data();
            double[] abs = new double[h.length];
            for (int p = 0; p < h.length; p++) {
                abs[p] = Math.abs(h[p]);
            }
            Arrays.sort(abs);
            each[i] = 1.4826 * abs[abs.length / 2];
        }
        Arrays.sort(each);
        return each.length == 0 ? 0 : each[each.length / 2];
    }

    /** NaN replaced by mid grey, so a placed picture's uncovered border adds no edge of its own worth counting. */
    private static Image finite(Image image) {
        Image out = image.copy();
        float[] d = out.data();
        for (int i = 0; i < d.length; i++) {
            if (Float.isNaN(d[i])) {
                d[i] = 0.5f;
            }
        }
        return out;
    }
}
