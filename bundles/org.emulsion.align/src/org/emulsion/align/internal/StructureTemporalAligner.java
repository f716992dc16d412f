package org.emulsion.align.internal;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.emulsion.core.extensions.TemporalAligner;
import org.emulsion.core.extensions.TemporalMatch;
import org.emulsion.core.image.FrameSource;
import org.emulsion.core.image.Image;

/**
 * Temporal alignment on picture structure, in three steps.
 * <ol>
 * <li>Every frame of both elements is read once, in order, into a small grey thumbnail (video
 * sources seek backwards by reopening, so nothing is decoded twice).</li>
 * <li>The framing relation (crop, scale, anamorphic squeeze) is estimated with AKAZE + RANSAC on
 * a few scan frames against the reference frames, keeping the pair with the most inliers; every
 * reference thumbnail is then resampled into the scan's geometry, masked to the part that shows
 * picture (no letterbox bars).</li>
 * <li>Each pair is scored by the correlation of locally contrast-normalised luma (structure, not
 * colour: fading and another grade do not change it), and a monotonic dynamic programme picks,
 * per scan frame, a reference frame or NONE: the next reference frame costs nothing, a repeat
 * (duplicated scan frame) or a jump (dropped frames, cut, lead-in) costs a penalty, NONE scores
 * the threshold.</li>
 * </ol>
 * The confidence of a decision grows with its distance from the threshold. All pairs are scored,
 * so time and memory grow with scan × reference frames: fine for a reel's worth of thumbnails,
 * a feature needs banding around the diagonal (not done). Stateless, hence thread-safe.
 */
public final class StructureTemporalAligner implements TemporalAligner {
    /** Width of the thumbnails the framing relation is estimated on. */
    private static final int GEOMETRY_WIDTH = 320;
    /** Width of the structure descriptors pairs are scored on. */
    private static final int DESCRIPTOR_WIDTH = 96;
    /** Scan frames the framing relation is sought on, and reference candidates per scan frame. */
    private static final int GEOMETRY_SCAN_SAMPLES = 9;
    private static final int GEOMETRY_REFERENCE_SAMPLES = 80;
    /** Correlation a pair must exceed to be a match rather than NONE. */
    static final double THRESHOLD = 0.45;
    /** Cost of a repeated reference frame and of skipping reference frames, in correlation units. */
    private static final double REPEAT_PENALTY = 0.25;
    private static final double JUMP_PENALTY = 0.35;
    /** Correlation distance from the threshold that gives a confidence of 0.73 (logistic scale). */
    private static final double CONFIDENCE_SCALE = 0.05;

    @Override
    public TemporalMatch match(FrameSource scan, FrameSource reference, IProgressMonitor monitor) throws IOException {
        SubMonitor progress = SubMonitor.convert(monitor, scan.frameCount() + reference.frameCount() + 10);
        List<Mat> scans = thumbnails(scan, progress);
        List<Mat> refs = thumbnails(reference, progress);
        try (PointerScope scope = new PointerScope()) {
            progress.subTask("estimating the framing");
            // Every sampled pair's fit is a candidate framing; a pair with a neighbouring frame carries that
            // frame's camera motion. The true framing is the one that lines up every shot, i.e. the one whose
            // monotonic match scores best overall.
            List<double[]> candidates = framings(scans, refs);
            progress.worked(5);
            progress.subTask("scoring frame pairs");
            TemporalMatch best = null;
            double bestTotal = Double.NEGATIVE_INFINITY;
            float[][] s = descriptors(scans, null, null);
            for (double[] affine : candidates) {
                double[][] score = scores(s, refs, affine, scans.get(0));
                TemporalMatch match = decide(score, String.format(Locale.ROOT,
                        "structure correlation (%dpx, local contrast), framing [%.4f %.4f %.2f; %.4f %.4f %.2f] (best of %d), monotonic DP",
                        DESCRIPTOR_WIDTH, affine[0], affine[1], affine[2], affine[3], affine[4], affine[5], candidates.size()));
                double total = 0;
                for (int i = 0; i < score.length; i++) {
                    total += match.referenceFor(i) == TemporalMatch.NONE ? 0 : score[i][match.referenceFor(i)] - THRESHOLD;
                }
                if (total > bestTotal) {
                    bestTotal = total;
                    best = match;
                }
            }
            progress.worked(5);
            return best != null ? best : decide(new double[scans.size()][refs.size()], "no framing relation found: no frame matches");
        } finally {
            scans.forEach(Mat::close);
            refs.forEach(Mat::close);
        }
    }

