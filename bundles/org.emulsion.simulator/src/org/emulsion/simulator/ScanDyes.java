package org.emulsion.simulator;

import static org.emulsion.simulator.ScanRandom.key;

import java.nio.DoubleBuffer;
import java.util.SplittableRandom;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.RNG;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.emulsion.simulator.ScanParameters.Degradation;
import org.emulsion.simulator.ScanParameters.Fade;
import org.emulsion.simulator.ScanParameters.Grain;

/**
 * What happens to the print's dyes, worked in density D = -log10(value) per channel because that
 * is where dyes add up and fade proportionally: channel R is the cyan dye's density, G magenta's,
 * B yellow's.
 */
final class ScanDyes {
    /** Densest black a print holds (density 3); also keeps log10 finite. */
    static final float MIN_VALUE = 1e-3f;
    private static final float LN10 = (float) Math.log(10);
    /** A yellow-brown stain absorbs blue most and red least (density per unit stain, R G B). */
    private static final float[] STAIN_COLOUR = {0.2f, 0.5f, 1f};
    /** Grain per layer relative to rms: the blue-sensitive (yellow) layer is the coarsest. */
    private static final float[] LAYER_GRAIN = {1f, 0.85f, 1.2f};
    /** Density at which grain is still there (base + fog clouds), so that whites are not grain-free. */
    private static final float GRAIN_FLOOR = 0.05f;

    private ScanDyes() {
    }

    /** Fades and grains {@code rgb} (HWC, 3 channels) in place; nothing is touched when both are off. */
    static void apply(float[] rgb, int width, int height, ScanParameters p, int frame, int reel) {
        boolean fade = p.on(Degradation.FADE);
        boolean grain = p.on(Degradation.GRAIN);
        if (!fade && !grain) {
            return;
        }
        float[] d = density(rgb, width, height);
        if (fade) {
            fade(d, width, height, p.fade(), kept(p, reel), p.seed(), reel);
        }
        if (grain) {
            grain(d, width, height, p.grain(), p.seed(), frame);
        }
        transmittance(d, rgb, width, height);
    }

    /**
     * Each dye's kept fraction for a reel (cyan, magenta, yellow): the nominal ones, each changed by
     * up to ±reelDrift (relative) because reels of one print were stored and projected apart.
     */
    static double[] kept(ScanParameters p, int reel) {
        Fade f = p.fade();
        double[] nominal = {f.cyanKept(), f.magentaKept(), f.yellowKept()};
        for (int c = 0; c < 3; c++) {
            double drift = f.reelDrift() * (2 * ScanRandom.uniform(p.seed(), ScanRandom.FADE, reel, c) - 1);
            nominal[c] = Math.min(1, Math.max(0, nominal[c] * (1 + drift)));
        }
        return nominal;
    }

    /**
     * Dye fading, base fog and stain: D' = D · kept(x, y) + fog + stain(x, y). The kept fraction
     * varies smoothly over the frame (fading follows storage: edges, air, humidity) and per reel.
     */
    static void fade(float[] d, int width, int height, Fade f, double[] kept, long seed, int reel) {
        double aspect = (double) width / height;
        ScanRandom.Noise[] uneven = new ScanRandom.Noise[3];
        for (int c = 0; c < 3; c++) {
            uneven[c] = new ScanRandom.Noise(key(seed, ScanRandom.FADE, reel, 10 + c), 3);
        }
        float[] k = ScanRandom.lowFrequency(width, height, 3,
                (x, y, c) -> Math.min(1, Math.max(0, kept[c] * (1 + f.unevenness() * uneven[c].at(x / aspect, y)))));
        float[] s = f.stain() > 0 ? stain(width, height, seed, reel) : null;
        float fog = (float) f.fog();
        float stain = (float) f.stain();
        for (int i = 0, n = width * height; i < n; i++) {
            float si = s == null ? 0 : stain * s[i];
            for (int c = 0; c < 3; c++) {
                int j = 3 * i + c;
                d[j] = d[j] * k[j] + fog + si * STAIN_COLOUR[c];
            }
        }
    }

