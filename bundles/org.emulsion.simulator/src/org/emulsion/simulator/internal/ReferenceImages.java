package org.emulsion.simulator.internal;

import java.util.SplittableRandom;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.emulsion.core.image.Image;
import org.emulsion.media.OpenCv;

/** Pixel operations the reference renderers share: blur, seeded noise, field weaving. */
public final class ReferenceImages {
    private ReferenceImages() {
    }

    /** A Gaussian-blurred copy ({@code sigma} in pixels; 0 returns a copy). */
    public static Image blur(Image image, double sigma) {
        if (sigma <= 0) {
            return image.copy();
        }
        try (Mat m = OpenCv.toMat(image); Mat out = new Mat()) {
            opencv_imgproc.GaussianBlur(m, out, new Size(0, 0), sigma, sigma, opencv_core.BORDER_REFLECT, 0);
            return OpenCv.toImage(out);
        }
    }

    /**
     * A field of zero-mean Gaussian noise, one value per pixel and channel ({@code monochrome}: the
     * same value in every channel), of standard deviation {@code sigma} after an optional blur of
     * {@code size} pixels (grain clumps) that keeps the standard deviation. Deterministic for a seed.
     */
    public static Image noise(int width, int height, int channels, double sigma, double size, boolean monochrome, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int planes = monochrome ? 1 : channels;
        float[] plane = new float[width * height * planes];
        for (int i = 0; i < plane.length; i++) {
            plane[i] = (float) random.nextGaussian();
        }
        Image n = new Image(width, height, planes, plane);
        double gain = sigma;
        if (size > 0.05) {
            n = blur(n, size);
            double sum = 0;
            for (float v : n.data()) {
                sum += (double) v * v;
            }
            gain = sigma / Math.sqrt(Math.max(1e-12, sum / n.data().length));
        }
        float[] d = n.data();
        float[] out = new float[width * height * channels];
        for (int p = 0; p < width * height; p++) {
            for (int c = 0; c < channels; c++) {
                out[p * channels + c] = (float) (gain * d[p * planes + (monochrome ? 0 : c)]);
            }
        }
        return new Image(width, height, channels, out);
    }

    /** {@code image + noise}, clipped to [0, 1]. */
    public static Image add(Image image, Image noise) {
        float[] a = image.data();
        float[] b = noise.data();
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = Math.min(1f, Math.max(0f, a[i] + b[i]));
        }
        return new Image(image.width(), image.height(), image.channels(), out);
    }

    /** A frame whose even rows (0, 2, …) come from {@code top} and odd rows from {@code bottom}. */
    public static Image weave(Image top, Image bottom) {
        if (!top.sameSize(bottom)) {
            throw new IllegalArgumentException(top + " vs " + bottom);
        }
        float[] out = new float[top.data().length];
        int row = top.width() * top.channels();
        for (int y = 0; y < top.height(); y++) {
            System.arraycopy((y % 2 == 0 ? top : bottom).data(), y * row, out, y * row, row);
        }
        return new Image(top.width(), top.height(), top.channels(), out);
    }

    /** A seed for item {@code index} of stream {@code stream} derived from a renderer's seed. */
    public static long seed(long seed, int stream, int index) {
        long z = seed * 0x9E3779B97F4A7C15L + stream * 0xBF58476D1CE4E5B9L + index * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
