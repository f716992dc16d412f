package org.emulsion.pipeline.internal.targets;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

import org.emulsion.core.image.Image;
import org.emulsion.media.OpenCv;
import org.emulsion.quality.Planes;

/**
 * Where a reference shows the frame, its colour fitted on the scan's detail, window by window: in
 * each window the reference's Cb, Cr are modelled as a linear function of the scan's Y', Cb, Cr (a
 * guided filter's local least-squares fit), and that function is applied to the full-resolution
 * scan. The reference decides the colour; the scan decides where edges and fine chroma detail lie,
 * and a fade, being smooth within a window, is absorbed by the fit. A disc's MPEG blocks, 4:2:0
 * bleeding and a pixel of registration slop fall inside a window and are averaged out rather than
 * copied.
 * <p>
 * The fit is made at the reference's own resolution, on the scan shrunk to it: a soft reference
 * regressed on the sharp scan would read its own blur as colour and flatten every edge (the
 * guided filter's usual form assumes guide and target equally sharp). The fitted functions, smooth
 * by construction, are then enlarged and applied to the sharp scan (He and Sun's fast guided
 * filter). Only pixels the reference covers take part in a fit, so a window at a cropped edge is
 * fitted on what the reference shows. The fit counts fully where the frame's own reference covers
 * the pixel and, where it does not, as much as a still neighbour's reference covers it (a frame in
 * a cut takes its colour from the nearest frames of its shot that a reference shows, where they show
 * its picture); the rest keeps the network's colour.
 * <p>
 * A window spans {@value #RADIUS} reference pixels either side: a fit of four parameters per
 * channel needs many more reference samples than that, and a disc's 4:2:0 chroma has one sample
 * per two pixels. The full-resolution frame is done in strips of rows, so an archive-size frame
 * gets no whole-frame copies of the fitted functions.
 */
public final class ReferenceFit {
    /** Half a window's width, in the reference's pixels. */
    public static final int RADIUS = 4;
    /** Ridge added to each window's guide covariance, as a fraction of the guide's variance over the frame. */
    static final double RIDGE = 1e-3;
    /** Least share of a window the reference must cover for the window to be fitted. */
    static final double LEAST_COVERED = 0.25;
    private static final int STRIP_ROWS = 256;
    /** Planes of fitted functions: three slopes and an offset for Cb, the same for Cr, and the coverage. */
    private static final int FUNCTION_PLANES = 9;

    private ReferenceFit() {
    }

    /**
     * One frame's evidence for a fit, at the reference's resolution on the scan: the scan's Y', Cb, Cr,
     * the registered reference's Cb, Cr (NaN where it does not cover the frame), and per pixel how
     * much it counts (null: fully).
     */
    public record Sample(Image scan, Image reference, float[] weight) {
    }

    /** {@link #fitted(Image, Image, Image, Image, int)} in strips of {@value #STRIP_ROWS} rows. */
    public static Image fitted(Image scan, Image result, Image scanAtReference, Image reference) {
        return fitted(scan, result, scanAtReference, reference, STRIP_ROWS);
    }

    /** {@link #fitted(Image, Image, List, int)} of the frame's own evidence alone. */
    public static Image fitted(Image scan, Image result, Image scanAtReference, Image reference, int stripRows) {
        return fitted(scan, result, List.of(new Sample(scanAtReference, reference, null)), stripRows);
    }

    /**
     * {@link #fitted(Image, Image, List, int)} with the still places of neighbouring frames pooled (moved onto
     * the frame by the caller, as far as the camera moved): each neighbour's evidence counts where it shows the
     * same picture as the frame ({@link Stillness}),
     * so the colour there is fitted on several frames' references and a transfer's noise does not
     * flicker from frame to frame. A frame no reference shows takes its colour from them alone, where
     * they show its picture.
     *
     * @param own        the frame's own evidence (its weight null; its reference all NaN when none shows the frame)
     * @param neighbours the evidence of the shot's neighbouring frames that have a reference (weights null: measured here)
     */
    public static Image fittedOverTime(Image scan, Image result, Sample own, List<Sample> neighbours) {
        List<Sample> samples = new ArrayList<>();
        samples.add(own);
        Stillness still = neighbours.isEmpty() ? null : new Stillness(own.scan(), RADIUS);
        for (Sample n : neighbours) {
            samples.add(new Sample(n.scan(), n.reference(), still.weights(n.scan())));
        }
        return fitted(scan, result, samples, STRIP_ROWS);
    }

