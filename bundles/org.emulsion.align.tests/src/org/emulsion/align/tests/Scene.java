package org.emulsion.align.tests;

import java.util.Random;

import org.emulsion.core.image.Image;

/**
 * A scan and a reference of the same procedural frame: the reference is reframed (affine: scale,
 * slight anamorphic squeeze, rotation, sub-pixel shift, partly beyond the scan's right edge),
 * smaller, graded differently per channel and noisier.
 *
 * @param truth the exact reference-to-scan homography, row-major 3×3
 */
record Scene(Texture texture, Image scan, Image reference, double[] truth) {

    static final int SCAN_W = 960;
    static final int SCAN_H = 540;
    static final int REF_W = 640;
    static final int REF_H = 360;

    static Scene create(long seed) {
        Texture texture = new Texture(seed, SCAN_W, SCAN_H);
        Random noise = new Random(seed + 1);
        Image scan = render(texture, SCAN_W, SCAN_H, 0.004, noise); // a little grain
        float[] rgb = new float[3];
        // Reference pixel (i, j) shows the scan at H(i, j): scale 1.282 x 1.291 (the reference is
        // ~0.78 of the scan's scale), 1.1 degrees, centre on scan (560.37, 250.81).
        double angle = Math.toRadians(1.1);
        double sx = 1.282;
        double sy = 1.291;
        double a = Math.cos(angle) * sx;
        double b = -Math.sin(angle) * sy;
        double c = Math.sin(angle) * sx;
        double d = Math.cos(angle) * sy;
        double cx = (REF_W - 1) / 2.0;
        double cy = (REF_H - 1) / 2.0;
        double[] truth = {a, b, 560.37 - a * cx - b * cy, c, d, 250.81 - c * cx - d * cy, 0, 0, 1};
        Image reference = Image.blank(REF_W, REF_H, 3);
        for (int j = 0; j < REF_H; j++) {
            for (int i = 0; i < REF_W; i++) {
                texture.rgb(truth[0] * i + truth[1] * j + truth[2], truth[3] * i + truth[4] * j + truth[5], rgb);
                for (int k = 0; k < 3; k++) {
                    reference.set(i, j, k, grade(k, rgb[k]) + (float) (0.01 * noise.nextGaussian()));
                }
            }
        }
        return new Scene(texture, scan, reference, truth);
    }

    /** Samples {@code texture} on a {@code width}×{@code height} pixel grid, with Gaussian noise of deviation {@code sigma}. */
    static Image render(Texture texture, int width, int height, double sigma, Random noise) {
        float[] rgb = new float[3];
        Image image = Image.blank(width, height, 3);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                texture.rgb(x, y, rgb);
                for (int c = 0; c < 3; c++) {
                    image.set(x, y, c, rgb[c] + (float) (sigma * noise.nextGaussian()));
                }
            }
        }
        return image;
    }

    /** The reference's grade: per-channel gain, gamma and lift, as a faded print of another generation would differ. */
    static float grade(int channel, float v) {
        double[] gain = {0.9, 1.05, 0.8};
        double[] gamma = {1.25, 0.85, 1.1};
        double[] lift = {0.03, 0.0, 0.05};
        return (float) (lift[channel] + gain[channel] * Math.pow(v, gamma[channel]));
    }

    static double[] map(double[] h, double x, double y) {
        double w = h[6] * x + h[7] * y + h[8];
        return new double[] {(h[0] * x + h[1] * y + h[2]) / w, (h[3] * x + h[4] * y + h[5]) / w};
    }

    /** {RMS, max} distance between where two homographies put a 16-px grid of reference points that lands on the scan. */
    double[] gridError(double[] recovered) {
        double sum = 0;
        double max = 0;
        int n = 0;
        for (int y = 0; y < REF_H; y += 16) {
            for (int x = 0; x < REF_W; x += 16) {
                double[] t = map(truth, x, y);
                if (t[0] < 0 || t[1] < 0 || t[0] > SCAN_W - 1 || t[1] > SCAN_H - 1) {
                    continue;
                }
                double[] r = map(recovered, x, y);
                double e = Math.hypot(r[0] - t[0], r[1] - t[1]);
                sum += e * e;
                max = Math.max(max, e);
                n++;
            }
        }
        return new double[] {Math.sqrt(sum / n), max, n};
    }
}
