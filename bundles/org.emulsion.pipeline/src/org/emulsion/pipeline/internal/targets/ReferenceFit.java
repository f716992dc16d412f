package org.emulsion.pipeline.internal.targets;

import java.nio.DoubleBuffer;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.global.opencv_ximgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

import org.emulsion.core.image.Image;
import org.emulsion.media.Colour;
import org.emulsion.media.OpenCv;

/**
 * Where a reference shows the frame, its colour fitted on the scan's detail, window by window: in
 * each window the reference's Cb, Cr are modelled as a linear function of the scan's Y', Cb, Cr
 * (OpenCV's colour-guided filter, a local least-squares fit), and that function is applied to the
 * scan. The reference decides the colour at its own resolution; the scan decides where edges and
 * fine chroma detail lie, and a fade, being smooth within a window, is absorbed by the fit. A
 * disc's MPEG blocks, 4:2:0 bleeding and a pixel of registration slop fall inside a window and are
 * averaged out rather than copied. Where the reference does not cover the frame the result keeps
 * the network's colour.
 * <p>
 * A window spans {@value #REFERENCE_PIXELS} reference pixels either side: a four-parameter fit
 * needs many more reference samples than parameters, and a disc's 4:2:0 chroma has one sample per
 * two pixels. Frames are fitted in strips of rows, so an archive-size frame needs no whole-frame
 * copies; a strip carries enough rows above and below that the result is the whole frame's.
 */
public final class ReferenceFit {
    /** Half the window's width, in the reference's own pixels. */
    static final double REFERENCE_PIXELS = 4;
    /** Ridge added to each window's guide covariance, as a fraction of the guide's variance over the frame. */
    static final double RIDGE = 1e-3;
    private static final int STRIP_ROWS = 256;

    private ReferenceFit() {
    }

    /** The window's half width in pixels of a frame that shows the reference at {@code referenceScale} of its size (≤ 1). */
    public static int radius(double referenceScale) {
        return (int) Math.ceil(REFERENCE_PIXELS / Math.min(1, referenceScale) - 1e-9);
    }

    /** {@link #fitted(Image, Image, Image, int, int)} in strips of {@value #STRIP_ROWS} rows. */
    public static Image fitted(Image scan, Image result, Image reference, int radius) {
        return fitted(scan, result, reference, radius, STRIP_ROWS);
    }

    /**
     * The reference's chroma where it covers the frame, fitted on the scan's detail; the result's elsewhere.
     *
     * @param scan      the scan's Y', Cb, Cr at the frame's size: the guide
     * @param result    the result's Cb, Cr at the frame's size, kept where the reference does not cover the frame
     * @param reference the registered reference's Cb, Cr at any smaller or equal size with the
     *                  frame's aspect (NaN where it does not cover the frame), enlarged here a strip at a time
     * @param radius    half the window's width in the result's pixels ({@link #radius})
     * @param stripRows rows fitted at a time
     * @return Cb, Cr: fitted where the reference covers the pixel, the result's own elsewhere
     */
    public static Image fitted(Image scan, Image result, Image reference, int radius, int stripRows) {
        int w = scan.width();
        int h = scan.height();
        float[] sc = scan.data();
        float[] own = result.data();
        float[] out = own.clone();
        double[][] norm = normalisation(scan);
        int margin = 2 * radius + 1; // the filter averages coefficients over a window of coefficients fitted over windows
        double sx = (double) reference.width() / w;
        double sy = (double) reference.height() / h;
        try (Mat ref = OpenCv.toMat(reference)) {
            for (int y0 = 0; y0 < h; y0 += stripRows) {
                int y1 = Math.min(h, y0 + stripRows);
                int top = Math.max(0, y0 - margin);
                int bottom = Math.min(h, y1 + margin);
                int rows = bottom - top;
                float[] refStrip = enlarged(ref, w, rows, top, sx, sy);
                float[] guide = new float[3 * w * rows];
                float[] src = new float[2 * w * rows];
                for (int i = 0, n = w * rows; i < n; i++) {
                    int p = top * w + i;
                    for (int c = 0; c < 3; c++) {
                        guide[3 * i + c] = (float) ((sc[3 * p + c] - norm[c][0]) / norm[c][1]);
                    }
                    boolean covered = Float.isFinite(refStrip[2 * i]) && Float.isFinite(refStrip[2 * i + 1]);
                    src[2 * i] = covered ? refStrip[2 * i] : own[2 * p];
                    src[2 * i + 1] = covered ? refStrip[2 * i + 1] : own[2 * p + 1];
                }
                Image fit;
                try (Mat g = OpenCv.toMat(new Image(w, rows, 3, guide)); Mat s = OpenCv.toMat(new Image(w, rows, 2, src));
                        Mat d = new Mat()) {
                    opencv_ximgproc.guidedFilter(g, s, d, radius, RIDGE, -1, 1.0);
                    fit = OpenCv.toImage(d);
                }
                float[] f = fit.data();
                for (int y = y0; y < y1; y++) {
                    for (int x = 0; x < w; x++) {
                        int i = (y - top) * w + x;
                        if (Float.isFinite(refStrip[2 * i]) && Float.isFinite(refStrip[2 * i + 1])) {
                            out[2 * (y * w + x)] = f[2 * i];
                            out[2 * (y * w + x) + 1] = f[2 * i + 1];
                        }
                    }
                }
            }
        }
        return new Image(w, h, 2, out);
    }

    /**
     * Each guide channel's mean and deviation over the frame. The guide is fitted in these units:
     * the chroma of a faded frame varies a hundred times less than its luma, and OpenCV's filter
     * treats a window whose guide covariance is that small as singular (it then returns the
     * window's mean, without the result's detail).
     */
    private static double[][] normalisation(Image ycbcr) {
        float[] d = ycbcr.data();
        double[][] norm = new double[3][2];
        int n = d.length / 3;
        for (int c = 0; c < 3; c++) {
            double sum = 0;
            double squares = 0;
            for (int i = c; i < d.length; i += 3) {
                sum += d[i];
                squares += (double) d[i] * d[i];
            }
            double mean = sum / n;
            norm[c][0] = mean;
            norm[c][1] = Math.sqrt(Math.max(1e-12, squares / n - mean * mean));
        }
        return norm;
    }

    /** Rows {@code top} to {@code top + rows} of {@code reference} enlarged to the frame's width {@code w}, NaN where nothing lands. */
    private static float[] enlarged(Mat reference, int w, int rows, int top, double sx, double sy) {
        try (Mat map = new Mat(2, 3, opencv_core.CV_64F); Mat out = new Mat()) {
            // destination pixel centre (x, y + top) samples the reference at its own pixel centres' scale
            ((DoubleBuffer) map.createBuffer()).put(new double[] {sx, 0, 0.5 * sx - 0.5, 0, sy, (top + 0.5) * sy - 0.5});
            opencv_imgproc.warpAffine(reference, out, map, new Size(w, rows), opencv_imgproc.INTER_LINEAR | opencv_imgproc.WARP_INVERSE_MAP,
                    opencv_core.BORDER_CONSTANT, Scalar.all(Float.NaN));
            return OpenCv.toImage(out).data();
        }
    }
}