    /**
     * The reference's colour fitted on the scan's detail where there is evidence; the result's elsewhere.
     *
     * @param scan            the scan's Y', Cb, Cr at the frame's size
     * @param result          the result's Cb, Cr at the frame's size, kept where no reference covers the pixel
     * @param samples   the evidence fitted on, at the reference's resolution on the scan (the same aspect):
     *                  first the frame's own (the scan shrunk to that size, its reference there); then any
     *                  other frames' pooled with it
     * @param stripRows full-resolution rows done at a time
     * @return Cb, Cr: fitted where the frame's reference covers the pixel; elsewhere blended with the result's own
     *         by how much a still neighbour's reference covers it (the result's own where none does)
     */
    public static Image fitted(Image scan, Image result, List<Sample> samples, int stripRows) {
        Image scanAtReference = samples.get(0).scan();
        Image reference = samples.get(0).reference();
        double[][] norm = normalisation(scanAtReference);
        float[] functions = functions(samples, norm);
        int w = scan.width();
        int h = scan.height();
        float[] sc = scan.data();
        float[] out = result.data().clone();
        double sx = (double) reference.width() / w;
        double sy = (double) reference.height() / h;
        Mat[] parts = new Mat[3];
        try {
            for (int p = 0; p < 3; p++) {
                parts[p] = planes(functions, reference.width(), reference.height(), 3 * p, 3);
            }
            // strips among the cores; each writes its own rows
            IntStream.range(0, (h + stripRows - 1) / stripRows).parallel().forEach(strip -> {
                int y0 = strip * stripRows;
                int rows = Math.min(h, y0 + stripRows) - y0;
                float[][] f = new float[3][];
                for (int p = 0; p < 3; p++) {
                    f[p] = enlarged(parts[p], w, rows, y0, sx, sy);
                }
                for (int i = 0, n = w * rows; i < n; i++) {
                    // under half a sample's evidence the result stays its own, as where a reference's edge ends
                    float share = Math.min(1, 2 * f[2][3 * i + 2] - 1);
                    if (!(share > 0) || !Float.isFinite(f[2][3 * i]) || !Float.isFinite(f[2][3 * i + 1])) {
                        continue; // no evidence here, or no window around it was fitted
                    }
                    int s = 3 * (y0 * w + i);
                    double g0 = (sc[s] - norm[0][0]) / norm[0][1];
                    double g1 = (sc[s + 1] - norm[1][0]) / norm[1][1];
                    double g2 = (sc[s + 2] - norm[2][0]) / norm[2][1];
                    int o = 2 * (y0 * w + i);
                    double cb = f[0][3 * i] * g0 + f[0][3 * i + 1] * g1 + f[0][3 * i + 2] * g2 + f[2][3 * i];
                    double cr = f[1][3 * i] * g0 + f[1][3 * i + 1] * g1 + f[1][3 * i + 2] * g2 + f[2][3 * i + 1];
                    out[o] += (float) (share * (cb - out[o]));
                    out[o + 1] += (float) (share * (cr - out[o + 1]));
                }
            });
        } finally {
            for (Mat m : parts) {
                if (m != null) {
                    m.close();
                }
            }
        }
        return new Image(w, h, 2, out);
    }