    /** A stain blotch in [0, 1]: one or two soft blobs with ragged edges (water marks, residual chemistry), fixed per reel. */
    static float[] stain(int width, int height, long seed, int reel) {
        SplittableRandom r = ScanRandom.random(seed, ScanRandom.STAIN, reel);
        double aspect = (double) width / height;
        int blobs = 1 + r.nextInt(2);
        double[][] b = new double[blobs][];
        for (int i = 0; i < blobs; i++) {
            b[i] = new double[] {aspect * r.nextDouble(), r.nextDouble(), 0.15 + 0.25 * r.nextDouble()};
        }
        ScanRandom.Noise edge = new ScanRandom.Noise(key(seed, ScanRandom.STAIN, reel, 1), 6);
        return ScanRandom.lowFrequency(width, height, 1, (x, y, c) -> {
            double v = 0;
            for (double[] blob : b) {
                double q = Math.hypot(x - blob[0], y - blob[1]) / blob[2] * (1 + 0.4 * edge.at(x / aspect, y));
                v = Math.max(v, Math.exp(-q * q * q)); // flat-topped: a stain is a tide mark, not a glow
            }
            return v;
        });
    }

    /**
     * Grain: per layer, Gaussian noise blurred to the clump size and scaled to a density standard
     * deviation rms · layer · √((D + floor) / (1 + floor)), since granularity grows with the amount
     * of dye (the Selwyn picture). New every frame.
     */
    static void grain(float[] d, int width, int height, Grain g, long seed, int frame) {
        float[] noise = new float[d.length];
        try (Mat n = new Mat(height, width, opencv_core.CV_32FC3);
                Mat zero = new Mat(1, 1, opencv_core.CV_64F, new Scalar(0));
                Mat one = new Mat(1, 1, opencv_core.CV_64F, new Scalar(1));
                RNG rng = new RNG(key(seed, ScanRandom.GRAIN, frame))) {
            rng._fill(n, RNG.NORMAL, zero, one);
            double norm = 1;
            if (g.size() > 0) {
                int ksize = 2 * (int) Math.ceil(3 * g.size()) + 1;
                opencv_imgproc.GaussianBlur(n, n, new Size(ksize, ksize), g.size(), g.size(), opencv_core.BORDER_REFLECT_101,
                        opencv_core.ALGO_HINT_ACCURATE);
                norm = 1 / blurredStd(ksize, g.size()); // back to unit variance, so rms means what it says
            }
            ScanRandom.read(n, noise);
            float scale = (float) (g.rms() * norm / Math.sqrt(1 + GRAIN_FLOOR));
            for (int j = 0; j < d.length; j++) {
                float density = Math.max(0, d[j]);
                d[j] += scale * LAYER_GRAIN[j % 3] * (float) Math.sqrt(density + GRAIN_FLOOR) * noise[j];
            }
        }
    }

    /** Standard deviation of unit white noise after a separable Gaussian blur: Σ w_i² of the 1-D kernel. */
    private static double blurredStd(int ksize, double sigma) {
        try (Mat k = opencv_imgproc.getGaussianKernel(ksize, sigma, opencv_core.CV_64F)) {
            DoubleBuffer w = k.createBuffer();
            double sum = 0;
            for (int i = 0; i < ksize; i++) {
                sum += w.get(i) * w.get(i);
            }
            return sum;
        }
    }

    /** D = -log10(max(v, MIN_VALUE)), with OpenCV's vectorised log. */
    static float[] density(float[] rgb, int width, int height) {
        float[] d = new float[rgb.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.max(rgb[i], MIN_VALUE);
        }
        try (Mat m = ScanRandom.mat(d, width, height, 3)) {
            opencv_core.log(m, m);
            ScanRandom.read(m, d);
        }
        for (int i = 0; i < d.length; i++) {
            d[i] /= -LN10;
        }
        return d;
    }

    /** v = 10^-D, into {@code rgb}. */
    static void transmittance(float[] d, float[] rgb, int width, int height) {
        for (int i = 0; i < d.length; i++) {
            d[i] *= -LN10;
        }
        try (Mat m = ScanRandom.mat(d, width, height, 3)) {
            opencv_core.exp(m, m);
            ScanRandom.read(m, rgb);
        }
    }
}
