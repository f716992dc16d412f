package org.emulsion.simulator;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Seeded randomness for the scan simulator. Every value is a pure function of (seed, what, frame,
 * ...), never of a running generator, so any frame renders the same alone, in any order, on any
 * thread, and switching one degradation off does not change the others.
 */
final class ScanRandom {
    /** What a random value is for; part of every key so that streams never overlap. */
    static final int FADE = 1, STAIN = 2, GRAIN = 3, WEAVE = 4, FLICKER = 5, DUST = 6, SCRATCH = 7, VINEGAR = 8,
            NITRATE = 9, MISSING = 10;

    /** Long-lived damage is drawn per window of this many frames (one second of film). */
    static final int WINDOW = 24;

    private ScanRandom() {
    }

    /** A 64-bit key for a tuple (SplitMix64 finaliser chained over the parts). */
    static long key(long... parts) {
        long h = 0x6A09E667F3BCC909L;
        for (long p : parts) {
            h = mix(h ^ mix(p + 0x9E3779B97F4A7C15L));
        }
        return h;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static SplittableRandom random(long... parts) {
        return new SplittableRandom(key(parts));
    }

    /** Uniform in [0, 1). */
    static double uniform(long... parts) {
        return (key(parts) >>> 11) * 0x1.0p-53;
    }

    static int poisson(SplittableRandom r, double mean) {
        double limit = Math.exp(-mean);
        double p = r.nextDouble();
        int k = 0;
        while (p > limit) {
            k++;
            p *= r.nextDouble();
        }
        return k;
    }

    /** One piece of long-lived damage: it appears at {@code start} and lasts {@code length} frames. */
    record Event(long key, int start, int length) {
        /** 0 on its first frame, 1 on its last. */
        double progress(int frame) {
            return length <= 1 ? 1 : (double) (frame - start) / (length - 1);
        }
    }

    /**
     * The events of one kind alive at {@code frame}: each window of {@link #WINDOW} frames starts a
     * Poisson number of them (mean {@code rate} per frame), each lasting minLength..maxLength frames.
     * Only windows that can still reach {@code frame} are visited.
     */
    static List<Event> events(long seed, int kind, double rate, int minLength, int maxLength, int frame) {
        List<Event> alive = new ArrayList<>();
        if (rate <= 0 || frame < 0) {
            return alive;
        }
        for (int w = Math.max(0, (frame - maxLength + 1) / WINDOW); w <= frame / WINDOW; w++) {
            SplittableRandom r = random(seed, kind, w);
            int n = poisson(r, rate * WINDOW);
            for (int j = 0; j < n; j++) {
                int start = w * WINDOW + r.nextInt(WINDOW);
                int length = minLength + r.nextInt(Math.max(1, maxLength - minLength + 1));
                if (frame >= start && frame < start + length) {
                    alive.add(new Event(key(seed, kind, w, j), start, length));
                }
            }
        }
        return alive;
    }

    /** Smooth value noise on the unit square: a lattice of cells×cells random values in [-1, 1], C1-interpolated. */
    static final class Noise {
        private final int cells;
        private final float[] lattice;

        Noise(long key, int cells) {
            this.cells = cells;
            this.lattice = new float[(cells + 1) * (cells + 1)];
            SplittableRandom r = new SplittableRandom(key);
            for (int i = 0; i < lattice.length; i++) {
                lattice[i] = (float) (2 * r.nextDouble() - 1);
            }
        }

        double at(double u, double v) {
            double x = Math.min(1, Math.max(0, u)) * cells;
            double y = Math.min(1, Math.max(0, v)) * cells;
            int i = Math.min((int) x, cells - 1);
            int j = Math.min((int) y, cells - 1);
            double fx = fade(x - i);
            double fy = fade(y - j);
            int k = j * (cells + 1) + i;
            double top = lattice[k] + (lattice[k + 1] - lattice[k]) * fx;
            double bottom = lattice[k + cells + 1] + (lattice[k + cells + 2] - lattice[k + cells + 1]) * fx;
            return top + (bottom - top) * fy;
        }

        private static double fade(double t) {
            return t * t * (3 - 2 * t);
        }
    }

    /** A smooth field's value at (x, y) in frame-height units (x in [0, width/height], y in [0, 1]), channel c. */
    interface Field {
        double at(double x, double y, int c);
    }

    /**
     * Samples a smooth field at 1/8 resolution and enlarges it: fade and stain vary over a tenth of
     * the frame, so evaluating them per pixel would only cost time.
     */
    static float[] lowFrequency(int width, int height, int channels, Field field) {
        int gw = Math.max(2, width / 8);
        int gh = Math.max(2, height / 8);
        float[] grid = new float[gw * gh * channels];
        for (int y = 0; y < gh; y++) {
            for (int x = 0; x < gw; x++) {
                double fx = (x + 0.5) * width / gw / height;
                double fy = (y + 0.5) / gh;
                for (int c = 0; c < channels; c++) {
                    grid[(y * gw + x) * channels + c] = (float) field.at(fx, fy, c);
                }
            }
        }
        float[] out = new float[width * height * channels];
        try (Mat small = mat(grid, gw, gh, channels); Mat big = new Mat()) {
            opencv_imgproc.resize(small, big, new Size(width, height), 0, 0, opencv_imgproc.INTER_LINEAR);
            read(big, out);
        }
        return out;
    }

    static double smoothstep(double edge0, double edge1, double x) {
        double t = Math.min(1, Math.max(0, (x - edge0) / (edge1 - edge0)));
        return t * t * (3 - 2 * t);
    }

    /** A float Mat holding a copy of HWC samples. */
    static Mat mat(float[] data, int width, int height, int channels) {
        Mat m = new Mat(height, width, opencv_core.CV_32FC(channels));
        ((FloatBuffer) m.createBuffer()).put(data, 0, width * height * channels);
        return m;
    }

    /** Copies a continuous float Mat's samples into {@code into}. */
    static void read(Mat m, float[] into) {
        ((FloatBuffer) m.createBuffer()).get(into, 0, into.length);
    }
}
