package org.emulsion.align.internal;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC2;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;

import java.nio.FloatBuffer;
import java.util.Arrays;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.global.opencv_video;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_core.TermCriteria;
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
 * found, or the final correlation shows that the frames do not show the same picture, the result
 * is rejected. {@link #refine} starts from a shot's transform instead of features (per-frame
 * refinement within a shot). Stateless, hence thread-safe.
 * <p>
 * Registration works at the reference's resolution: a scan with more than {@value #SHRINK_ABOVE}
 * times the reference's pixels (a 4K scan against a DVD) is shrunk by area averaging to the
 * reference's pixel count first, and the transform found there is scaled back to the scan's pixels
 * (the warp then applies it at full size). The reference holds no finer detail to align by, the
 * model trains at that resolution too, and the cost no longer grows with the scan.
 * {@link #workingWidth} gives that width, so that callers can decode the scan that small.
 */
public final class FeatureEccAligner implements Aligner {
    private static final double[] IDENTITY = {1, 0, 0, 0, 1, 0, 0, 0, 1};
    private static final int MAX_LEVELS = 4;
    /** Per-frame refinement from a shot's transform only corrects weave: two levels reach it. */
    private static final int REFINE_LEVELS = 2;
    /**
     * ECC iterations at full resolution, where each costs most: the coarser levels leave little to
     * correct. Measured on the DVD and telecine bench cases: 10 iterations give the same RMS error
     * as 50 (0.058 / 0.100 px against 0.058 / 0.097 px).
     */
    private static final int FINE_ITERATIONS = 10;
    /** Coarsest ECC level keeps at least this many pixels on each side of both images. */
    private static final int MIN_LEVEL_SIZE = 40;
    /**
     * Below this ECC correlation the frames do not show the same picture (another frame, heavy
     * damage): measured matches of graded, faded, compressed elements stay above 0.8, unrelated
     * pictures below 0.3.
     */
    static final double MIN_CORRELATION = 0.5;
    /** Tonal variation broader than this fraction of the frame's shorter side is shading, not structure. */
    private static final double SHADING = 0.05;
    /** Scans with more than this many times the reference's pixels are registered shrunk to the reference's pixel count. */
    static final double SHRINK_ABOVE = 4;

    @Override
    public SpatialAlignment align(Image reference, Image scan) {
        try (PointerScope scope = new PointerScope()) {
            return align(Luma.mat(reference), Luma.mat(scan));
        }
    }

    /** The width {@link WorkingScale} registers at: the scan shrunk to the reference's pixel count, or whole. */
    @Override
    public int workingWidth(int referenceWidth, int referenceHeight, int scanWidth, int scanHeight) {
        return WorkingScale.of(referenceWidth, referenceHeight, scanWidth, scanHeight).width();
    }

    /** {@link #align(Image, Image)} on the frames' luma ({@link Luma#mat}), for callers that need it too. */
    SpatialAlignment align(Mat ref, Mat sc) {
        WorkingScale scale = WorkingScale.of(ref, sc);
        return scale.toScan(alignHere(ref, scale.shrink(sc)));
    }

    private SpatialAlignment alignHere(Mat ref, Mat sc) {
        Features.Fit fit = Features.match(ref, sc);
        if (fit == null) {
            // Too few features (a small, soft print of another gauge; heavy damage): ECC from the two
            // frames laid on each other, kept only where it converges to a confident match.
            double sx = sc.cols() / (double) ref.cols();
            double sy = sc.rows() / (double) ref.rows();
            SpatialAlignment extents = ecc(ref, sc, new double[] {sx, 0, 0.5 * sx - 0.5, 0, sy, 0.5 * sy - 0.5}, levels(ref, sc),
                    "frame extents (too few features), ");
            return !extents.isRejected() ? extents
                    : SpatialAlignment.rejected(IDENTITY, 0, "AKAZE+RANSAC", "no feature match: another picture or a heavily damaged frame");
        }
        return ecc(ref, sc, fit.affine(), levels(ref, sc), "AKAZE+RANSAC (affine, " + fit.inliers() + " inliers), ");
    }

    /** ECC from {@code initial}'s transform (e.g. the shot's), without features: per-frame refinement. */
    @Override
    public SpatialAlignment refine(Image reference, Image scan, SpatialAlignment initial) {
        try (PointerScope scope = new PointerScope()) {
            return refine(Luma.mat(reference), Luma.mat(scan), initial);
        }
    }

    /** {@link #refine(Image, Image, SpatialAlignment)} on the frames' luma. */
    SpatialAlignment refine(Mat ref, Mat sc, SpatialAlignment initial) {
        if (initial == null || initial.isRejected()) {
            return align(ref, sc);
        }
        WorkingScale scale = WorkingScale.of(ref, sc);
        Mat work = scale.shrink(sc);
        double[] h = scale.toWorking(initial.homography());
        SpatialAlignment refined = ecc(ref, work, new double[] {h[0], h[1], h[2], h[3], h[4], h[5]},
                Math.min(REFINE_LEVELS, levels(ref, work)), "shot transform, ");
        // A cut or a wrong temporal match inside the shot: start again from features.
        return scale.toScan(refined.isRejected() ? alignHere(ref, work) : refined);
    }

    /**
     * The scale registration works at: {@code x} and {@code y} map scan pixels to working pixels
     * (pixel centres: working = (scan + 0.5) · scale − 0.5, as OpenCV's resize samples); 1 when the
     * scan has at most {@link #SHRINK_ABOVE} times the reference's pixels.
     */
    private record WorkingScale(double x, double y, int width, int height) {

        static WorkingScale of(Mat ref, Mat scan) {
            return of(ref.cols(), ref.rows(), scan.cols(), scan.rows());
        }

        static WorkingScale of(int refWidth, int refHeight, int scanWidth, int scanHeight) {
            double ratio = (double) scanWidth * scanHeight / ((double) refWidth * refHeight);
            if (ratio <= SHRINK_ABOVE) {
                return new WorkingScale(1, 1, scanWidth, scanHeight);
            }
            double f = 1 / Math.sqrt(ratio);
            int w = Math.max(1, (int) Math.round(scanWidth * f));
            int h = Math.max(1, (int) Math.round(scanHeight * f));
            return new WorkingScale((double) w / scanWidth, (double) h / scanHeight, w, h);
        }

        boolean identity() {
            return x == 1 && y == 1;
        }

        Mat shrink(Mat scan) {
            if (identity()) {
                return scan;
            }
            Mat small = new Mat();
            opencv_imgproc.resize(scan, small, new Size(width, height), 0, 0, opencv_imgproc.INTER_AREA);
            return small;
        }

        /** A reference → scan homography as reference → working pixels. */
        double[] toWorking(double[] h) {
            return identity() ? h : new SpatialAlignment(h, 0, "").resized(x, y).homography();
        }

        /** An alignment found at working pixels, as reference → scan pixels. */
        SpatialAlignment toScan(SpatialAlignment a) {
            if (identity()) {
                return a;
            }
            SpatialAlignment scan = a.resized(1 / x, 1 / y);
            String method = a.method() + String.format(java.util.Locale.ROOT, ", registered at the reference's resolution (%dx%d)",
                    width, height);
            return new SpatialAlignment(scan.homography(), null, a.confidence(), method, a.rejection());
        }
    }

    /**
     * ECC pyramid (coarse to fine) from {@code initial}; rejects a fit whose correlation shows another
     * picture. The template is the reference's picture area: letterbox bars have no counterpart on the
     * scan, and their hard edge would pull the fit.
     */
    private static SpatialAlignment ecc(Mat refFull, Mat sc, double[] initial, int levels, String start) {
        Rect picture = Luma.picture(refFull);
        // Shading is removed at the same scale on the film in both: the reference's window follows the
        // initial map's scale along each axis (anamorphic pixels, another resolution).
        double sigma = SHADING * Math.min(sc.cols(), sc.rows());
        double sigmaX = sigma / Math.hypot(initial[0], initial[3]);
        double sigmaY = sigma / Math.hypot(initial[1], initial[4]);
        Mat shaded = Luma.withoutShading(refFull.apply(picture).clone(), sigmaX, sigmaY);
        sc = Luma.withoutShading(sc, sigma, sigma);
        // Near the picture's edge the reference's smooth part sees mirrored picture where the scan sees
        // film: that band would differ between the two and is left out of the template.
        int mx = (int) Math.ceil(2 * sigmaX);
        int my = (int) Math.ceil(2 * sigmaY);
        if (picture.width() <= 4 * mx || picture.height() <= 4 * my) {
            mx = 0;
            my = 0;
        }
        Mat ref = shaded.apply(new Rect(mx, my, picture.width() - 2 * mx, picture.height() - 2 * my)).clone();
        int ox = picture.x() + mx;
        int oy = picture.y() + my;
        // The template's pixel (x, y) is the reference's (x + ox, y + oy).
        double[] affine = shift(initial, ox, oy);
        double[] start0 = affine.clone();
        double rho = Double.NaN;
        int refined = 0;
        // Luma without shading, not normalised: local contrast normalisation was tried and lost precision
        // (it amplifies the noisier element's grain).
        Mat[] refs = pyramid(ref, levels);
        Mat[] scans = pyramid(sc, levels);
        double tolerance = 2 + 0.02 * Math.hypot(sc.cols(), sc.rows());
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
                        new TermCriteria(TermCriteria.COUNT + TermCriteria.EPS, level == 0 ? FINE_ITERATIONS : 50, 1e-6), new Mat(), 5);
            } catch (RuntimeException e) {
                continue; // ECC gives up on uncorrelated content; keep the last estimate
            }
            double[] next = new double[6];
            for (int i = 0; i < 6; i++) {
                next[i] = i % 3 == 2 ? w.get(i / 3, i % 3) / f : w.get(i / 3, i % 3);
            }
            // ECC may slide into another optimum on repetitive texture: the starting estimate is trusted globally.
            if (displacement(next, start0, ref.cols(), ref.rows()) < tolerance) {
                affine = next;
                refined++;
                rho = level == 0 ? r : Double.NaN;
            }
        }
        if (Double.isNaN(rho)) {
            rho = correlation(ref, sc, affine);
        }
        affine = shift(affine, -ox, -oy);
        String method = start + "ECC pyramid (" + (refined == levels ? "" : refined + " of ") + levels + " levels, affine"
                + (picture.x() > 0 || picture.y() > 0 || picture.width() < refFull.cols() || picture.height() < refFull.rows()
                        ? ", picture " + picture.width() + "x" + picture.height() + "+" + picture.x() + "+" + picture.y() : "") + ")";
        double[] h = {affine[0], affine[1], affine[2], affine[3], affine[4], affine[5], 0, 0, 1};
        double confidence = Math.max(0, Math.min(1, rho));
        if (confidence < MIN_CORRELATION) {
            return SpatialAlignment.rejected(h, confidence, method, String.format(java.util.Locale.ROOT,
                    "ECC correlation %.2f < %.2f: the frames do not show the same picture (wrong match or heavy damage)",
                    confidence, MIN_CORRELATION));
        }
        return new SpatialAlignment(h, confidence, method);
    }

    @Override
    public Image warp(Image reference, SpatialAlignment alignment, int width, int height) {
        if (alignment.flow() != null) {
            return warpWithFlow(reference, alignment, width, height);
        }
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
            // Letterbox bars are not picture either.
            Rect picture = Luma.picture(Luma.mat(reference));
            Mat mask = new Mat(reference.height(), reference.width(), CV_32F, Scalar.all(0));
            if (picture.width() > 2 && picture.height() > 2) {
                mask.apply(new Rect(picture.x() + 1, picture.y() + 1, picture.width() - 2, picture.height() - 2)).put(Scalar.all(1));
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

    /**
     * Global transform and residual flow composed into one sampling map (scan pixel p reads the
     * reference at H⁻¹(p + flow(p))), so the reference is interpolated once.
     */
    private static Image warpWithFlow(Image reference, SpatialAlignment alignment, int width, int height) {
        Image flow = alignment.flow();
        if (flow.width() != width || flow.height() != height) {
            throw new IllegalArgumentException("flow is " + flow.width() + "x" + flow.height() + ", the scan " + width + "x" + height);
        }
        double[] inv = SpatialAlignment.invert(alignment.homography());
        float[] map = new float[2 * width * height];
        float[] f = flow.data();
        for (int y = 0, p = 0; y < height; y++) {
            for (int x = 0; x < width; x++, p++) {
                double u = x + f[2 * p];
                double v = y + f[2 * p + 1];
                double w = inv[6] * u + inv[7] * v + inv[8];
                map[2 * p] = (float) ((inv[0] * u + inv[1] * v + inv[2]) / w);
                map[2 * p + 1] = (float) ((inv[3] * u + inv[4] * v + inv[5]) / w);
            }
        }
        try (PointerScope scope = new PointerScope()) {
            Mat maps = new Mat(height, width, CV_32FC2);
            ((FloatBuffer) maps.createBuffer()).put(map);
            Mat warped = new Mat();
            opencv_imgproc.remap(OpenCv.toMat(reference), warped, maps, new Mat(), opencv_imgproc.INTER_CUBIC, BORDER_REPLICATE,
                    new Scalar());
            Image result = OpenCv.toImage(warped);
            float[] data = result.data();
            int c = result.channels();
            // Same coverage rule as the global warp: the cubic kernel must lie inside the reference's picture.
            Rect picture = Luma.picture(Luma.mat(reference));
            float x0 = picture.x() + 1;
            float y0 = picture.y() + 1;
            float x1 = picture.x() + picture.width() - 2;
            float y1 = picture.y() + picture.height() - 2;
            for (int p = 0; p < width * height; p++) {
                float u = map[2 * p];
                float v = map[2 * p + 1];
                if (!(u >= x0 && v >= y0 && u <= x1 && v <= y1)) {
                    Arrays.fill(data, p * c, p * c + c, Float.NaN);
                }
            }
            return result;
        }
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

    /** The affine map {@code a} seen from a frame whose origin is at ({@code ox}, {@code oy}) of the original. */
    private static double[] shift(double[] a, double ox, double oy) {
        return new double[] {a[0], a[1], a[2] + a[0] * ox + a[1] * oy, a[3], a[4], a[5] + a[3] * ox + a[4] * oy};
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
