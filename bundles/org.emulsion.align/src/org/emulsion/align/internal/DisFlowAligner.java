package org.emulsion.align.internal;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC2;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;

import java.nio.FloatBuffer;
import java.util.Locale;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.global.opencv_video;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_video.DISOpticalFlow;
import org.emulsion.core.extensions.Aligner;
import org.emulsion.core.extensions.SpatialAlignment;
import org.emulsion.core.image.Image;

/**
 * The global alignment of {@link FeatureEccAligner} plus a dense residual: OpenCV's DIS optical
 * flow between the scan and the globally warped reference, for what one affine map per frame
 * cannot follow (lens distortion of another optical path, shrinkage, weave within the frame).
 * <p>
 * Flow is computed on locally contrast-normalised luma (so grades and fading do not read as
 * motion) at half resolution and smoothed: the residuals it is for are smooth, and smoothing keeps
 * grain and compression noise out of the warp. A flow that does not raise the correlation, or
 * that is implausibly large, is dropped and the global alignment kept; frames the global aligner
 * rejects stay rejected. Stateless, hence thread-safe.
 */
public final class DisFlowAligner implements Aligner {
    /** Largest residual accepted (pixels, 99th percentile): beyond it the global fit, not the lens, is wrong. */
    private static final double MAX_FLOW = 4;
    /**
     * A residual flow is kept only if it removes at least a tenth of the decorrelation left by the
     * global fit (1 − ρ scaled by this): where one affine map per frame already fits, the flow only
     * follows grain and compression noise and adds error.
     */
    private static final double MIN_GAIN = 0.9;
    /** Smoothing of the flow, as a fraction of the frame's shorter side. */
    private static final double SMOOTHING = 0.015;
    /** Scale of the local contrast normalisation, pixels at half resolution. */
    private static final double CONTRAST_SIGMA = 3;
    private final FeatureEccAligner global = new FeatureEccAligner();

    @Override
    public SpatialAlignment align(Image reference, Image scan) {
        try (PointerScope scope = new PointerScope()) {
            Mat ref = Luma.mat(reference);
            Mat sc = Luma.mat(scan);
            return local(ref, sc, global.align(ref, sc));
        }
    }

    @Override
    public SpatialAlignment refine(Image reference, Image scan, SpatialAlignment initial) {
        try (PointerScope scope = new PointerScope()) {
            Mat ref = Luma.mat(reference);
            Mat sc = Luma.mat(scan);
            return local(ref, sc, global.refine(ref, sc, initial));
        }
    }

    @Override
    public Image warp(Image reference, SpatialAlignment alignment, int width, int height) {
        return global.warp(reference, alignment, width, height);
    }

