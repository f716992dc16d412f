package org.emulsion.align.internal;

import java.nio.FloatBuffer;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.emulsion.core.image.Image;
import org.emulsion.media.Colour;
import org.emulsion.media.OpenCv;

/** Grey versions of frames: alignment compares structure, never colour, so grades and fading matter less. */
final class Luma {
    private Luma() {
    }

    /** {@link Colour#luma} with NaN as 0 (black). */
    static float[] of(Image image) {
        return Colour.luma(image, 0);
    }

    /** Rows or columns darker than this on average, and nowhere brighter than {@link #BAR_PEAK}, are letterbox/pillarbox bars. */
    private static final double BAR_MEAN = 0.03;
    private static final double BAR_PEAK = 0.12;
    /** Pixels kept clear of a detected bar's edge (compression rings there). */
    private static final int BAR_MARGIN = 3;

    /**
     * The picture area of a frame without its letterbox or pillarbox bars (black rows or columns
     * along the edges), inset a little from any bar found; the whole frame when there are none or
     * when nearly everything looks like a bar (a black frame).
     */
    static Rect picture(Mat luma) {
        int w = luma.cols();
        int h = luma.rows();
        Mat rowMean = new Mat();
        Mat colMean = new Mat();
        Mat rowMax = new Mat();
        Mat colMax = new Mat();
        opencv_core.reduce(luma, rowMean, 1, opencv_core.REDUCE_AVG);
        opencv_core.reduce(luma, colMean, 0, opencv_core.REDUCE_AVG);
        opencv_core.reduce(luma, rowMax, 1, opencv_core.REDUCE_MAX);
        opencv_core.reduce(luma, colMax, 0, opencv_core.REDUCE_MAX);
        float[] rm = floats(rowMean, h);
        float[] rx = floats(rowMax, h);
        float[] cm = floats(colMean, w);
        float[] cx = floats(colMax, w);
        int top = 0;
        while (top < h && bar(rm[top], rx[top])) {
            top++;
        }
        int bottom = h;
        while (bottom > top && bar(rm[bottom - 1], rx[bottom - 1])) {
            bottom--;
        }
        int left = 0;
        while (left < w && bar(cm[left], cx[left])) {
            left++;
        }
        int right = w;
        while (right > left && bar(cm[right - 1], cx[right - 1])) {
            right--;
        }
        int x0 = left > 0 ? left + BAR_MARGIN : 0;
        int y0 = top > 0 ? top + BAR_MARGIN : 0;
        int x1 = right < w ? right - BAR_MARGIN : w;
        int y1 = bottom < h ? bottom - BAR_MARGIN : h;
        if ((x1 - x0) * 2 < w || (y1 - y0) * 3 < h) {
            return new Rect(0, 0, w, h);
        }
        return new Rect(x0, y0, x1 - x0, y1 - y0);
    }

    private static boolean bar(float mean, float peak) {
        return mean < BAR_MEAN && peak < BAR_PEAK;
    }

    private static float[] floats(Mat m, int n) {
        float[] v = new float[n];
        ((FloatBuffer) m.createBuffer()).get(v);
        return v;
    }

    /**
     * Local contrast normalisation: luma minus its local mean over its local deviation (Gaussian
     * windows of {@code sigma} pixels; {@code floor} keeps flat areas from amplifying noise). Any
     * smooth, monotonic tonal difference between elements (grade, fading, print stock) cancels,
     * structure stays: what the aligners compare.
     */
    static Mat contrast(Mat luma, double sigma, double floor) {
        return contrast(luma, sigma, sigma, floor);
    }

    /** {@link #contrast(Mat, double, double)} with other windows across and down (for a frame of another scale or pixel aspect). */
    static Mat contrast(Mat luma, double sigmaX, double sigmaY, double floor) {
        Mat mean = new Mat();
        opencv_imgproc.GaussianBlur(luma, mean, new Size(0, 0), sigmaX, sigmaY, opencv_core.BORDER_REFLECT_101, 0);
        Mat detail = new Mat();
        opencv_core.subtract(luma, mean, detail);
        Mat energy = new Mat();
        opencv_core.multiply(detail, detail, energy);
        opencv_imgproc.GaussianBlur(energy, energy, new Size(0, 0), sigmaX, sigmaY, opencv_core.BORDER_REFLECT_101, 0);
        opencv_core.sqrt(energy, energy);
        opencv_core.add(energy, new Mat(energy.size(), opencv_core.CV_32F, Scalar.all(floor)), energy);
        Mat ratio = new Mat();
        opencv_core.divide(detail, energy, ratio);
        return ratio;
    }

    /**
     * Luma minus its smooth part (≈ a Gaussian of {@code sigmaX} × {@code sigmaY} pixels): uneven
     * fading, stains, vignetting and flicker bands vary slowly across a frame and differ between
     * elements; left in, their gradients pull a correlation-based fit (ECC is blind to a global gain
     * and offset only). The smooth part is three box filters (their cost does not grow with the
     * width, a wide Gaussian's does): symmetric and computed at full resolution, so it moves nothing
     * and treats both elements alike wherever their pixels fall.
     */
    static Mat withoutShading(Mat luma, double sigmaX, double sigmaY) {
        Size box = new Size(boxWidth(sigmaX), boxWidth(sigmaY));
        Mat smooth = luma.clone();
        for (int pass = 0; pass < 3; pass++) {
            opencv_imgproc.boxFilter(smooth, smooth, -1, box, new org.bytedeco.opencv.opencv_core.Point(-1, -1), true,
                    opencv_core.BORDER_REFLECT_101);
        }
        Mat detail = new Mat();
        opencv_core.subtract(luma, smooth, detail);
        return detail;
    }

    /** Odd width of a box whose three-fold repetition has variance sigma² ((w² − 1) / 12 each). */
    private static int boxWidth(double sigma) {
        return 2 * (int) Math.round(Math.sqrt(4 * sigma * sigma + 1) / 2) + 1;
    }

    /** {@link #of(Image)} as a float Mat. */
    static Mat mat(Image image) {
        return OpenCv.toMat(new Image(image.width(), image.height(), 1, of(image)));
    }
}
