package org.emulsion.align.internal;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC2;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.NORM_HAMMING;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;

import java.nio.FloatBuffer;

import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.global.opencv_calib3d;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.DMatch;
import org.bytedeco.opencv.opencv_core.DMatchVectorVector;
import org.bytedeco.opencv.opencv_core.KeyPointVector;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point2f;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_features2d.AKAZE;
import org.bytedeco.opencv.opencv_features2d.BFMatcher;

/**
 * AKAZE features on histogram-equalised luma and an affine model fitted to their matches with
 * RANSAC: robust to another crop, scale, pixel aspect and grade, accurate to a few hundredths of a
 * pixel at best. Shared by the spatial aligners (first estimate) and the temporal aligner (the
 * framing relation between the elements, from a few frame pairs).
 */
final class Features {
    /** Longest side features are detected at: AKAZE time grows with area, ECC restores precision. */
    private static final int FEATURE_SIZE = 1280;
    private static final float RATIO = 0.8f;
    static final int MIN_INLIERS = 12;

    /** Keypoints and descriptors of one frame, in full-resolution pixel coordinates. */
    record Detected(float[] xy, Mat descriptors) {
        int count() { return xy.length / 2; }
    }

    /** An affine reference-to-scan map (row-major 2×3) and how many matches support it. */
    record Fit(double[] affine, int inliers) {
    }

    private Features() {
    }

    /** Detects features on {@code grey} (float luma), downscaled to at most {@link #FEATURE_SIZE} on its longest side. */
    static Detected detect(Mat grey) {
        double scale = Math.min(1.0, (double) FEATURE_SIZE / Math.max(grey.cols(), grey.rows()));
        KeyPointVector points = new KeyPointVector();
        Mat descriptors = new Mat();
        AKAZE.create().detectAndCompute(contrast(grey, scale), new Mat(), points, descriptors);
        float[] xy = new float[2 * (int) points.size()];
        for (int i = 0; i < points.size(); i++) {
            Point2f p = points.get(i).pt();
            // Back to full-resolution pixel centres (resize maps x -> (x + 0.5) * s - 0.5).
            xy[2 * i] = (float) ((p.x() + 0.5) / scale - 0.5);
            xy[2 * i + 1] = (float) ((p.y() + 0.5) / scale - 0.5);
        }
        return new Detected(xy, descriptors);
    }

    /** The reference-to-scan affine map from matched features, or null when there is no plausible match. */
    static Fit match(Detected ref, Detected scan, double ransacThreshold) {
        if (ref.count() < MIN_INLIERS || scan.count() < MIN_INLIERS) {
            return null;
        }
        DMatchVectorVector knn = new DMatchVectorVector();
        new BFMatcher(NORM_HAMMING, false).knnMatch(ref.descriptors(), scan.descriptors(), knn, 2);
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
            int a = best.queryIdx();
            int b = best.trainIdx();
            from[2 * n] = ref.xy()[2 * a];
            from[2 * n + 1] = ref.xy()[2 * a + 1];
            to[2 * n] = scan.xy()[2 * b];
            to[2 * n + 1] = scan.xy()[2 * b + 1];
            n++;
        }
        if (n < MIN_INLIERS) {
            return null;
        }
        Mat inliers = new Mat();
        Mat model = opencv_calib3d.estimateAffine2D(points(from, n), points(to, n), inliers, opencv_calib3d.RANSAC,
                ransacThreshold, 4000, 0.999, 10);
        int count = model == null || model.empty() ? 0 : countNonZero(inliers);
        if (count < MIN_INLIERS) {
            return null;
        }
        DoubleIndexer mi = model.createIndexer();
        double[] a = new double[6];
        for (int i = 0; i < 6; i++) {
            a[i] = mi.get(i / 3, i % 3);
        }
        // Reject mirrored or degenerate fits: elements of one film differ by far less than 20x in scale.
        double det = a[0] * a[4] - a[1] * a[3];
        return det > 0.0025 && det < 400 ? new Fit(a, count) : null;
    }

    /** {@link #match} on two float luma frames; the RANSAC threshold is 2.5 pixels at the scan's feature scale. */
    static Fit match(Mat ref, Mat scan) {
        double scale = Math.min(1.0, (double) FEATURE_SIZE / Math.max(scan.cols(), scan.rows()));
        return match(detect(ref), detect(scan), 2.5 / scale);
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
}
