package org.emulsion.align.internal;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC2;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.NORM_HAMMING;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;

import java.nio.FloatBuffer;
import java.util.Arrays;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.opencv.global.opencv_calib3d;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.global.opencv_video;
import org.bytedeco.opencv.opencv_core.DMatch;
import org.bytedeco.opencv.opencv_core.DMatchVectorVector;
import org.bytedeco.opencv.opencv_core.KeyPointVector;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point2f;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_core.TermCriteria;
import org.bytedeco.opencv.opencv_features2d.AKAZE;
import org.bytedeco.opencv.opencv_features2d.BFMatcher;
import org.emulsion.core.extensions.Aligner;
import org.emulsion.core.extensions.SpatialAlignment;
import org.emulsion.core.image.Image;
import org.emulsion.media.OpenCv;

/**
 * Global affine registration of a reference onto a scan, in two steps.
 * <ol>
 * <li>AKAZE features on histogram-equalised luma, brute-force kNN matching with a ratio test and
 * an affine model fitted with RANSAC: robust to another crop, scale, pixel aspect and grade, but
 * only accurate to a few hundredths of a pixel at best and often worse.</li>
 * <li>An ECC pyramid (coarse to fine, starting from that estimate) on float luma: sub-pixel
 * accurate; its correlation coefficient at full resolution is the confidence.</li>
 * </ol>
 * An affine model (not a full homography) is fitted because reframing, rescaling and anamorphic
 * squeeze are affine, and the two extra projective parameters mostly fit noise. When no match is
 * found the result is the identity with confidence 0. Stateless, hence thread-safe.
 */
public final class FeatureEccAligner implements Aligner {
    private static final double[] IDENTITY = {1, 0, 0, 0, 1, 0, 0, 0, 1};
    /** Longest side features are detected at: AKAZE time grows with area, ECC restores precision. */
    private static final int FEATURE_SIZE = 1280;
    private static final float RATIO = 0.8f;
    private static final int MIN_INLIERS = 12;
    private static final int MAX_LEVELS = 4;
    /** Coarsest ECC level keeps at least this many pixels on each side of both images. */
    private static final int MIN_LEVEL_SIZE = 40;

    @Override
    public SpatialAlignment align(Image reference, Image scan) {
        try (PointerScope scope = new PointerScope()) {
            Mat ref = luma(reference);
            Mat sc = luma(scan);
            double[] initial = features(ref, sc);
            if (initial == null) {
                return new SpatialAlignment(IDENTITY, 0, "AKAZE+RANSAC: no match");
            }
            int levels = levels(ref, sc);
            double[] affine = initial.clone();
            double rho = Double.NaN;
            int refined = 0;
            Mat[] refs = pyramid(ref, levels);
            Mat[] scans = pyramid(sc, levels);
            double tolerance = 2 + 0.02 * Math.hypot(scan.width(), scan.height());
            for (int level = levels - 1; level >= 0; level--) {
                // pyrDown maps pixel centres x -> x/2, so only the translation scales per level.
                double f = 1.0 / (1 << level);
                Mat warp = new Mat(2, 3, CV_32F);
                FloatIndexer w = warp.createIndexer();
                for (int i = 0; i < 6; i++) {
                    w.put(i / 3, i % 3, (float) (i % 3 == 2 ? affine[i] * f : affine[i]));
                }
                double r;
                try {
                    r = opencv_video.findTransformECC(refs[level], scans[level], warp, opencv_video.MOTION_AFFINE,
                            new TermCriteria(TermCriteria.COUNT + TermCriteria.EPS, 50, 1e-6), new Mat(), 5);
                } catch (RuntimeException e) {
                    continue; // ECC gives up on uncorrelated content; keep the last estimate
                }
                double[] next = new double[6];
                for (int i = 0; i < 6; i++) {
                    next[i] = i % 3 == 2 ? w.get(i / 3, i % 3) / f : w.get(i / 3, i % 3);
                }
                // ECC may slide into another optimum on repetitive texture: the features are trusted globally.
                if (displacement(next, initial, reference.width(), reference.height()) < tolerance) {
                    affine = next;
                    refined++;
                    rho = level == 0 ? r : Double.NaN;
                }
            }
            if (Double.isNaN(rho)) {
                rho = correlation(ref, sc, affine);
            }
            String method = "AKAZE+RANSAC (affine), ECC pyramid ("
                    + (refined == levels ? "" : refined + " of ") + levels + " levels, affine)";
            return new SpatialAlignment(new double[] {affine[0], affine[1], affine[2], affine[3], affine[4], affine[5], 0, 0, 1},
                    Math.max(0, Math.min(1, rho)), method);
        }
    }

