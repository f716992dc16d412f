package org.emulsion.pipeline.internal.targets;

import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleFunction;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.emulsion.core.image.Image;
import org.emulsion.media.OpenCv;
import org.emulsion.quality.Planes;

/**
 * How much softer one set of pictures is than another that shows other subjects (a scan against
 * artwork): nothing is aligned, so each side's edges are measured on their own. A picture's edge
 * width (Gaussian σ, pixels) is found by blurring it once more by a known amount: a step edge blurred
 * by {@code s} has a gradient peak proportional to {@code 1/s}; blurred again by {@code σ}, to
 * {@code 1/√(s² + σ²)}; the ratio of the two gives {@code s} whatever the edge's contrast (the re-blur
 * estimate of defocus maps). Only the middles of the strongest edges are measured, where grain
 * matters least; the median stands for the picture, the median of those for the set. Real edges are
 * not isolated steps (a neighbouring edge, a line) and grain sharpens what it measures, so the width
 * is a measure, not the blur itself: the softness is the blur that, applied to the sharper set as a
 * faded copy of it is made (its grain added after), gives it the softer set's width.
 */
final class Softness {
    /** The known extra blur (pixels). */
    private static final double REBLUR = 2.0;
    /** Smoothing before the gradient, so that single grains are not edges (shared by both sides, so it cancels). */
    private static final double PRESMOOTH = 0.7;
    /** Edge maxima measured: those whose re-blurred gradient is among the strongest this fraction of the picture's. */
    private static final double STRONGEST = 0.1;
    /** Fewer maxima than this and a picture has no edges worth measuring. */
    private static final int FEWEST = 50;
    /** Widths beyond this are not softness but a picture without edges. */
    static final double WIDEST = 8;

    /** Halvings of the search for the blur (to {@value #WIDEST}/2¹⁰ px). */
    private static final int SEARCH_STEPS = 10;

    private Softness() {
    }

    /**
     * The softness of {@code softer} beyond that of the sharper pictures: the Gaussian σ (pixels) for
     * which {@code sharper.apply(σ)} (those pictures blurred by σ, and degraded as {@code softer} is
     * otherwise, e.g. grain) has {@code softer}'s median edge width; 0 when {@code softer} is not
     * softer or either side has no edges to measure. Pictures at the same scale.
     */
    static double beyond(List<Image> softer, DoubleFunction<List<Image>> sharper) {
        double target = median(softer);
        double own = median(sharper.apply(0));
        if (Double.isNaN(target) || Double.isNaN(own) || target <= own) {
            return 0;
        }
        double low = 0;
        double high = WIDEST;
        for (int k = 0; k < SEARCH_STEPS; k++) {
            double sigma = (low + high) / 2;
            double width = median(sharper.apply(sigma));
            if (Double.isNaN(width) || width > target) {
                high = sigma;
            } else {
                low = sigma;
            }
        }
        return (low + high) / 2;
    }

    /** {@code rgb} blurred by {@code sigma} over its finite pixels only (normalised convolution); NaN pixels stay NaN. */
    static Image blur(Image rgb, double sigma) {
        Image filled = rgb.copy();
        float[] f = filled.data();
        Image weight = Image.blank(rgb.width(), rgb.height(), 1);
        float[] w = weight.data();
        for (int p = 0; p < w.length; p++) {
            boolean finite = !Float.isNaN(f[3 * p]) && !Float.isNaN(f[3 * p + 1]) && !Float.isNaN(f[3 * p + 2]);
            w[p] = finite ? 1 : 0;
            if (!finite) {
                f[3 * p] = f[3 * p + 1] = f[3 * p + 2] = 0;
            }
        }
        float[] blurred = Planes.gaussian(filled, 0, sigma).data();
        float[] covered = Planes.gaussian(weight, 0, sigma).data();
        float[] d = rgb.copy().data();
        for (int i = 0; i < d.length; i++) {
            if (!Float.isNaN(d[i])) {
                d[i] = blurred[i] / Math.max(1e-6f, covered[i / 3]);
            }
        }
        return new Image(rgb.width(), rgb.height(), 3, d);
    }

    /** The median edge width of {@code pictures} that have edges to measure, NaN when none has. */
    static double median(List<Image> pictures) {
        double[] widths = pictures.stream().mapToDouble(Softness::width).filter(w -> !Double.isNaN(w)).sorted().toArray();
        return widths.length == 0 ? Double.NaN : widths[widths.length / 2];
    }