    /** Correlation of every scan descriptor with every reference thumbnail seen in the scan's geometry through {@code affine}. */
    private static double[][] scores(float[][] s, List<Mat> refs, double[] affine, Mat scanLike) {
        boolean[] picture = pictureMask(refs, affine, scanLike);
        float[][] r = descriptors(refs, affine, scanLike);
        double[][] score = new double[s.length][r.length];
        for (int i = 0; i < s.length; i++) {
            for (int j = 0; j < r.length; j++) {
                score[i][j] = correlation(s[i], r[j], picture);
            }
        }
        return score;
    }

    /**
     * The monotonic match on a score matrix (scan × reference correlations): per scan frame, a
     * reference frame or {@link TemporalMatch#NONE}, with confidences.
     */
    static TemporalMatch decide(double[][] score, String method) {
        int n = score.length;
        int m = n == 0 ? 0 : score[0].length;
        if (n == 0 || m == 0) {
            int[] none = new int[n];
            Arrays.fill(none, TemporalMatch.NONE);
            double[] sure = new double[n];
            Arrays.fill(sure, 1);
            return new TemporalMatch(none, sure, method);
        }
        // matched[i][j]: best total with scan i shown by reference j; skipped[i][j]: scan i NONE, last match j (j = m: none yet).
        double[][] matched = new double[n][m];
        double[][] skipped = new double[n][m + 1];
        int[][] matchedFrom = new int[n][m]; // previous state: encoded j (match) or -(j + 2) (NONE after j), or Integer.MIN_VALUE (start)
        int[][] skippedFrom = new int[n][m + 1];
        for (int i = 0; i < n; i++) {
            double bestBefore = Double.NEGATIVE_INFINITY; // best state of frame i-1 whose last match is < j - 1
            int bestBeforeState = Integer.MIN_VALUE;
            for (int j = 0; j < m; j++) {
                double gain = score[i][j] - THRESHOLD;
                double best;
                int from;
                if (i == 0) {
                    best = 0; // the scan may start anywhere in the reference (lead-in, head missing)
                    from = Integer.MIN_VALUE;
                } else {
                    best = skipped[i - 1][m] - (j > 0 ? JUMP_PENALTY : 0); // first match after NONE frames only
                    from = -(m + 2);
                    if (j > 0 && matched[i - 1][j - 1] > best) {
                        best = matched[i - 1][j - 1];
                        from = j - 1;
                    }
                    if (j > 0 && skipped[i - 1][j - 1] > best) {
                        best = skipped[i - 1][j - 1];
                        from = -(j - 1 + 2);
                    }
                    if (matched[i - 1][j] - REPEAT_PENALTY > best) {
                        best = matched[i - 1][j] - REPEAT_PENALTY;
                        from = j;
                    }
                    if (bestBefore - JUMP_PENALTY > best) {
                        best = bestBefore - JUMP_PENALTY;
                        from = bestBeforeState;
                    }
                    // states ending at j - 1 become "before" for j + 1
                    if (j > 0) {
                        if (matched[i - 1][j - 1] > bestBefore) {
                            bestBefore = matched[i - 1][j - 1];
                            bestBeforeState = j - 1;
                        }
                        if (skipped[i - 1][j - 1] > bestBefore) {
                            bestBefore = skipped[i - 1][j - 1];
                            bestBeforeState = -(j - 1 + 2);
                        }
                    }
                }
                matched[i][j] = best + gain;
                matchedFrom[i][j] = from;
            }
            for (int j = 0; j <= m; j++) {
                if (i == 0) {
                    skipped[i][j] = j == m ? 0 : Double.NEGATIVE_INFINITY;
                    skippedFrom[i][j] = Integer.MIN_VALUE;
                } else if (j == m) {
                    skipped[i][j] = skipped[i - 1][m];
                    skippedFrom[i][j] = -(m + 2);
                } else if (matched[i - 1][j] >= skipped[i - 1][j]) {
                    skipped[i][j] = matched[i - 1][j];
                    skippedFrom[i][j] = j;
                } else {
                    skipped[i][j] = skipped[i - 1][j];
                    skippedFrom[i][j] = -(j + 2);
                }
            }
        }
        // Best final state, then back-track.
        double best = skipped[n - 1][m];
        int state = -(m + 2);
        for (int j = 0; j < m; j++) {
            if (matched[n - 1][j] > best) {
                best = matched[n - 1][j];
                state = j;
            }
            if (skipped[n - 1][j] > best) {
                best = skipped[n - 1][j];
                state = -(j + 2);
            }
        }
        int[] map = new int[n];
        for (int i = n - 1; i >= 0; i--) {
            if (state >= 0) {
                map[i] = state;
                state = matchedFrom[i][state];
            } else {
                map[i] = TemporalMatch.NONE;
                state = skippedFrom[i][-state - 2];
            }
        }
        double[] confidence = new double[n];
        for (int i = 0; i < n; i++) {
            double top = Arrays.stream(score[i]).max().orElse(0);
            double margin = map[i] == TemporalMatch.NONE ? THRESHOLD - top : score[i][map[i]] - THRESHOLD;
            confidence[i] = 1 / (1 + Math.exp(-margin / CONFIDENCE_SCALE));
        }
        return new TemporalMatch(map, confidence, method);
    }

