package org.emulsion.align.tests;

import java.util.Random;

/**
 * A procedural colour texture defined on the whole plane (sinusoids, Gaussian blobs, soft-edged
 * disks and half-planes). Being analytic, it can be sampled exactly through any transform, so a
 * test reference carries no interpolation error and the true alignment is known exactly.
 */
final class Texture {
    private static final double EDGE = 1.2; // edge softness in pixels: sharp, yet not aliased by sampling
    private final double[][] waves;  // kx, ky, phase, amplitude
    private final double[][] blobs;  // x, y, sigma, amplitude
    private final double[][] disks;  // x, y, radius, amplitude
    private final double[][] planes; // nx, ny, offset, amplitude
    private final double[][] mix = {{0.7, 1.0, 0.8}, {1.0, 0.6, 0.9}, {0.5, 0.9, 1.1}};

    /** A texture with features spread over [-100, width + 100] × [-100, height + 100]. */
    Texture(long seed, int width, int height) {
        Random r = new Random(seed);
        waves = new double[6][];
        for (int i = 0; i < waves.length; i++) {
            double k = 2 * Math.PI / (14 + 76 * r.nextDouble());
            double angle = r.nextDouble() * Math.PI;
            waves[i] = new double[] {k * Math.cos(angle), k * Math.sin(angle), r.nextDouble() * 6.3, 0.25};
        }
        int area = (width + 200) * (height + 200);
        blobs = new double[area / 6000][];
        for (int i = 0; i < blobs.length; i++) {
            blobs[i] = new double[] {r.nextDouble() * (width + 200) - 100, r.nextDouble() * (height + 200) - 100,
                2.5 + 8 * r.nextDouble(), (r.nextBoolean() ? 1 : -1) * (0.6 + 0.6 * r.nextDouble())};
        }
        disks = new double[area / 30000][];
        for (int i = 0; i < disks.length; i++) {
            disks[i] = new double[] {r.nextDouble() * (width + 200) - 100, r.nextDouble() * (height + 200) - 100,
                8 + 32 * r.nextDouble(), (r.nextBoolean() ? 1 : -1) * (0.5 + 0.5 * r.nextDouble())};
        }
        planes = new double[4][];
        for (int i = 0; i < planes.length; i++) {
            double angle = r.nextDouble() * 2 * Math.PI;
            planes[i] = new double[] {Math.cos(angle), Math.sin(angle),
                -(Math.cos(angle) * r.nextDouble() * width + Math.sin(angle) * r.nextDouble() * height), 0.4};
        }
    }

    /** The RGB value at a point, in (0.1, 0.9). */
    void rgb(double x, double y, float[] out) {
        double s = 0;
        for (double[] w : waves) {
            s += w[3] * Math.sin(w[0] * x + w[1] * y + w[2]);
        }
        double b = 0;
        for (double[] blob : blobs) {
            double dx = x - blob[0];
            double dy = y - blob[1];
            double r2 = dx * dx + dy * dy;
            double s2 = blob[2] * blob[2];
            if (r2 < 16 * s2) {
                b += blob[3] * Math.exp(-0.5 * r2 / s2);
            }
        }
        double e = 0;
        for (double[] d : disks) {
            double inside = (d[2] - Math.hypot(x - d[0], y - d[1])) / EDGE;
            e += d[3] * (inside > 8 ? 1 : inside < -8 ? 0 : 0.5 + 0.5 * Math.tanh(inside));
        }
        for (double[] p : planes) {
            double side = (p[0] * x + p[1] * y + p[2]) / EDGE;
            e += p[3] * (side > 8 ? 1 : side < -8 ? -1 : Math.tanh(side));
        }
        for (int c = 0; c < 3; c++) {
            out[c] = (float) (0.5 + 0.4 * Math.tanh(mix[c][0] * s + mix[c][1] * b + mix[c][2] * e));
        }
    }
}
