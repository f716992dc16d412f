package org.emulsion.align.internal;

import java.nio.FloatBuffer;
import java.util.Arrays;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.global.opencv_calib3d;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_video.DISOpticalFlow;
import org.emulsion.core.image.Image;
import org.emulsion.media.OpenCv;

/**
 * Corrects what is left of a witness's registration before it is compared with the frame: a
 * registration fitted on a damaged frame is pulled by the damage, a pixel or two. The remaining
 * displacement is measured with DIS optical flow on contrast-normalised luma (blind to tones) and
 * one affine map is fitted to it with RANSAC, so that the damage — a minority of the flow vectors,
 * moving nowhere coherent — does not pull it again. Sub-pixel corrections are left alone.
 */
public final class Realign {
    /** Flow vectors are sampled every this many pixels. */
    private static final int GRID = 6;
    /** RANSAC inlier distance, pixels. */
    private static final double INLIER = 0.75;
    /** Smallest correction worth a resampling, pixels (largest displacement over the frame's corners). */
    private static final double MIN_CORRECTION = 0.25;
    private static final double CONTRAST_SIGMA = 3;

    private Realign() {
    }

    /** The witness moved onto the frame where its registration is off by more than a quarter pixel, else the witness itself. */
    public static Image onto(Image frame, Image witness) {
        int w = frame.width();
        int h = frame.height();
        try (PointerScope scope = new PointerScope()) {
            Size half = new Size(Math.max(8, w / 2), Math.max(8, h / 2));
            Mat a = normalised(frame, half);
            Mat b = normalised(witness, half);
            Mat flow = new Mat();
            DISOpticalFlow.create(DISOpticalFlow.PRESET_MEDIUM).calc(a, b, flow);
            float[] f = new float[2 * half.width() * half.height()];
            ((FloatBuffer) flow.createBuffer()).get(f);
            float[] d = witness.data();
            int c = witness.channels();
            double sx = (double) w / half.width();
            double sy = (double) h / half.height();
            int max = (w / GRID + 1) * (h / GRID + 1);
            float[] from = new float[2 * max];
            float[] to = new float[2 * max];
            int n = 0;
            for (int y = GRID / 2; y < h; y += GRID) {
                for (int x = GRID / 2; x < w; x += GRID) {
                    if (Float.isNaN(d[(y * w + x) * c])) {
                        continue;
                    }
                    int hx = Math.min(half.width() - 1, (int) (x / sx));
                    int hy = Math.min(half.height() - 1, (int) (y / sy));
                    int q = 2 * (hy * half.width() + hx);
                    from[2 * n] = x;
                    from[2 * n + 1] = y;
                    to[2 * n] = (float) (x + f[q] * sx);
                    to[2 * n + 1] = (float) (y + f[q + 1] * sy);
                    n++;
                }
            }
            if (n < 12) {
                return witness;
            }
            Mat model = opencv_calib3d.estimateAffine2D(points(from, n), points(to, n), new Mat(), opencv_calib3d.RANSAC, INLIER,
                    2000, 0.99, 10);
            if (model == null || model.empty()) {
                return witness;
            }
            DoubleIndexer m = model.createIndexer();
            double[] affine = new double[6];
            for (int i = 0; i < 6; i++) {
                affine[i] = m.get(i / 3, i % 3);
            }
            if (largestMove(affine, w, h) < MIN_CORRECTION) {
                return witness;
            }
            return remap(witness, affine);
        }
    }

    /** Largest displacement the affine frame-to-witness map makes at the frame's corners. */
    private static double largestMove(double[] a, int w, int h) {
        double largest = 0;
        for (double[] p : new double[][] {{0, 0}, {w - 1, 0}, {0, h - 1}, {w - 1, h - 1}}) {
            double x = a[0] * p[0] + a[1] * p[1] + a[2];
            double y = a[3] * p[0] + a[4] * p[1] + a[5];
            largest = Math.max(largest, Math.hypot(x - p[0], y - p[1]));
        }
        return largest;
    }

    /** The witness sampled where the affine map sends each frame pixel; NaN outside the witness. */
    private static Image remap(Image witness, double[] a) {
        Mat matrix = new Mat(2, 3, opencv_core.CV_64F);
        ((java.nio.DoubleBuffer) matrix.createBuffer()).put(a);
        Mat out = new Mat();
        opencv_imgproc.warpAffine(OpenCv.toMat(witness), out, matrix, new Size(witness.width(), witness.height()),
                opencv_imgproc.INTER_LINEAR | opencv_imgproc.WARP_INVERSE_MAP, opencv_core.BORDER_CONSTANT, Scalar.all(Double.NaN));
        Image result = OpenCv.toImage(out);
        float[] d = result.data();
        int c = result.channels();
        for (int y = 0, p = 0; y < witness.height(); y++) {
            for (int x = 0; x < witness.width(); x++, p++) {
                double u = a[0] * x + a[1] * y + a[2];
                double v = a[3] * x + a[4] * y + a[5];
                if (!(u >= 0 && v >= 0 && u <= witness.width() - 1 && v <= witness.height() - 1)) {
                    Arrays.fill(d, p * c, p * c + c, Float.NaN);
                }
            }
        }
        return result;
    }

    private static Mat normalised(Image image, Size size) {
        Mat luma = Luma.mat(image);
        Mat small = new Mat();
        opencv_imgproc.resize(luma, small, size, 0, 0, opencv_imgproc.INTER_AREA);
        Mat bytes = new Mat();
        Luma.contrast(small, CONTRAST_SIGMA, 0.01).convertTo(bytes, opencv_core.CV_8U, 40, 128);
        return bytes;
    }

    private static Mat points(float[] xy, int n) {
        Mat m = new Mat(n, 1, opencv_core.CV_32FC2);
        ((FloatBuffer) m.createBuffer()).put(xy, 0, 2 * n);
        return m;
    }
}
