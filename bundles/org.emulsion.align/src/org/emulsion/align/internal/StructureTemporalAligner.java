package org.emulsion.align.internal;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

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
import org.emulsion.core.image.ReadAhead;

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
 * colour: fading and another grade do not change it), and a monotonic dynamic programme
 * ({@link MonotonicMatch}) picks, per scan frame, a reference frame or NONE, with a confidence
 * from its margin over the best alternative. A reference frame may serve two scan frames in a row
 * only where that is plausible: where the scan shows a duplicated frame (it changed from its
 * predecessor much less than the frames around it changed from theirs) or where the reference runs
 * slower than the scan. Elsewhere a scan frame without counterpart — a censor cut in a slow shot,
 * whose frames look much like those at its edges — is NONE, not the nearest reference frame held.</li>
 * </ol>
 * All pairs are scored, so time and memory grow with scan × reference frames: fine for a reel's
 * worth of thumbnails, a feature needs banding around the diagonal (not done). Stateless, hence
 * thread-safe.
 */
public final class StructureTemporalAligner implements TemporalAligner {
    /** Width of the thumbnails the framing relation is estimated on. */
    private static final int GEOMETRY_WIDTH = 320;
    /** Width of the structure descriptors pairs are scored on. */
    private static final int DESCRIPTOR_WIDTH = 96;
    /** Scan frames the framing relation is sought on, and reference candidates per scan frame. */
    private static final int GEOMETRY_SCAN_SAMPLES = 9;
    private static final int GEOMETRY_REFERENCE_SAMPLES = 80;
    private static final int GEOMETRY_FITS_PER_SAMPLE = 3;
    /**
     * A scan frame is a duplicate of its predecessor when it changed from it by less than this
     * share of the median change of the {@link #DUPLICATE_WINDOW} frames on either side: a second
     * copy differs by grain and dirt only, the next frame also by motion.
     */
    private static final double DUPLICATE_RATIO = 0.5;
    private static final int DUPLICATE_WINDOW = 3;
    /**
     * A reference whose rate is below the scan's by more than NTSC's 1000/1001 slow-down has fewer
     * frames than the film: some of its frames must show two scan frames.
     */
    private static final double SAME_RATE = 1000.0 / 1001;

    @Override
    public TemporalMatch match(FrameSource scan, FrameSource reference, IProgressMonitor monitor) throws IOException {
        SubMonitor progress = SubMonitor.convert(monitor, scan.frameCount() + reference.frameCount() + 10);
        List<Mat> scans = thumbnails(scan, progress);
        List<Mat> refs = thumbnails(reference, progress);
        try (PointerScope scope = new PointerScope()) {
            progress.subTask("estimating the framing");
            // Every sampled pair's fit is a candidate framing; a pair with a neighbouring frame carries that
            // frame's camera motion. The true framing is the one that lines up every shot, i.e. the one whose
            // monotonic match explains most frames, best (Candidate.BETTER_FIRST).
            List<double[]> candidates = framings(scans, refs);
            progress.worked(5);
            progress.subTask("scoring frame pairs");
            float[][] s = descriptors(scans, null, null);
            boolean slowerReference = slower(reference.info().fps(), scan.info().fps());
            boolean[] repeatAllowed = repeatsAllowed(s, slowerReference);
            String method = "structure correlation (" + DESCRIPTOR_WIDTH + "px, local contrast), monotonic DP, repeats only on "
                    + "duplicated scan frames" + (slowerReference ? " or a slower reference" : "") + ", framing ";
            List<Candidate> scored = new ArrayList<>();
            for (double[] affine : candidates) {
                scored.add(Candidate.of(affine, s, refs, scans.get(0), repeatAllowed,
                        method + framing(affine) + " (best of " + candidates.size() + " fits)"));
            }
            scored.sort(Candidate.BETTER_FIRST);
            Candidate best = scored.isEmpty() ? null : scored.get(0);
            progress.worked(5);
            return best != null ? best.match()
                    : MonotonicMatch.decide(new double[scans.size()][0], repeatAllowed, "no framing relation found: no frame matches");
        } finally {
            scans.forEach(Mat::close);
            refs.forEach(Mat::close);
        }
    }

