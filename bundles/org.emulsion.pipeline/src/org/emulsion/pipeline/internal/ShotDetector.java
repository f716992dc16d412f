package org.emulsion.pipeline.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Rect;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.emulsion.core.image.ForwardingFrameSource;
import org.emulsion.core.image.FrameSource;
import org.emulsion.core.image.Image;
import org.emulsion.core.image.ReadAhead;
import org.emulsion.media.Colour;
import org.emulsion.media.OpenCv;

/**
 * Finds the hard cuts of a scan and groups its shots into scenes.
 * <p>
 * <b>Cuts.</b> Each frame is reduced to a {@value #THUMB_WIDTH}-pixel-wide thumbnail (area
 * averaging removes grain) and median filtered (removes dust and sparkle). Two frames differ by
 * {@code (1 − r) / 2 + b}, where {@code r} is the best correlation of the earlier frame's centre
 * (its middle three quarters) anywhere on the later frame (normalised, so exposure flicker does
 * not count; searched, so a camera pan does not either) and {@code b} the Bhattacharyya distance of their
 * chromaticity histograms ({@code r, g / (r + g + b)}, also blind to exposure). A cut lies before
 * frame {@code i} when its difference is the largest within ±{@value #PEAK_RADIUS} frames, above
 * {@value #MIN_CHANGE}, and above {@value #CUT_FACTOR}× the median difference of the
 * {@value #WINDOW} frames either side: the threshold follows the material's own motion and noise.
 * <p>
 * <b>Scenes.</b> Consecutive shots in alike light form a scene: a shot joins the current scene
 * when its colour balance (mean chromaticity {@code r, g / (r + g + b)} over its frames) lies
 * within {@value #SCENE_BALANCE} of the scene's and its mean luma within {@value #SCENE_LUMA};
 * otherwise it starts a new scene. (Colour balance rather than the colour histogram: shots of one
 * place show different things, and histograms follow the things; the balance follows the light
 * and the grade.)
 */
public final class ShotDetector {
    static final int THUMB_WIDTH = 48;
    static final int BINS = 8;
    static final double MIN_CHANGE = 0.2;
    static final double CUT_FACTOR = 3;
    static final int WINDOW = 6;
    static final int PEAK_RADIUS = 2;
    static final double SCENE_BALANCE = 0.1;
    static final double SCENE_LUMA = 0.12;

    private ShotDetector() {
    }

    /** Reads every scan frame once and returns its shots and scenes. */
    public static ShotList detect(FrameSource scan, IProgressMonitor monitor) throws IOException {
        int n = scan.frameCount();
        SubMonitor progress = SubMonitor.convert(monitor, "Finding shots", n + 1);
        try (ReadAhead frames = ReadAhead.of(scan); Pass pass = new Pass(n)) {
            for (int i = 0; i < n; i++) {
                progress.subTask("frame " + (i + 1) + " of " + n);
                pass.accept(frames.read(i));
                progress.split(1);
            }
            progress.split(1);
            return pass.result();
        }
    }

    /**
     * A view of the scan for another pass that reads every frame in order (the temporal match):
     * it finds the shots from the frames that pass decodes anyway, so the scan is not decoded again
     * for them ({@link Tap#shots}).
     */
    public static Tap tap(FrameSource scan) {
        return new Tap(scan);
    }

    /** See {@link ShotDetector#tap}. Closing it leaves the scan open. */
    public static final class Tap extends ForwardingFrameSource {
        private final Pass pass;
        private boolean failed;

        private Tap(FrameSource scan) {
            super(scan);
            this.pass = new Pass(scan.frameCount());
        }

        @Override
        public Image read(int index) throws IOException {
            Image frame = source.read(index);
            synchronized (pass) {
                if (!failed && index == pass.next()) {
                    try {
                        pass.accept(frame);
                    } catch (RuntimeException e) {
                        failed = true; // the shots are then found by a pass of their own
                    }
                }
            }
            return frame;
        }

        /** The shots and scenes, when the pass read every frame in order; else empty. */
        public Optional<ShotList> shots() {
            synchronized (pass) {
                return !failed && pass.complete() ? Optional.of(pass.result()) : Optional.empty();
            }
        }