    /** The edge width of an RGB picture (NaN pixels, e.g. where a placed picture does not cover the frame, left out), or NaN. */
    static double width(Image rgb) {
        int w = rgb.width();
        int h = rgb.height();
        float[] d = rgb.data();
        float[] valid = new float[w * h];
        Image filled = rgb.copy();
        float[] f = filled.data();
        for (int p = 0; p < valid.length; p++) {
            boolean finite = Float.isFinite(d[3 * p]) && Float.isFinite(d[3 * p + 1]) && Float.isFinite(d[3 * p + 2]);
            valid[p] = finite ? 1 : 0;
            if (!finite) {
                f[3 * p] = f[3 * p + 1] = f[3 * p + 2] = 0.5f;
            }
        }
        // the border of what is covered is an edge of the placement, not of the picture: stay clear of it
        float[] inner = erode(valid, w, h, (int) Math.ceil(3 * REBLUR) + 2);
        Image luma = Planes.gaussian(Planes.luma(filled), 0, PRESMOOTH);
        float[][] g0 = gradient(luma);
        float[][] g1 = gradient(Planes.gaussian(luma, 0, REBLUR));
        float[] strong = g1[0].clone();
        int n = 0;
        for (int p = 0; p < strong.length; p++) {
            if (inner[p] > 0) {
                strong[n++] = g1[0][p];
            }
        }
        if (n < FEWEST) {
            return Double.NaN;
        }
        float[] sorted = Arrays.copyOf(strong, n);
        Arrays.sort(sorted);
        float threshold = Math.max(1e-6f, sorted[(int) ((1 - STRONGEST) * (n - 1))]);
        double[] ratios = new double[w * h];
        int m = 0;
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int p = y * w + x;
                // the re-blurred gradient finds the middle of an edge (grain makes maxima of its own in the sharp one)
                if (inner[p] > 0 && g1[0][p] >= threshold && acrossMaximum(g1, w, x, y)) {
                    ratios[m++] = peak(g0, g1, w, x, y) / g1[0][p];
                }
            }
        }
        if (m < FEWEST) {
            return Double.NaN;
        }
        double[] r = Arrays.copyOf(ratios, m);
        Arrays.sort(r);
        double ratio = r[m / 2];
        return ratio * ratio - 1 <= Math.pow(REBLUR / WIDEST, 2) ? WIDEST : REBLUR / Math.sqrt(ratio * ratio - 1);
    }

    /** Whether the gradient at {@code x, y} is a maximum along its own direction (the middle of an edge, not its flank). */
    private static boolean acrossMaximum(float[][] g, int w, int x, int y) {
        int p = y * w + x;
        int step = across(g, w, p);
        return g[0][p] >= g[0][p + step] && g[0][p] >= g[0][p - step];
    }

    /** The sharp gradient's peak at the edge whose middle {@code g1} finds at {@code x, y}: within a pixel across it (a sharp edge may fall between two). */
    private static float peak(float[][] g0, float[][] g1, int w, int x, int y) {
        int p = y * w + x;
        int step = across(g1, w, p);
        return Math.max(g0[0][p], Math.max(g0[0][p + step], g0[0][p - step]));
    }

    /** The offset to the neighbouring pixel across the edge at {@code p} (along the gradient, rounded to one of eight). */
    private static int across(float[][] g, int w, int p) {
        double angle = Math.atan2(g[2][p], g[1][p]);
        return (int) Math.round(Math.sin(angle)) * w + (int) Math.round(Math.cos(angle));
    }

    /** Gradient magnitude, x and y (Sobel) of a 1-channel picture. */
    private static float[][] gradient(Image plane) {
        try (Mat src = OpenCv.toMat(plane); Mat dx = new Mat(); Mat dy = new Mat(); Mat magnitude = new Mat()) {
            opencv_imgproc.Sobel(src, dx, -1, 1, 0);
            opencv_imgproc.Sobel(src, dy, -1, 0, 1);
            opencv_core.magnitude(dx, dy, magnitude);
            return new float[][] {OpenCv.toImage(magnitude).data(), OpenCv.toImage(dx).data(), OpenCv.toImage(dy).data()};
        }
    }

    /** {@code mask} (1 inside) shrunk by {@code radius} pixels. */
    private static float[] erode(float[] mask, int w, int h, int radius) {
        try (Mat src = OpenCv.toMat(new Image(w, h, 1, mask)); Mat dst = new Mat();
                Mat kernel = opencv_imgproc.getStructuringElement(opencv_imgproc.MORPH_RECT, new Size(2 * radius + 1, 2 * radius + 1))) {
            opencv_imgproc.erode(src, dst, kernel, new org.bytedeco.opencv.opencv_core.Point(-1, -1), 1,
                    opencv_core.BORDER_CONSTANT, new org.bytedeco.opencv.opencv_core.Scalar(0.0));
            return OpenCv.toImage(dst).data();
        }
    }
}