    /**
     * A framing's match, how many scan frames it matched and its total gain (summed correlation above
     * the threshold).
     */
    private record Candidate(TemporalMatch match, int matched, double total) {
        /**
         * More frames matched first, then the larger total. A framing that carries one frame of a steady
         * pan lines up that shot one frame off as well as the true one lines it up, give or take the
         * accuracy of a fit, but it loses a frame at every boundary (a cut, a shot change, the end of
         * the material), which a count of matched frames sees and a sum of correlations can drown.
         */
        static final java.util.Comparator<Candidate> BETTER_FIRST = java.util.Comparator.comparingInt(Candidate::matched)
                .thenComparingDouble(Candidate::total).reversed();

        static Candidate of(double[] affine, float[][] s, List<Mat> refs, Mat scanLike, boolean[] repeatAllowed, String method) {
            double[][] score = scores(s, refs, affine, scanLike);
            TemporalMatch match = MonotonicMatch.decide(score, repeatAllowed, method);
            double total = 0;
            int matched = 0;
            for (int i = 0; i < score.length; i++) {
                if (match.referenceFor(i) != TemporalMatch.NONE) {
                    total += score[i][match.referenceFor(i)] - MonotonicMatch.THRESHOLD;
                    matched++;
                }
            }
            return new Candidate(match, matched, total);
        }
    }

    private static String framing(double[] a) {
        return String.format(Locale.ROOT, "[%.4f %.4f %.2f; %.4f %.4f %.2f]", a[0], a[1], a[2], a[3], a[4], a[5]);
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

    /** Whether a reference at {@code referenceFps} has fewer frames per film second than a scan at {@code scanFps}. */
    private static boolean slower(double referenceFps, double scanFps) {
        return referenceFps > 0 && scanFps > 0 && referenceFps < scanFps * SAME_RATE - 1e-9;
    }

    /**
     * Per scan frame, whether it may show the reference frame its predecessor shows: always when
     * the reference is slower, else only when it duplicates its predecessor (see {@link #DUPLICATE_RATIO}).
     */
    private static boolean[] repeatsAllowed(float[][] scanDescriptors, boolean referenceSlower) {
        int n = scanDescriptors.length;
        boolean[] allowed = new boolean[n];
        double[] change = new double[n];
        for (int i = 1; i < n; i++) {
            change[i] = 1 - correlation(scanDescriptors[i], scanDescriptors[i - 1], null);
        }
        for (int i = 1; i < n; i++) {
            int self = i;
            double[] around = IntStream.rangeClosed(i - DUPLICATE_WINDOW, i + DUPLICATE_WINDOW)
                    .filter(k -> k >= 1 && k < n && k != self).mapToDouble(k -> change[k]).sorted().toArray();
            boolean duplicate = around.length > 0 && change[i] < DUPLICATE_RATIO * around[around.length / 2];
            allowed[i] = referenceSlower || duplicate;
        }
        return allowed;
    }

    /** Grey thumbnails {@link #GEOMETRY_WIDTH} wide (height keeps the stored aspect), read in order. */
    private static List<Mat> thumbnails(FrameSource source, SubMonitor progress) throws IOException {
        List<Mat> list = new ArrayList<>();
        try (ReadAhead frames = ReadAhead.of(source)) {
            for (int i = 0; i < source.frameCount(); i++) {
                progress.subTask("reading frame " + (i + 1) + " of " + source.frameCount());
                Image frame = frames.read(i);
                int h = Math.max(8, (int) Math.round((double) frame.height() * GEOMETRY_WIDTH / frame.width()));
                try (Mat full = Luma.mat(frame)) {
                    Mat small = new Mat();
                    opencv_imgproc.resize(full, small, new Size(GEOMETRY_WIDTH, h), 0, 0, opencv_imgproc.INTER_AREA);
                    list.add(small);
                }
                progress.worked(1);
            }
        }
        return list;
    }

    /**
     * Candidate reference-thumbnail → scan-thumbnail affine maps: per sampled scan frame, the fits to
     * the {@link #GEOMETRY_FITS_PER_SAMPLE} reference frames that support it best. In a slow shot the
     * neighbours of a frame's counterpart fit almost as well, and a fit to a neighbour carries that
     * frame's motion: keeping several gives the true framing a place among the candidates.
     */
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
            List<Features.Fit> found = new ArrayList<>();
            for (Features.Detected r : refFeatures) {
                Features.Fit fit = Features.match(r, s, 1.5);
                if (fit != null) {
                    found.add(fit);
                }
            }
            found.stream().sorted((a, b) -> Integer.compare(b.inliers(), a.inliers())).limit(GEOMETRY_FITS_PER_SAMPLE)
                    .forEach(f -> fits.add(f.affine()));
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