    /**
     * Each window's linear function from the (normalised) scan to the reference's Cb, Cr, averaged
     * over the windows that contain the pixel, as {@value #FUNCTION_PLANES} interleaved planes: Cb's
     * three slopes, Cr's three slopes, Cb's and Cr's offsets, and how much the pixel's evidence counts
     * (1 where the frame's reference covers it, else the most a still neighbour's reference counts there).
     * NaN where no window around the pixel was fitted.
     */
    private static float[] functions(List<Sample> samples, double[][] norm) {
        Image reference = samples.get(0).reference();
        int w = reference.width();
        int h = reference.height();
        int n = w * h;
        // weighted sums over covered pixels: coverage, I (3), p (2), I·I (6), I·p (6)
        float[][] sums = new float[18][n];
        float[] evidence = new float[n]; // per pixel, how much the best sample counts there
        float[] v = new float[5];
        for (Sample sample : samples) {
            float[] g = sample.scan().data();
            float[] r = sample.reference().data();
            float[] weight = sample.weight();
            for (int i = 0; i < n; i++) {
                float u = weight == null ? 1 : weight[i];
                if (!(u > 0) || !Float.isFinite(r[2 * i]) || !Float.isFinite(r[2 * i + 1])) {
                    continue;
                }
                for (int k = 0; k < 3; k++) {
                    v[k] = (float) ((g[3 * i + k] - norm[k][0]) / norm[k][1]);
                }
                v[3] = r[2 * i];
                v[4] = r[2 * i + 1];
                sums[0][i] += u;
                evidence[i] = Math.max(evidence[i], Math.min(1, u));
                for (int k = 0; k < 5; k++) {
                    sums[1 + k][i] += u * v[k];
                }
                int q = 6;
                for (int a = 0; a < 3; a++) {
                    for (int b = a; b < 3; b++) {
                        sums[q++][i] += u * v[a] * v[b];
                    }
                }
                for (int a = 0; a < 3; a++) {
                    for (int c = 0; c < 2; c++) {
                        sums[q++][i] += u * v[a] * v[3 + c];
                    }
                }
            }
        }
        for (int q = 0; q < sums.length; q++) {
            sums[q] = boxed(sums[q], w, h);
        }
        // each window's function, weighted 1 where it was fitted
        float[][] fitted = new float[9][n];
        double[][] cov = new double[3][3];
        for (int i = 0; i < n; i++) {
            double covered = sums[0][i];
            if (covered < LEAST_COVERED) {
                continue;
            }
            double[] mean = new double[5];
            for (int k = 0; k < 5; k++) {
                mean[k] = sums[1 + k][i] / covered;
            }
            int q = 6;
            for (int a = 0; a < 3; a++) {
                for (int b = a; b < 3; b++) {
                    cov[a][b] = sums[q++][i] / covered - mean[a] * mean[b];
                    cov[b][a] = cov[a][b];
                }
                cov[a][a] += RIDGE;
            }
            double[][] inverse = inverse(cov);
            for (int c = 0; c < 2; c++) {
                double[] cross = new double[3];
                for (int a = 0; a < 3; a++) {
                    cross[a] = sums[12 + 2 * a + c][i] / covered - mean[a] * mean[3 + c];
                }
                double offset = mean[3 + c];
                for (int a = 0; a < 3; a++) {
                    double slope = inverse[a][0] * cross[0] + inverse[a][1] * cross[1] + inverse[a][2] * cross[2];
                    fitted[3 * c + a][i] = (float) slope;
                    offset -= slope * mean[a];
                }
                fitted[6 + c][i] = (float) offset;
            }
            fitted[8][i] = 1;
        }
        float[] weight = boxed(fitted[8], w, h);
        float[] out = new float[FUNCTION_PLANES * n];
        for (int q = 0; q < 8; q++) {
            float[] averaged = boxed(fitted[q], w, h);
            for (int i = 0; i < n; i++) {
                out[FUNCTION_PLANES * i + q] = weight[i] > 1e-6f ? averaged[i] / weight[i] : Float.NaN;
            }
        }
        // how much the fit counts: fully where the frame's own reference covers the pixel; elsewhere (a frame in a cut)
        // as much as a still neighbour's reference covers it, so the fit fades into the result where the picture moved
        for (int i = 0; i < n; i++) {
            out[FUNCTION_PLANES * i + 8] = evidence[i];
        }
        return out;
    }