    @Override
    public Image warp(Image reference, SpatialAlignment alignment, int width, int height) {
        try (PointerScope scope = new PointerScope()) {
            Mat h = new Mat(3, 3, CV_64F);
            DoubleIndexer hi = h.createIndexer();
            double[] m = alignment.homography();
            for (int i = 0; i < 9; i++) {
                hi.put(i / 3, i % 3, m[i]);
            }
            Size size = new Size(width, height);
            Mat warped = new Mat();
            // Replicated borders keep cubic overshoot at the edge sane; those pixels become NaN below anyway.
            opencv_imgproc.warpPerspective(OpenCv.toMat(reference), warped, h, size, opencv_imgproc.INTER_CUBIC,
                    BORDER_REPLICATE, new Scalar());
            // Coverage: a mask one pixel smaller than the reference, so that the cubic kernel of every
            // pixel kept as valid lies inside the reference and no replicated border leaks in.
            int rw = reference.width();
            int rh = reference.height();
            Mat mask = new Mat(rh, rw, CV_32F, Scalar.all(0));
            if (rw > 2 && rh > 2) {
                mask.apply(new Rect(1, 1, rw - 2, rh - 2)).put(Scalar.all(1));
            }
            Mat coverage = new Mat();
            opencv_imgproc.warpPerspective(mask, coverage, h, size, opencv_imgproc.INTER_LINEAR, BORDER_CONSTANT,
                    Scalar.all(0));
            Image result = OpenCv.toImage(warped);
            float[] covered = new float[width * height];
            ((FloatBuffer) coverage.createBuffer()).get(covered);
            float[] data = result.data();
            int c = result.channels();
            for (int p = 0; p < covered.length; p++) {
                if (covered[p] < 0.999f) {
                    Arrays.fill(data, p * c, p * c + c, Float.NaN);
                }
            }
            return result;
        }
    }

    /** Rec. 709 luma (the frames are display-referred), as a float Mat; NaN becomes 0. */
    private static Mat luma(Image image) {
        int c = image.channels();
        float[] d = image.data();
        float[] y = new float[image.width() * image.height()];
        for (int p = 0; p < y.length; p++) {
            int i = p * c;
            float v = c < 3 ? d[i] : 0.2126f * d[i] + 0.7152f * d[i + 1] + 0.0722f * d[i + 2];
            y[p] = Float.isNaN(v) ? 0 : v;
        }
        return OpenCv.toMat(new Image(image.width(), image.height(), 1, y));
    }

    /** The reference-to-scan affine map (row-major 2×3) from matched features, or null when there is no match. */
    private static double[] features(Mat ref, Mat scan) {
        double sr = featureScale(ref);
        double ss = featureScale(scan);
        AKAZE akaze = AKAZE.create();
        KeyPointVector kr = new KeyPointVector();
        KeyPointVector ks = new KeyPointVector();
        Mat dr = new Mat();
        Mat ds = new Mat();
        akaze.detectAndCompute(contrast(ref, sr), new Mat(), kr, dr);
        akaze.detectAndCompute(contrast(scan, ss), new Mat(), ks, ds);
        if (kr.size() < MIN_INLIERS || ks.size() < MIN_INLIERS) {
            return null;
        }
        DMatchVectorVector knn = new DMatchVectorVector();
        new BFMatcher(NORM_HAMMING, false).knnMatch(dr, ds, knn, 2);
        float[] from = new float[2 * (int) knn.size()];
        float[] to = new float[from.length];
        int n = 0;
        for (long i = 0; i < knn.size(); i++) {
            if (knn.get(i).size() < 2) {
                continue;
            }
            DMatch best = knn.get(i).get(0);
            if (best.distance() >= RATIO * knn.get(i).get(1).distance()) {
                continue; // ambiguous: the second best is nearly as good
            }
            Point2f a = kr.get(best.queryIdx()).pt();
            Point2f b = ks.get(best.trainIdx()).pt();
            // Back to full-resolution pixel centres (resize maps x -> (x + 0.5) * s - 0.5).
            from[2 * n] = (float) ((a.x() + 0.5) / sr - 0.5);
            from[2 * n + 1] = (float) ((a.y() + 0.5) / sr - 0.5);
            to[2 * n] = (float) ((b.x() + 0.5) / ss - 0.5);
            to[2 * n + 1] = (float) ((b.y() + 0.5) / ss - 0.5);
            n++;
        }
        if (n < MIN_INLIERS) {
            return null;
        }
        Mat src = points(from, n);
        Mat dst = points(to, n);
        Mat inliers = new Mat();
        Mat model = opencv_calib3d.estimateAffine2D(src, dst, inliers, opencv_calib3d.RANSAC, 2.5 / ss, 4000, 0.999, 10);
        if (model == null || model.empty() || countNonZero(inliers) < MIN_INLIERS) {
            return null;
        }
        DoubleIndexer mi = model.createIndexer();
        double[] a = new double[6];
        for (int i = 0; i < 6; i++) {
            a[i] = mi.get(i / 3, i % 3);
        }
        // Reject mirrored or degenerate fits: elements of one film differ by far less than 20x in scale.
        double det = a[0] * a[4] - a[1] * a[3];
        return det > 0.0025 && det < 400 ? a : null;
    }