    /** The residual flow on top of {@code alignment}, from the frames' luma (computed once for both steps). */
    private static SpatialAlignment local(Mat referenceLuma, Mat scanLuma, SpatialAlignment alignment) {
        if (alignment.isRejected()) {
            return alignment;
        }
        int w = scanLuma.cols();
        int h = scanLuma.rows();
        // Everything at half resolution: the residuals are smooth, and it is four times cheaper.
        Size half = new Size(Math.max(1, w / 2), Math.max(1, h / 2));
        double f = (double) w / half.width();
        Mat scanHalf = new Mat();
        opencv_imgproc.resize(scanLuma, scanHalf, half, 0, 0, opencv_imgproc.INTER_AREA);
        // Reference → half-resolution scan grid: x' = (x + 0.5) / f - 0.5 after the homography.
        double[] m = alignment.homography();
        double[] toHalf = new double[9];
        for (int c = 0; c < 3; c++) {
            toHalf[c] = (m[c] - 0.5 * (1 - 1 / f) * m[6 + c] * f) / f;
            toHalf[3 + c] = (m[3 + c] - 0.5 * (1 - 1 / f) * m[6 + c] * f) / f;
            toHalf[6 + c] = m[6 + c];
        }
        Mat homography = new Mat(3, 3, CV_64F);
        DoubleIndexer hi = homography.createIndexer();
        for (int i = 0; i < 9; i++) {
            hi.put(i / 3, i % 3, toHalf[i]);
        }
        Mat warped = new Mat();
        opencv_imgproc.warpPerspective(referenceLuma, warped, homography, half, opencv_imgproc.INTER_LINEAR,
                BORDER_REPLICATE, new Scalar());
        Mat picture = new Mat(referenceLuma.rows(), referenceLuma.cols(), CV_8U, Scalar.all(0));
        picture.apply(Luma.picture(referenceLuma)).put(Scalar.all(255)); // letterbox bars are not picture
        Mat covered = new Mat();
        opencv_imgproc.warpPerspective(picture, covered,
                homography, half, opencv_imgproc.INTER_NEAREST, BORDER_CONSTANT, Scalar.all(0));
        opencv_imgproc.erode(covered, covered, new Mat(), new org.bytedeco.opencv.opencv_core.Point(-1, -1), 2,
                BORDER_CONSTANT, Scalar.all(0));

        Mat scan8 = normalised(scanHalf);
        Mat ref8 = normalised(warped);
        scan8.copyTo(ref8, inverted(covered)); // no reference there: no motion either
        Mat flow = new Mat();
        DISOpticalFlow.create(DISOpticalFlow.PRESET_MEDIUM).calc(scan8, ref8, flow);
        double sigma = SMOOTHING * Math.min(half.width(), half.height());
        opencv_imgproc.GaussianBlur(flow, flow, new Size(0, 0), sigma, sigma, opencv_core.BORDER_REFLECT, 0);
        float[] small = new float[2 * half.width() * half.height()];
        ((FloatBuffer) flow.createBuffer()).get(small);
        double largest = f * percentile99(small);
        if (largest > MAX_FLOW) {
            return alignment.withFlow(null, alignment.confidence(), alignment.method() + String.format(Locale.ROOT,
                    "; DIS residual dropped (%.1f px > %.0f px)", largest, MAX_FLOW));
        }
        double before = ecc(scanHalf, warped, covered);
        double after = ecc(scanHalf, remap(warped, small, half.width(), half.height()), covered);
        if (!(1 - after <= MIN_GAIN * (1 - before))) {
            return alignment.withFlow(null, alignment.confidence(), alignment.method()
                    + String.format(Locale.ROOT, "; DIS residual dropped (correlation %.4f, %.4f without)", after, before));
        }
        Mat full = new Mat();
        opencv_imgproc.resize(flow, full, new Size(w, h), 0, 0, opencv_imgproc.INTER_LINEAR);
        full.convertTo(full, CV_32FC2, f, 0);
        float[] residual = new float[2 * w * h];
        ((FloatBuffer) full.createBuffer()).get(residual);
        return alignment.withFlow(new Image(w, h, 2, residual), Math.max(0, Math.min(1, after)), alignment.method()
                + String.format(Locale.ROOT, "; DIS residual flow (half resolution, smoothed %.0f px, max %.2f px)", sigma * f,
                        largest));
    }

    /** Luma minus its local mean, over its local deviation, as 8 bits around 128: grade and fade invariant structure. */
    private static Mat normalised(Mat luma) {
        Mat bytes = new Mat();
        Luma.contrast(luma, CONTRAST_SIGMA, 0.01).convertTo(bytes, CV_8U, 40, 128);
        return bytes;
    }

    private static Mat inverted(Mat mask) {
        Mat out = new Mat();
        opencv_core.bitwise_not(mask, out);
        return out;
    }

    private static Mat remap(Mat image, float[] flow, int w, int h) {
        float[] map = new float[2 * w * h];
        for (int y = 0, p = 0; y < h; y++) {
            for (int x = 0; x < w; x++, p++) {
                map[2 * p] = x + flow[2 * p];
                map[2 * p + 1] = y + flow[2 * p + 1];
            }
        }
        Mat maps = new Mat(h, w, CV_32FC2);
        ((FloatBuffer) maps.createBuffer()).put(map);
        Mat out = new Mat();
        opencv_imgproc.remap(image, out, maps, new Mat(), opencv_imgproc.INTER_LINEAR, BORDER_REPLICATE, new Scalar());
        return out;
    }

    private static double ecc(Mat scan, Mat reference, Mat mask) {
        try {
            double rho = opencv_video.computeECC(scan, reference, mask);
            return Double.isNaN(rho) ? 0 : rho;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** 99th percentile of the flow's magnitude, from a histogram of 0.01 px bins (a sort would cost more than the flow). */
    private static double percentile99(float[] flow) {
        int bins = 2000;
        int[] histogram = new int[bins + 1];
        int n = flow.length / 2;
        for (int p = 0; p < n; p++) {
            double v = Math.sqrt(flow[2 * p] * flow[2 * p] + flow[2 * p + 1] * flow[2 * p + 1]);
            histogram[(int) Math.min(bins, v * 100)]++;
        }
        int target = (int) (0.99 * n);
        int seen = 0;
        for (int b = 0; b <= bins; b++) {
            seen += histogram[b];
            if (seen > target) {
                return b / 100.0;
            }
        }
        return bins / 100.0;
    }
}