        @Override
        public void close() {
            synchronized (pass) {
                pass.close();
            }
        }
    }

    /** Cut detection over frames given in order, one at a time. */
    private static final class Pass implements AutoCloseable {
        private final List<ShotList.FrameStats> stats = new ArrayList<>();
        private final double[] change;
        private Thumb previous;

        Pass(int frames) {
            change = new double[frames];
        }

        /** The index of the frame it takes next. */
        int next() {
            return stats.size();
        }

        void accept(Image frame) {
            Thumb thumb = Thumb.of(frame);
            int i = stats.size();
            change[i] = previous == null ? 0 : thumb.difference(previous);
            stats.add(new ShotList.FrameStats(change[i], thumb.luma, thumb.chroma, thumb.red, thumb.green));
            if (previous != null) {
                previous.close();
            }
            previous = thumb;
        }

        boolean complete() {
            return stats.size() == change.length;
        }

        ShotList result() {
            List<FrameRange> shots = shots(change);
            return new ShotList(shots, scenes(shots, stats), stats);
        }

        @Override
        public void close() {
            if (previous != null) {
                previous.close();
                previous = null;
            }
        }
    }

    /** Cuts where the change is a local peak well above the local median (see the class comment). */
    static List<FrameRange> shots(double[] change) {
        List<FrameRange> shots = new ArrayList<>();
        int start = 0;
        for (int i = 1; i < change.length; i++) {
            if (isCut(change, i)) {
                shots.add(new FrameRange(start, i - 1));
                start = i;
            }
        }
        if (change.length > 0) {
            shots.add(new FrameRange(start, change.length - 1));
        }
        return shots;
    }

    private static boolean isCut(double[] change, int i) {
        if (change[i] < MIN_CHANGE) {
            return false;
        }
        for (int j = Math.max(1, i - PEAK_RADIUS); j <= Math.min(change.length - 1, i + PEAK_RADIUS); j++) {
            if (j != i && (change[j] > change[i] || (change[j] == change[i] && j < i))) {
                return false;
            }
        }
        double[] around = new double[2 * WINDOW];
        int k = 0;
        for (int j = Math.max(1, i - WINDOW); j <= Math.min(change.length - 1, i + WINDOW); j++) {
            if (j != i) {
                around[k++] = change[j];
            }
        }
        if (k == 0) {
            return true;
        }
        double[] sorted = Arrays.copyOf(around, k);
        Arrays.sort(sorted);
        return change[i] > CUT_FACTOR * sorted[k / 2];
    }

    /** Groups consecutive shots by colour balance and luma (see the class comment). */
    static List<FrameRange> scenes(List<FrameRange> shots, List<ShotList.FrameStats> stats) {
        List<FrameRange> scenes = new ArrayList<>();
        double[] scene = null; // luma, red, green summed over the scene's frames
        int sceneFrames = 0;
        int sceneStart = 0;
        for (FrameRange shot : shots) {
            double[] sums = new double[3];
            for (int f = shot.first(); f <= shot.last(); f++) {
                ShotList.FrameStats s = stats.get(f);
                sums[0] += s.luma();
                sums[1] += s.red();
                sums[2] += s.green();
            }
            boolean alike = scene != null
                    && Math.abs(scene[0] / sceneFrames - sums[0] / shot.length()) <= SCENE_LUMA
                    && Math.hypot(scene[1] / sceneFrames - sums[1] / shot.length(),
                            scene[2] / sceneFrames - sums[2] / shot.length()) <= SCENE_BALANCE;
            if (scene != null && !alike) {
                scenes.add(new FrameRange(sceneStart, shot.first() - 1));
            }
            if (alike) {
                for (int i = 0; i < 3; i++) {
                    scene[i] += sums[i];
                }
                sceneFrames += shot.length();
            } else {
                scene = sums;
                sceneFrames = shot.length();
                sceneStart = shot.first();
            }
        }
        if (!shots.isEmpty()) {
            scenes.add(new FrameRange(sceneStart, shots.get(shots.size() - 1).last()));
        }
        return scenes;
    }