    private static double featureScale(Mat grey) {
        return Math.min(1.0, (double) FEATURE_SIZE / Math.max(grey.cols(), grey.rows()));
    }

    /** 8-bit, histogram-equalised luma: equalisation undoes any global monotonic grade difference. */
    private static Mat contrast(Mat grey, double scale) {
        Mat small = grey;
        if (scale < 1) {
            small = new Mat();
            opencv_imgproc.resize(grey, small, new Size((int) Math.round(grey.cols() * scale),
                    (int) Math.round(grey.rows() * scale)), 0, 0, opencv_imgproc.INTER_AREA);
        }
        Mat bytes = new Mat();
        small.convertTo(bytes, CV_8U, 255, 0);
        Mat equalised = new Mat();
        opencv_imgproc.equalizeHist(bytes, equalised);
        return equalised;
    }

    private static Mat points(float[] xy, int n) {
        Mat m = new Mat(n, 1, CV_32FC2);
        ((FloatBuffer) m.createBuffer()).put(xy, 0, 2 * n);
        return m;
    }

    private static int levels(Mat ref, Mat scan) {
        int side = Math.min(Math.min(ref.cols(), ref.rows()), Math.min(scan.cols(), scan.rows()));
        int levels = 1;
        while (levels < MAX_LEVELS && (side >> levels) >= MIN_LEVEL_SIZE) {
            levels++;
        }
        return levels;
    }

    private static Mat[] pyramid(Mat grey, int levels) {
        Mat[] pyramid = new Mat[levels];
        pyramid[0] = grey;
        for (int i = 1; i < levels; i++) {
            pyramid[i] = new Mat();
            opencv_imgproc.pyrDown(pyramid[i - 1], pyramid[i]);
        }
        return pyramid;
    }

    /** Largest distance between where two affine maps put the reference's corners. */
    private static double displacement(double[] a, double[] b, int width, int height) {
        double max = 0;
        for (int corner = 0; corner < 4; corner++) {
            double x = (corner & 1) * (width - 1.0);
            double y = (corner >> 1) * (height - 1.0);
            double dx = (a[0] - b[0]) * x + (a[1] - b[1]) * y + a[2] - b[2];
            double dy = (a[3] - b[3]) * x + (a[4] - b[4]) * y + a[5] - b[5];
            max = Math.max(max, Math.hypot(dx, dy));
        }
        return max;
    }

    /** ECC correlation coefficient of the reference with the scan resampled by {@code affine}, over their overlap. */
    private static double correlation(Mat ref, Mat scan, double[] affine) {
        Mat m = new Mat(2, 3, CV_64F);
        DoubleIndexer mi = m.createIndexer();
        for (int i = 0; i < 6; i++) {
            mi.put(i / 3, i % 3, affine[i]);
        }
        Mat warped = new Mat();
        Mat mask = new Mat();
        int flags = opencv_imgproc.WARP_INVERSE_MAP;
        opencv_imgproc.warpAffine(scan, warped, m, ref.size(), opencv_imgproc.INTER_LINEAR | flags, BORDER_REPLICATE,
                new Scalar());
        opencv_imgproc.warpAffine(new Mat(scan.rows(), scan.cols(), CV_8U, Scalar.all(1)), mask, m, ref.size(),
                opencv_imgproc.INTER_NEAREST | flags, BORDER_CONSTANT, Scalar.all(0));
        try {
            double rho = opencv_video.computeECC(ref, warped, mask);
            return Double.isNaN(rho) ? 0 : rho;
        } catch (RuntimeException e) {
            return 0; // no overlap, or a flat image
        }
    }
}
