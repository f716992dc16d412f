package org.emulsion.quality;

import org.emulsion.core.image.Image;

/**
 * Structural similarity (Wang, Bovik, Sheikh and Simoncelli 2004) of 1-channel images with data
 * range 1.0: local means, variances and covariance under an 11×11 Gaussian window (σ = 1.5,
 * OpenCV {@code GaussianBlur} in double precision, borders reflected), {@code C1 = (0.01)²}, {@code C2 = (0.03)²},
 * <pre>
 * SSIM = (2 μx μy + C1)(2 σxy + C2) / ((μx² + μy² + C1)(σx² + σy² + C2))
 * </pre>
 * The map is computed for every pixel (no border cropping, so that small frames and masks near
 * the edge still count); a masked SSIM is the mean of the map over the selected pixels, whose
 * windows may reach into unselected neighbours.
 */
public final class Ssim {
    /** Gaussian window size. */
    public static final int WINDOW = 11;
    /** Gaussian window standard deviation. */
    public static final double SIGMA = 1.5;
    /** Stabilising constant of the luminance term, {@code (0.01 · 1.0)²}. */
    public static final double C1 = 0.01 * 0.01;
    /** Stabilising constant of the contrast-structure term, {@code (0.03 · 1.0)²}. */
    public static final double C2 = 0.03 * 0.03;

    private Ssim() {
    }

    /** Mean of an SSIM map over the selected pixels where it is finite, and their count ({@code value} NaN when none). */
    public record Mean(double value, int pixels) {
    }

    /** The per-pixel SSIM map of two 1-channel images of the same size. */
    public static Image map(Image a, Image b) {
        Masks.checkSameSize(a, b);
        Masks.checkChannels(a, 1, "SSIM input");
        float[] x = a.data();
        float[] y = b.data();
        int n = x.length;
        double[] xd = new double[n];
        double[] yd = new double[n];
        double[] xx = new double[n];
        double[] yy = new double[n];
        double[] xy = new double[n];
        for (int i = 0; i < n; i++) {
            xd[i] = x[i];
            yd[i] = y[i];
            xx[i] = xd[i] * xd[i];
            yy[i] = yd[i] * yd[i];
            xy[i] = xd[i] * yd[i];
        }
        int w = a.width();
        int h = a.height();
        // Moments in double: in float, E[x²] − E[x]² is off by ~1e-8, which is visible next to C2 = 9e-4.
        double[] mx = blur(xd, w, h);
        double[] my = blur(yd, w, h);
        double[] sxx = blur(xx, w, h);
        double[] syy = blur(yy, w, h);
        double[] sxy = blur(xy, w, h);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            double ux = mx[i];
            double uy = my[i];
            double vx = Math.max(0, sxx[i] - ux * ux);
            double vy = Math.max(0, syy[i] - uy * uy);
            double cxy = sxy[i] - ux * uy;
            out[i] = (float) ((2 * ux * uy + C1) * (2 * cxy + C2) / ((ux * ux + uy * uy + C1) * (vx + vy + C2)));
        }
        return new Image(w, h, 1, out);
    }

    /** Mean of {@code map} over {@code mask} (may be null). */
    public static Mean mean(Image map, Image mask) {
        Masks.checkChannels(map, 1, "SSIM map");
        Masks.check(mask, map);
        float[] m = map.data();
        double sum = 0;
        int pixels = 0;
        for (int i = 0; i < m.length; i++) {
            if (Masks.selected(mask, i) && Float.isFinite(m[i])) {
                sum += m[i];
                pixels++;
            }
        }
        return new Mean(pixels == 0 ? Double.NaN : sum / pixels, pixels);
    }

    /** Mean SSIM of two 1-channel images over {@code mask} (may be null). */
    public static double of(Image a, Image b, Image mask) {
        return mean(map(a, b), mask).value();
    }

    /** Mean SSIM of the BT.601 luma of two RGB images over {@code mask} (may be null). */
    public static double luma(Image rgbA, Image rgbB, Image mask) {
        return of(Planes.luma(rgbA), Planes.luma(rgbB), mask);
    }

    private static double[] blur(double[] plane, int w, int h) {
        return Planes.gaussian(plane, w, h, WINDOW, SIGMA);
    }
}