    /** Bhattacharyya distance of two histograms of any totals. */
    static double distance(Mat a, Mat b) {
        try (Mat na = normalised(a); Mat nb = normalised(b)) {
            return opencv_imgproc.compareHist(na, nb, opencv_imgproc.HISTCMP_BHATTACHARYYA);
        }
    }

    private static Mat normalised(Mat histogram) {
        Mat out = new Mat();
        opencv_core.normalize(histogram, out, 1, 0, opencv_core.NORM_L1, -1, null);
        return out;
    }

    /** A frame reduced to what cut detection compares. */
    private static final class Thumb implements AutoCloseable {
        final Mat luminance;
        final Mat histogram;
        final double luma;
        final double chroma;
        final double red;
        final double green;

        private Thumb(Mat luminance, Mat histogram, double luma, double chroma, double red, double green) {
            this.luminance = luminance;
            this.histogram = histogram;
            this.luma = luma;
            this.chroma = chroma;
            this.red = red;
            this.green = green;
        }

        static Thumb of(Image frame) {
            int w = Math.min(THUMB_WIDTH, frame.width());
            int h = Math.max(1, (int) Math.round((double) frame.height() * w / frame.width()));
            Image small = OpenCv.resize(frame, w, h);
            Image ycc = Colour.ycbcr(small);
            float[] d = ycc.data();
            float[] rgb = small.data();
            float[] y = new float[w * h];
            float[] rg = new float[2 * w * h];
            double luma = 0;
            double chroma = 0;
            double red = 0;
            double green = 0;
            for (int p = 0; p < y.length; p++) {
                y[p] = d[3 * p];
                luma += d[3 * p];
                chroma += Math.hypot(d[3 * p + 1] - 0.5, d[3 * p + 2] - 0.5);
                float sum = rgb[3 * p] + rgb[3 * p + 1] + rgb[3 * p + 2];
                rg[2 * p] = sum > 1e-4f ? rgb[3 * p] / sum : 1f / 3;
                rg[2 * p + 1] = sum > 1e-4f ? rgb[3 * p + 1] / sum : 1f / 3;
                red += rg[2 * p];
                green += rg[2 * p + 1];
            }
            Mat lumaMat = OpenCv.toMat(new Image(w, h, 1, y));
            Mat filtered = new Mat();
            opencv_imgproc.medianBlur(lumaMat, filtered, 3);
            lumaMat.close();
            Mat chromaticity = OpenCv.toMat(new Image(w, h, 2, rg));
            Mat histogram = new Mat();
            try (MatVector images = new MatVector(chromaticity); IntPointer channels = new IntPointer(0, 1);
                    IntPointer sizes = new IntPointer(BINS, BINS); FloatPointer ranges = new FloatPointer(0f, 1f, 0f, 1f)) {
                opencv_imgproc.calcHist(images, channels, new Mat(), histogram, sizes, ranges, false);
            } finally {
                chromaticity.close();
            }
            return new Thumb(filtered, histogram, luma / y.length, chroma / y.length, red / y.length, green / y.length);
        }

        @Override
        public void close() {
            luminance.close();
            histogram.close();
        }

        /** {@code (1 − correlation of the normalised lumas) / 2 + Bhattacharyya distance of the chromaticities}. */
        double difference(Thumb other) {
            double r;
            int mx = Math.max(1, luminance.cols() / 8);
            int my = Math.max(1, luminance.rows() / 8);
            try (Mat centre = new Mat(other.luminance, new Rect(mx, my, luminance.cols() - 2 * mx, luminance.rows() - 2 * my));
                    Mat result = new Mat(); DoublePointer best = new DoublePointer(1)) {
                opencv_imgproc.matchTemplate(luminance, centre, result, opencv_imgproc.TM_CCOEFF_NORMED);
                opencv_core.minMaxLoc(result, null, best, null, null, null);
                r = best.get();
            }
            if (!Double.isFinite(r)) {
                r = 0; // a flat frame (black, white) correlates with nothing
            }
            return (1 - r) / 2 + distance(histogram, other.histogram);
        }
    }
}
