package org.emulsion.simulator.reference.tests;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.emulsion.core.image.Image;
import org.emulsion.media.OpenCv;
import org.emulsion.simulator.ReferenceGeometry;
import org.emulsion.simulator.Truth;

/**
 * Independent read-back and measurement for the reference element tests: FFmpeg decoding, the
 * truth warped onto a reference grid straight from the recorded affine numbers, luma correlation.
 */
final class ReferenceTesting {
    private ReferenceTesting() {
    }

    static Truth truth(int frames, int shots, long seed) {
        return Truth.create(new Truth.Spec(320, 180, frames, shots, seed));
    }

    /** Every frame of a video, decoded by FFmpeg to 8-bit and converted to RGB. */
    static List<Image> decodeAll(Path video) throws IOException {
        List<Image> frames = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile());
                OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
            grabber.start();
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                try (Mat rgb = new Mat()) {
                    opencv_imgproc.cvtColor(converter.convert(frame), rgb, opencv_imgproc.COLOR_BGR2RGB);
                    frames.add(OpenCv.toImage(rgb));
                }
            }
            grabber.stop();
        }
        return frames;
    }

    /** The truth frame resampled onto the reference grid with the recorded mapping (no prefilter, no bars). */
    static Image warp(Image truthFrame, ReferenceGeometry g) {
        try (Mat src = OpenCv.toMat(truthFrame); Mat m = new Mat(2, 3, opencv_core.CV_64F); Mat out = new Mat()) {
            ((java.nio.DoubleBuffer) m.createBuffer()).put(new double[] {g.scaleX(), 0, g.offsetX(), 0, g.scaleY(), g.offsetY()});
            opencv_imgproc.warpAffine(src, out, m, new Size(g.width(), g.height()),
                    opencv_imgproc.INTER_LINEAR | opencv_imgproc.WARP_INVERSE_MAP, opencv_core.BORDER_REFLECT, new Scalar());
            return OpenCv.toImage(out);
        }
    }

    /** The geometry with its truth offsets moved by (dx, dy) truth pixels. */
    static ReferenceGeometry shifted(ReferenceGeometry g, double dx, double dy) {
        return new ReferenceGeometry(g.width(), g.height(), g.pixelAspect(), g.activeX(), g.activeY(), g.activeWidth(),
                g.activeHeight(), g.scaleX(), g.offsetX() + dx, g.scaleY(), g.offsetY() + dy);
    }

    static double luma(Image im, int x, int y) {
        return 0.299 * im.get(x, y, 0) + 0.587 * im.get(x, y, 1) + 0.114 * im.get(x, y, 2);
    }

    /**
     * Pearson correlation of the luma of two same-size images over the geometry's active area, on
     * rows {@code parity}, {@code parity + rowStep}, … ({@code rowStep} 2 compares one field), every second column,
     * a margin of {@code margin} pixels left out.
     */
    static double correlation(Image a, Image b, ReferenceGeometry g, int parity, int rowStep, int margin) {
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        long n = 0;
        int y0 = g.activeY() + margin;
        y0 += Math.floorMod(parity - y0, rowStep);
        for (int y = y0; y < g.activeY() + g.activeHeight() - margin; y += rowStep) {
            for (int x = g.activeX() + margin; x < g.activeX() + g.activeWidth() - margin; x += 2) {
                double p = luma(a, x, y);
                double q = luma(b, x, y);
                sa += p;
                sb += q;
                saa += p * p;
                sbb += q * q;
                sab += p * q;
                n++;
            }
        }
        double cov = sab / n - sa / n * sb / n;
        return cov / Math.sqrt(Math.max(1e-12, (saa / n - sa / n * sa / n) * (sbb / n - sb / n * sb / n)));
    }

    /** Mean of channel {@code c} over a rectangle. */
    static double mean(Image im, int c, int x0, int y0, int x1, int y1) {
        double s = 0;
        long n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                s += im.get(x, y, c);
                n++;
            }
        }
        return s / Math.max(1, n);
    }

    /** The truth frame whose warp correlates best with {@code reference} (rows of one parity, or all). */
    static int bestTruthFrame(Image reference, List<Image> warpedTruth, ReferenceGeometry g, int parity, int rowStep) {
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < warpedTruth.size(); t++) {
            double score = correlation(reference, warpedTruth.get(t), g, parity, rowStep, 4);
            if (score > bestScore) {
                bestScore = score;
                best = t;
            }
        }
        return best;
    }

    static List<Image> warpAll(Truth truth, ReferenceGeometry g) {
        List<Image> out = new ArrayList<>();
        for (int t = 0; t < truth.frameCount(); t++) {
            out.add(warp(truth.frame(t), g));
        }
        return out;
    }

    /** A Gaussian-blurred copy. */
    static Image blur(Image image, double sigma) {
        try (Mat m = OpenCv.toMat(image); Mat out = new Mat()) {
            opencv_imgproc.GaussianBlur(m, out, new Size(0, 0), sigma, sigma, opencv_core.BORDER_REFLECT, 0);
            return OpenCv.toImage(out);
        }
    }
}