    /** Grey thumbnails {@link #GEOMETRY_WIDTH} wide (height keeps the stored aspect), read in order. */
    private static List<Mat> thumbnails(FrameSource source, SubMonitor progress) throws IOException {
        List<Mat> list = new ArrayList<>();
        for (int i = 0; i < source.frameCount(); i++) {
            progress.subTask("reading frame " + (i + 1) + " of " + source.frameCount());
            Image frame = source.read(i);
            int h = Math.max(8, (int) Math.round((double) frame.height() * GEOMETRY_WIDTH / frame.width()));
            try (Mat full = Luma.mat(frame)) {
                Mat small = new Mat();
                opencv_imgproc.resize(full, small, new Size(GEOMETRY_WIDTH, h), 0, 0, opencv_imgproc.INTER_AREA);
                list.add(small);
            }
            progress.worked(1);
        }
        return list;
    }

    /** Candidate reference-thumbnail → scan-thumbnail affine maps: per sampled scan frame, the best-supported feature fit. */
    private static List<double[]> framings(List<Mat> scans, List<Mat> refs) {
        List<double[]> fits = new ArrayList<>();
        if (scans.isEmpty() || refs.isEmpty()) {
            return fits;
        }
        List<Features.Detected> refFeatures = new ArrayList<>();
        int refStep = Math.max(1, refs.size() / GEOMETRY_REFERENCE_SAMPLES);
        for (int j = 0; j < refs.size(); j += refStep) {
            refFeatures.add(Features.detect(refs.get(j)));
        }
        for (int k = 0; k < GEOMETRY_SCAN_SAMPLES; k++) {
            int i = Math.min(scans.size() - 1, (int) ((k + 0.5) * scans.size() / GEOMETRY_SCAN_SAMPLES));
            Features.Detected s = Features.detect(scans.get(i));
            Features.Fit best = null;
            for (Features.Detected r : refFeatures) {
                Features.Fit fit = Features.match(r, s, 1.5);
                if (fit != null && (best == null || fit.inliers() > best.inliers())) {
                    best = fit;
                }
            }
            if (best != null) {
                fits.add(best.affine());
            }
        }
        return fits;
    }

