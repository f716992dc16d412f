package org.emulsion.quality;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Size;
import org.emulsion.core.image.Image;
import org.emulsion.media.Colour;
import org.emulsion.media.OpenCv;

/** Luma and chroma planes of RGB frames (BT.601, through {@link Colour#ycbcr}), the Gaussian filter the metrics use and a box filter. */
public final class Planes {
    private Planes() {
    }

    /** BT.601 luma Y' = 0.299 R + 0.587 G + 0.114 B of an RGB image, as a 1-channel image. */
    public static Image luma(Image rgb) {
        Masks.checkChannels(rgb, 3, "RGB image");
        return Colour.channels(Colour.ycbcr(rgb), 0, 1);
    }

    /** BT.601 Cb, Cr of an RGB image (each centred on 0.5), as a 2-channel image. */
    public static Image chroma(Image rgb) {
        Masks.checkChannels(rgb, 3, "RGB image");
        return Colour.channels(Colour.ycbcr(rgb), 1, 2);
    }

    /**
     * OpenCV Gaussian blur ({@code BORDER_REFLECT_101}, accurate algorithm) of any image.
     *
     * @param size kernel size (odd), or 0 to let OpenCV derive it from {@code sigma}
     */
    public static Image gaussian(Image image, int size, double sigma) {
        try (Mat src = OpenCv.toMat(image); Mat dst = new Mat(); Size k = new Size(size, size)) {
            opencv_imgproc.GaussianBlur(src, dst, k, sigma, sigma, opencv_core.BORDER_REFLECT_101,
                    opencv_core.ALGO_HINT_ACCURATE);
            return OpenCv.toImage(dst);
        }
    }

    /** The same Gaussian blur on a 1-channel double plane ({@code CV_64F}), for sums that need the precision. */
    static double[] gaussian(double[] plane, int width, int height, int size, double sigma) {
        try (Mat src = new Mat(height, width, opencv_core.CV_64FC1); Mat dst = new Mat();
                Size k = new Size(size, size)) {
            ((DoubleBuffer) src.createBuffer()).put(plane);
            opencv_imgproc.GaussianBlur(src, dst, k, sigma, sigma, opencv_core.BORDER_REFLECT_101,
                    opencv_core.ALGO_HINT_ACCURATE);
            double[] out = new double[plane.length];
            Mat d = dst.isContinuous() ? dst : dst.clone();
            ((DoubleBuffer) d.createBuffer()).get(out);
            return out;
        }
    }

    /** The mean of a 1-channel plane over each pixel's window ({@code radius} pixels either side; the edge mirrored, {@code BORDER_REFLECT_101}). */
    public static float[] box(float[] plane, int width, int height, int radius) {
        try (Mat src = new Mat(height, width, opencv_core.CV_32FC1); Mat dst = new Mat();
                Size k = new Size(2 * radius + 1, 2 * radius + 1); Point anchor = new Point(-1, -1)) {
            ((FloatBuffer) src.createBuffer()).put(plane);
            opencv_imgproc.boxFilter(src, dst, -1, k, anchor, true, opencv_core.BORDER_REFLECT_101);
            float[] out = new float[plane.length];
            ((FloatBuffer) dst.createBuffer()).get(out);
            return out;
        }
    }

    /**
     * The finite value of {@code plane} that {@code numerator}/{@code denominator} of its finite values
     * lie below: the {@code ⌊n·numerator/denominator⌋}-th smallest of the {@code n} (from 0; NaN and
     * infinities left out), or 0 when none is finite. A median or quantile of a frame's plane by
     * selection, in linear time: sorting it takes n log n, tens of milliseconds at archive size.
     */
    public static float ranked(float[] plane, int numerator, int denominator) {
        float[] a = new float[plane.length];
        int n = 0;
        for (float v : plane) {
            if (Float.isFinite(v)) {
                a[n++] = v;
            }
        }
        if (n == 0) {
            return 0;
        }
        int k = (int) Math.min(n - 1, (long) n * numerator / denominator);
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) { // Hoare's selection, the pivot a median of three so that ordered planes stay linear
            int mid = (lo + hi) >>> 1;
            float pivot = Math.max(Math.min(a[lo], a[mid]), Math.min(Math.max(a[lo], a[mid]), a[hi]));
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    float t = a[i];
                    a[i++] = a[j];
                    a[j--] = t;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }
}