    /** The mean of {@code plane} over each pixel's window ({@value #RADIUS} pixels either side; the frame's edge mirrored). */
    private static float[] boxed(float[] plane, int w, int h) {
        return Planes.box(plane, w, h, RADIUS);
    }

    /** The inverse of a symmetric positive definite 3×3 matrix (its adjugate over its determinant). */
    private static double[][] inverse(double[][] m) {
        double c00 = m[1][1] * m[2][2] - m[1][2] * m[2][1];
        double c01 = m[1][2] * m[2][0] - m[1][0] * m[2][2];
        double c02 = m[1][0] * m[2][1] - m[1][1] * m[2][0];
        double det = m[0][0] * c00 + m[0][1] * c01 + m[0][2] * c02;
        double[][] inv = new double[3][3];
        inv[0][0] = c00 / det;
        inv[0][1] = (m[0][2] * m[2][1] - m[0][1] * m[2][2]) / det;
        inv[0][2] = (m[0][1] * m[1][2] - m[0][2] * m[1][1]) / det;
        inv[1][0] = c01 / det;
        inv[1][1] = (m[0][0] * m[2][2] - m[0][2] * m[2][0]) / det;
        inv[1][2] = (m[0][2] * m[1][0] - m[0][0] * m[1][2]) / det;
        inv[2][0] = c02 / det;
        inv[2][1] = (m[0][1] * m[2][0] - m[0][0] * m[2][1]) / det;
        inv[2][2] = (m[0][0] * m[1][1] - m[0][1] * m[1][0]) / det;
        return inv;
    }

    /**
     * Each guide channel's mean and deviation over the frame. The guide is fitted in these units,
     * so the ridge weighs alike on luma and on the chroma of a faded frame, which varies a hundred
     * times less.
     */
    private static double[][] normalisation(Image ycbcr) {
        try (Mat mat = OpenCv.toMat(ycbcr); Mat mean = new Mat(); Mat deviation = new Mat()) {
            opencv_core.meanStdDev(mat, mean, deviation);
            DoubleBuffer m = mean.createBuffer();
            DoubleBuffer d = deviation.createBuffer();
            double[][] norm = new double[3][2];
            for (int c = 0; c < 3; c++) {
                norm[c][0] = m.get(c);
                norm[c][1] = Math.max(1e-6, d.get(c));
            }
            return norm;
        }
    }


    /** Channels {@code from} to {@code from + count} of interleaved {@value #FUNCTION_PLANES}-plane data as one Mat. */
    private static Mat planes(float[] functions, int w, int h, int from, int count) {
        float[] part = new float[count * w * h];
        for (int i = 0; i < w * h; i++) {
            System.arraycopy(functions, FUNCTION_PLANES * i + from, part, count * i, count);
        }
        Mat mat = new Mat(h, w, opencv_core.CV_32FC(count));
        ((FloatBuffer) mat.createBuffer()).put(part);
        return mat;
    }

    /** Rows {@code top} to {@code top + rows} of {@code small} enlarged to the frame's width {@code w}, NaN where nothing lands. */
    private static float[] enlarged(Mat small, int w, int rows, int top, double sx, double sy) {
        try (Mat map = new Mat(2, 3, opencv_core.CV_64F); Mat out = new Mat()) {
            // the frame's pixel centre (x, y + top) samples the small grid at its own pixel centres' scale
            ((DoubleBuffer) map.createBuffer()).put(new double[] {sx, 0, 0.5 * sx - 0.5, 0, sy, (top + 0.5) * sy - 0.5});
            opencv_imgproc.warpAffine(small, out, map, new Size(w, rows), opencv_imgproc.INTER_LINEAR | opencv_imgproc.WARP_INVERSE_MAP,
                    opencv_core.BORDER_REPLICATE, Scalar.all(0));
            float[] data = new float[rows * w * small.channels()];
            ((FloatBuffer) out.createBuffer()).get(data);
            return data;
        }
    }
}