    /**
     * Where the reference shows picture, in the scan thumbnail's grid: covered by the reference
     * and not in its letterbox/pillarbox bars (black in every frame), eroded so that the contrast
     * normalisation does not see the bars' edges.
     */
    private static boolean[] pictureMask(List<Mat> refs, double[] affine, Mat scanLike) {
        Mat brightest = refs.get(0).clone();
        for (Mat r : refs) {
            opencv_core.max(brightest, r, brightest);
        }
        Mat picture = new Mat();
        opencv_imgproc.threshold(brightest, picture, 0.03, 1, opencv_imgproc.THRESH_BINARY);
        Mat inScan = warp(picture, affine, scanLike, opencv_imgproc.INTER_NEAREST);
        Mat small = descriptorSize(inScan, opencv_imgproc.INTER_NEAREST);
        opencv_imgproc.erode(small, small, new Mat(), new org.bytedeco.opencv.opencv_core.Point(-1, -1), 3, BORDER_CONSTANT,
                Scalar.all(0));
        float[] values = new float[small.rows() * small.cols()];
        ((FloatBuffer) small.createBuffer()).get(values);
        boolean[] mask = new boolean[values.length];
        for (int p = 0; p < values.length; p++) {
            mask[p] = values[p] > 0.5f;
        }
        return mask;
    }

    private static Mat warp(Mat ref, double[] affine, Mat scanLike, int interpolation) {
        Mat m = new Mat(2, 3, CV_64F);
        DoubleIndexer mi = m.createIndexer();
        for (int i = 0; i < 6; i++) {
            mi.put(i / 3, i % 3, affine[i]);
        }
        Mat out = new Mat();
        opencv_imgproc.warpAffine(ref, out, m, scanLike.size(), interpolation, BORDER_CONSTANT, Scalar.all(0));
        return out;
    }

    private static Mat descriptorSize(Mat thumb, int interpolation) {
        Mat small = new Mat();
        int h = Math.max(4, (int) Math.round((double) thumb.rows() * DESCRIPTOR_WIDTH / thumb.cols()));
        opencv_imgproc.resize(thumb, small, new Size(DESCRIPTOR_WIDTH, h), 0, 0, interpolation);
        return small;
    }

    /**
     * Locally contrast-normalised descriptors (luma minus its local mean, over the local deviation),
     * reference thumbnails first resampled into the scan's geometry.
     */
    private static float[][] descriptors(List<Mat> thumbs, double[] affine, Mat scanLike) {
        float[][] out = new float[thumbs.size()][];
        for (int k = 0; k < thumbs.size(); k++) {
            try (PointerScope scope = new PointerScope()) {
                Mat t = affine == null ? thumbs.get(k) : warp(thumbs.get(k), affine, scanLike, opencv_imgproc.INTER_LINEAR);
                Mat small = descriptorSize(t, opencv_imgproc.INTER_AREA);
                Mat ratio = Luma.contrast(small, 3.0, 0.004);
                float[] v = new float[ratio.rows() * ratio.cols()];
                ((FloatBuffer) ratio.createBuffer()).get(v);
                out[k] = v;
            }
        }
        return out;
    }

    /** Zero-mean normalised correlation of two descriptors over the picture mask (all pixels without one). */
    private static double correlation(float[] a, float[] b, boolean[] mask) {
        if (a.length != b.length) {
            return 0;
        }
        double sa = 0, sb = 0, n = 0;
        for (int p = 0; p < a.length; p++) {
            if (mask == null || mask[p]) {
                sa += a[p];
                sb += b[p];
                n++;
            }
        }
        if (n < 16) {
            return 0;
        }
        double ma = sa / n, mb = sb / n, ab = 0, aa = 0, bb = 0;
        for (int p = 0; p < a.length; p++) {
            if (mask == null || mask[p]) {
                double x = a[p] - ma;
                double y = b[p] - mb;
                ab += x * y;
                aa += x * x;
                bb += y * y;
            }
        }
        return aa <= 1e-9 || bb <= 1e-9 ? 0 : ab / Math.sqrt(aa * bb);
    }
}
