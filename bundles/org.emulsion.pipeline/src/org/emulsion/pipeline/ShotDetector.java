package org.emulsion.pipeline;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.emulsion.core.image.FrameSource;
import org.emulsion.core.image.Image;
import org.emulsion.media.Colour;
import org.emulsion.media.OpenCv;

/**
 * Finds the hard cuts of a scan and groups its shots into scenes.
 * <p>
 * <b>Cuts.</b> Each frame is reduced to a {@value #THUMB_WIDTH}-pixel-wide thumbnail (area
 * averaging removes grain) and median filtered (removes dust and sparkle). Two frames differ by
 * {@code (1 − r) / 2 + b}, where {@code r} is the correlation of their lumas (normalised, so
 * exposure flicker does not count) and {@code b} the Bhattacharyya distance of their
 * chromaticity histograms ({@code r, g / (r + g + b)}, also blind to exposure). A cut lies before
 * frame {@code i} when its difference is the largest within ±{@value #PEAK_RADIUS} frames, above
 * {@value #MIN_CHANGE}, and above {@value #CUT_FACTOR}× the median difference of the
 * {@value #WINDOW} frames either side: the threshold follows the material's own motion and noise.
 * <p>
 * <b>Scenes.</b> Consecutive shots whose colour is alike form a scene: a shot joins the current
 * scene when the Bhattacharyya distance between its chromaticity histogram (all its frames) and
 * the scene's is at most {@value #SCENE_DISTANCE}, and their mean lumas differ by at most
 * {@value #SCENE_LUMA}; otherwise it starts a new scene.
 */
public final class ShotDetector {
    static final int THUMB_WIDTH = 64;
    static final int BINS = 16;
    static final double MIN_CHANGE = 0.2;
    static final double CUT_FACTOR = 4;
    static final int WINDOW = 6;
    static final int PEAK_RADIUS = 2;
    static final double SCENE_DISTANCE = 0.2;
    static final double SCENE_LUMA = 0.12;

    private ShotDetector() {
    }

    /** Reads every scan frame once and returns its shots and scenes. */
    public static ShotList detect(FrameSource scan, IProgressMonitor monitor) throws IOException {
        int n = scan.frameCount();
        SubMonitor progress = SubMonitor.convert(monitor, "Finding shots", n + 1);
        List<ShotList.FrameStats> stats = new ArrayList<>();
        List<Mat> histograms = new ArrayList<>();
        double[] change = new double[n];
        Thumb previous = null;
        try {
            for (int i = 0; i < n; i++) {
                progress.subTask("frame " + (i + 1) + " of " + n);
                Thumb thumb = Thumb.of(scan.read(i));
                change[i] = previous == null ? 0 : thumb.difference(previous);
                stats.add(new ShotList.FrameStats(change[i], thumb.luma, thumb.chroma));
                histograms.add(thumb.histogram);
                if (previous != null) {
                    previous.luminance.close();
                }
                previous = thumb;
                progress.split(1);
            }
            List<FrameRange> shots = shots(change);
            List<FrameRange> scenes = scenes(shots, histograms, stats);
            progress.split(1);
            return new ShotList(shots, scenes, stats);
        } finally {
            if (previous != null) {
                previous.luminance.close();
            }
            histograms.forEach(Mat::close);
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

    /** Groups consecutive shots by colour likeness (see the class comment). */
    private static List<FrameRange> scenes(List<FrameRange> shots, List<Mat> histograms, List<ShotList.FrameStats> stats) {
        List<FrameRange> scenes = new ArrayList<>();
        Mat sceneHistogram = null;
        double sceneLuma = 0;
        int sceneFrames = 0;
        int sceneStart = 0;
        try {
            for (FrameRange shot : shots) {
                Mat shotHistogram = sum(histograms, shot);
                double shotLuma = 0;
                for (int f = shot.first(); f <= shot.last(); f++) {
                    shotLuma += stats.get(f).luma() / shot.length();
                }
                boolean alike = sceneHistogram != null && distance(sceneHistogram, shotHistogram) <= SCENE_DISTANCE
                        && Math.abs(sceneLuma - shotLuma) <= SCENE_LUMA;
                if (sceneHistogram != null && !alike) {
                    scenes.add(new FrameRange(sceneStart, shot.first() - 1));
                    sceneHistogram.close();
                    sceneHistogram = null;
                }
                if (sceneHistogram == null) {
                    sceneHistogram = shotHistogram;
                    sceneStart = shot.first();
                    sceneLuma = shotLuma;
                    sceneFrames = shot.length();
                } else {
                    opencv_core.add(sceneHistogram, shotHistogram, sceneHistogram);
                    sceneLuma = (sceneLuma * sceneFrames + shotLuma * shot.length()) / (sceneFrames + shot.length());
                    sceneFrames += shot.length();
                    shotHistogram.close();
                }
            }
            if (!shots.isEmpty()) {
                scenes.add(new FrameRange(sceneStart, shots.get(shots.size() - 1).last()));
            }
            return scenes;
        } finally {
            if (sceneHistogram != null) {
                sceneHistogram.close();
            }
        }
    }

    private static Mat sum(List<Mat> histograms, FrameRange range) {
        Mat total = histograms.get(range.first()).clone();
        for (int f = range.first() + 1; f <= range.last(); f++) {
            opencv_core.add(total, histograms.get(f), total);
        }
        return total;
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
    private static final class Thumb {
        final Mat luminance;
        final Mat histogram;
        final double luma;
        final double chroma;

        private Thumb(Mat luminance, Mat histogram, double luma, double chroma) {
            this.luminance = luminance;
            this.histogram = histogram;
            this.luma = luma;
            this.chroma = chroma;
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
            for (int p = 0; p < y.length; p++) {
                y[p] = d[3 * p];
                luma += d[3 * p];
                chroma += Math.hypot(d[3 * p + 1] - 0.5, d[3 * p + 2] - 0.5);
                float sum = rgb[3 * p] + rgb[3 * p + 1] + rgb[3 * p + 2];
                rg[2 * p] = sum > 1e-4f ? rgb[3 * p] / sum : 1f / 3;
                rg[2 * p + 1] = sum > 1e-4f ? rgb[3 * p + 1] / sum : 1f / 3;
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
            return new Thumb(filtered, histogram, luma / y.length, chroma / y.length);
        }

        /** {@code (1 − correlation of the normalised lumas) / 2 + Bhattacharyya distance of the chromaticities}. */
        double difference(Thumb other) {
            double r;
            try (Mat result = new Mat()) {
                opencv_imgproc.matchTemplate(luminance, other.luminance, result, opencv_imgproc.TM_CCOEFF_NORMED);
                try (FloatIndexer value = result.createIndexer()) {
                    r = value.get(0);
                }
            }
            if (!Double.isFinite(r)) {
                r = 0; // a flat frame (black, white) correlates with nothing
            }
            return (1 - r) / 2 + distance(histogram, other.histogram);
        }
    }
}
