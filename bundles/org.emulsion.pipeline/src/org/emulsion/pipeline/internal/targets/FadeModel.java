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
 * the same world that shows other moments (artwork): nothing is aligned, so only distributions can
 * be compared. Per channel (the channel standing for the dye that absorbs it: red ↔ cyan, green ↔
 * magenta, blue ↔ yellow) the fade is the monotone curve that takes the evidence's black point,
 * median and white point to the scan's (a restorer's per-channel levels, piecewise linear): it holds
 * each dye's density loss, the cast, the contrast and the fog or flare together, whatever their mix,
 * where a formula would fix it. Only those three: the quantiles between them follow what the two sets
 * of different pictures show (how much of each is sky, skin or shadow) as much as the fade — on the
 * benchmark's artwork cases, undoing a 41-quantile curve left the scan 7.4–7.9 chroma ΔE2000 from
 * the truth, 5 quantiles 7.1–7.5, these 3 5.6. For people it is summed up per dye as a line in
 * density ({@code −log10} of the value): the scan's density ≈ {@code gain · d + offset} through the
 * middle quantiles (a dye that lost density has a gain below 1; the offsets are the cast). Grain is the
 * scan's high-frequency luma beyond the evidence's own, softness the width of its edges beyond the
 * evidence's ({@link Softness}): a print several generations from the negative, or a soft lens,
 * against sharp photographs.
 * <p>
 * {@link #fade} makes evidence look like this scan (softened, faded, grain added: for training pairs); {@link #restore} undoes the
 * fade on a scan: a neutral correction that invents no hue, which is also where the restore falls back
 * where the evidence does not cover the scan's subjects.
 *
 * @param evidence per channel (R, G, B), the evidence's quantiles (strictly increasing)
 * @param scan     per channel, the scan's quantiles at the same levels (strictly increasing)
 * @param grain    standard deviation of the grain added to faded evidence (encoded values)
 * @param softness Gaussian σ (pixels) by which faded evidence is softened
 */
public record FadeModel(double[][] evidence, double[][] scan, double grain, double softness) {
    /**
     * Quantile levels compared: the black point, the median, the white point. The extreme tails are
     * left out (specular points, black borders, dust).
     */
    private static final double FIRST_QUANTILE = 0.02;
    private static final int QUANTILES = 3;
    /** Densities are taken of values at least this (about 3 D): below, a value is noise. */
    private static final double SMALLEST_VALUE = 1.0 / 1024;
    /** Quantiles closer than this are separated, so that both curves stay invertible. */
    private static final double STEP = 1e-4;
    /** At most this many pixels of each picture are sampled for the distributions. */
    private static final int SAMPLES = 40_000;
    /** The grain drawn on evidence whose softness is measured: the same at every blur tried. */
    private static final long GRAIN_SEED = 1;
    private static final String[] DYES = {"cyan (red channel)", "magenta (green channel)", "yellow (blue channel)"};

    public FadeModel {
        evidence = copy(evidence);
        scan = copy(scan);
    }

    /**
     * Estimates the fade of {@code scans} (RGB frames of the faded film) against {@code evidence}
     * (RGB pictures of the same world; NaN pixels are left out).
     *
     * @throws IllegalArgumentException when either side holds no finite pixel
     */
    public static FadeModel estimate(List<Image> scans, List<Image> evidence) {
        double grain = grain(scans, evidence);
        return levels(scans, evidence).withTexture(grain, softness(scans, evidence, grain));
    }

    /**
     * The per-channel levels alone (no grain, no softness), for a caller that measures the texture on
     * other pictures: grain and softness depend on the scale, the levels do not.
     *
     * @throws IllegalArgumentException when either side holds no finite pixel
     */
    public static FadeModel levels(List<Image> scans, List<Image> evidence) {
        double[][] s = values(scans);
        double[][] e = values(evidence);
        double[][] qs = new double[3][];
        double[][] qe = new double[3][];
        for (int c = 0; c < 3; c++) {
            qs[c] = increasing(quantiles(s[c]));
            qe[c] = increasing(quantiles(e[c]));
        }
        return new FadeModel(qe, qs, 0, 0);
    }

    /** The grain of {@code scans} beyond that of {@code evidence}, pictures at the scale the faded evidence is made at. */
    public static double grain(List<Image> scans, List<Image> evidence) {
        return Math.sqrt(Math.max(0, square(grainOf(scans)) - square(grainOf(evidence))));
    }

    /**
     * The softness of {@code scans} beyond that of {@code evidence} (σ in pixels), pictures at the
     * scale the faded evidence is made at: {@code grain} is what {@link #grain} gave for them, added
     * to the evidence as a faded copy gets it, so that both sides are measured through the same grain.
     */
    public static double softness(List<Image> scans, List<Image> evidence, double grain) {
        return Softness.beyond(scans, sigma -> evidence.stream().map(e -> texture(grain, sigma).fade(e, GRAIN_SEED)).toList());
    }

    /** No change of colour: the levels taken to themselves, only softness and grain. */
    private static FadeModel texture(double grain, double softness) {
        double[][] identity = {{0, 0.5, 1}, {0, 0.5, 1}, {0, 0.5, 1}};
        return new FadeModel(identity, identity, grain, softness);
    }

    /** This fade with another grain and softness (measured at the scale the faded evidence is made at). */
    public FadeModel withTexture(double newGrain, double newSoftness) {
        return new FadeModel(evidence, scan, newGrain, newSoftness);
    }

    /** {@code rgb} softened and faded as this film is, with its grain (seeded); NaN pixels stay NaN. */
    public Image fade(Image rgb, long seed) {
        // the softness is the optics' and the printing's, before the dyes faded
        Image out = softness > 0 ? Softness.blur(rgb, softness) : rgb.copy();
        float[] d = out.data();
        Random random = new Random(seed);
        for (int i = 0; i < d.length; i += 3) {
            // film grain is mostly in the silver image that became the dyes: one draw per pixel, every channel
            double g = grain * random.nextGaussian();
            for (int c = 0; c < 3; c++) {
                if (!Float.isNaN(d[i + c])) {
                    d[i + c] = (float) clamp(map(d[i + c], evidence[c], scan[c]) + g);
                }
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
                d[i] = (float) clamp(map(d[i], scan[c], evidence[c]));
            }
        }
        return out;
    }

    /** Per channel, the density gain of the summary line (scan density ≈ gain · evidence density + offset). */
    public double[] gain() {
        return summary()[0];
    }

    /** Per channel, the density offset of the summary line. */
    public double[] offset() {
        return summary()[1];
    }

    /** The least-squares line, per channel, through the compared quantiles' densities: {gain[], offset[]}. */
    private double[][] summary() {
        double[][] line = new double[2][3];
        for (int c = 0; c < 3; c++) {
            double me = 0;
            double ms = 0;
            for (int k = 0; k < QUANTILES; k++) {
                me += density(evidence[c][k]) / QUANTILES;
                ms += density(scan[c][k]) / QUANTILES;
            }
            double sxy = 0;
            double sxx = 0;
            for (int k = 0; k < QUANTILES; k++) {
                double x = density(evidence[c][k]) - me;
                sxy += x * (density(scan[c][k]) - ms);
                sxx += x * x;
            }
            line[0][c] = sxx > 1e-12 ? sxy / sxx : 1;
            line[1][c] = ms - line[0][c] * me;
        }
        return line;
    }

    /** {@code v} through the piecewise-linear curve {@code from[k] → to[k]}, extended past its ends along its end segments. */
    private static double map(double v, double[] from, double[] to) {
        int n = from.length;
        int k = Arrays.binarySearch(from, v);
        if (k >= 0) {
            return to[k];
        }
        int hi = Math.max(1, Math.min(n - 1, -k - 1));
        int lo = hi - 1;
        return to[lo] + (v - from[lo]) * (to[hi] - to[lo]) / (from[hi] - from[lo]);
    }

    private static double[][] copy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }

    @Override
    public String toString() {
        return "FadeModel[density gain " + Arrays.toString(gain()) + ", offset " + Arrays.toString(offset()) + ", grain " + grain
                + ", softness " + softness + "]";
    }

    /** The estimate for the report: per dye, its density summary line, and the grain. */
    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        double[][] line = summary();
        JsonArray dyes = new JsonArray();
        for (int c = 0; c < 3; c++) {
            JsonObject dye = new JsonObject();
            dye.addProperty("dye", DYES[c]);
            dye.addProperty("densityGain", line[0][c]);
            dye.addProperty("densityOffset", line[1][c]);
            JsonArray curve = new JsonArray();
            for (int k = 0; k < QUANTILES; k++) {
                JsonArray point = new JsonArray();
                point.add(evidence[c][k]);
                point.add(scan[c][k]);
                curve.add(point);
            }
            dye.add("curve", curve);
            dyes.add(dye);
        }
        json.add("dyes", dyes);
        json.addProperty("grain", grain);
        json.addProperty("softness", softness);
        json.addProperty("method", "per channel, the piecewise-linear curve taking the artwork's black point, median and white "
                + "point (" + Math.round(100 * FIRST_QUANTILE) + " %, 50 %, " + Math.round(100 * (1 - FIRST_QUANTILE)) + " % quantiles) "
                + "to the scan's (curve: [artwork, scan] pairs); densityGain, densityOffset: the line scan density = gain x "
                + "artwork density + offset through them (gain below 1: the dye lost density); grain: the scan's "
                + "high-frequency luma beyond the artwork's; softness: the Gaussian sigma (pixels at the work scale) by which "
                + "the scan's strongest edges are wider than the artwork's, applied to the artwork before it is faded");
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

    /** Per channel, the values of a sample of the finite pixels of all {@code images}. */
    private static double[][] values(List<Image> images) {
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
                        out[c][n] = clamp(d[k + c]);
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

    /** {@code q} made strictly increasing (ties of flat or clipped areas separated by {@value #STEP}). */
    private static double[] increasing(double[] q) {
        double[] out = q.clone();
        for (int k = 1; k < out.length; k++) {
            out[k] = Math.max(out[k], out[k - 1] + STEP);
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
