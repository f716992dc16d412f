package org.emulsion.pipeline.internal.targets;

import java.util.SplittableRandom;

import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.emulsion.core.image.Image;
import org.emulsion.media.OpenCv;

/**
 * Holes drawn over intact film to teach a luma model what to put where damage is: irregular
 * blotches (emulsion that let go), long thin meandering lines (channeling, scratches) and small
 * specks (dirt), with soft edges like a feathered damage map. Sizes are fractions of the frame,
 * so the same shapes serve any resolution; together they cover about a fifth of the frame, so
 * most training crops hold some.
 */
final class SyntheticDamage {
    /** Hole maps drawn per training frame. */
    static final int VARIANTS = 4;
    private static final double COVERAGE = 0.2;
    private static final double EDGE_SIGMA = 1.0;
    /** The loss also sees this many pixels around each hole, where repairs meet the film. */
    private static final int RING = 3;

    private SyntheticDamage() {
    }

    /**
     * Hole map {@code variant} of a training frame, drawn from a generator seeded by the training
     * seed, the frame and the variant: the same run draws the same holes.
     */
    static Image draw(int width, int height, long seed, int frame, int variant) {
        return draw(width, height, new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ (frame * 31L + variant + 1) * 0xBF58476D1CE4E5B9L));
    }

    /** A hole map of {@code width}×{@code height} in [0, 1] (1 = hole), drawn from {@code random}. */
    static Image draw(int width, int height, SplittableRandom random) {
        float[] holes = new float[width * height];
        int side = Math.min(width, height);
        double covered = 0;
        while (covered < COVERAGE) {
            double kind = random.nextDouble();
            if (kind < 0.5) {
                covered += blotch(holes, width, height, side, random);
            } else if (kind < 0.75) {
                covered += line(holes, width, height, side, random);
            } else {
                for (int k = 0; k < 20; k++) {
                    covered += speck(holes, width, height, side, random);
                }
            }
        }
        return soften(new Image(width, height, 1, holes));
    }

    /** An irregular blob: a circle whose radius wobbles with the angle. Returns the fraction of the frame it covers. */
    private static double blotch(float[] holes, int w, int h, int side, SplittableRandom random) {
        double r = side * (0.02 + 0.08 * random.nextDouble());
        double cx = random.nextDouble() * w;
        double cy = random.nextDouble() * h;
        double[] phase = {random.nextDouble() * 7, random.nextDouble() * 7, random.nextDouble() * 7};
        double[] amplitude = {0.25 * random.nextDouble(), 0.15 * random.nextDouble(), 0.1 * random.nextDouble()};
        int set = 0;
        for (int y = (int) Math.max(0, cy - 1.5 * r); y < Math.min(h, cy + 1.5 * r); y++) {
            for (int x = (int) Math.max(0, cx - 1.5 * r); x < Math.min(w, cx + 1.5 * r); x++) {
                double angle = Math.atan2(y - cy, x - cx);
                double edge = r * (1 + amplitude[0] * Math.sin(2 * angle + phase[0]) + amplitude[1] * Math.sin(3 * angle + phase[1])
                        + amplitude[2] * Math.sin(5 * angle + phase[2]));
                if (Math.hypot(x - cx, y - cy) < edge) {
                    set += mark(holes, y * w + x);
                }
            }
        }
        return set / (double) (w * h);
    }

    /** A long thin line that meanders slowly, 1 to 4 pixels wide per 1000 pixels of frame. */
    private static double line(float[] holes, int w, int h, int side, SplittableRandom random) {
        double half = Math.max(0.5, side / 1000.0 * (0.5 + 1.5 * random.nextDouble()));
        double length = side * (0.2 + 0.6 * random.nextDouble());
        double angle = random.nextDouble() * Math.PI;
        double x = random.nextDouble() * w;
        double y = random.nextDouble() * h;
        double bend = (random.nextDouble() - 0.5) * 0.01;
        int set = 0;
        for (double s = 0; s < length; s += 0.5) {
            angle += bend;
            x += 0.5 * Math.cos(angle);
            y += 0.5 * Math.sin(angle);
            for (int dy = (int) -Math.ceil(half); dy <= Math.ceil(half); dy++) {
                for (int dx = (int) -Math.ceil(half); dx <= Math.ceil(half); dx++) {
                    int px = (int) Math.round(x) + dx;
                    int py = (int) Math.round(y) + dy;
                    if (px >= 0 && px < w && py >= 0 && py < h && dx * dx + dy * dy <= half * half + 0.25) {
                        set += mark(holes, py * w + px);
                    }
                }
            }
        }
        return set / (double) (w * h);
    }

    private static double speck(float[] holes, int w, int h, int side, SplittableRandom random) {
        double r = Math.max(1, side * 0.004 * random.nextDouble());
        int cx = random.nextInt(w);
        int cy = random.nextInt(h);
        int set = 0;
        for (int y = (int) Math.max(0, cy - r); y <= Math.min(h - 1, cy + r); y++) {
            for (int x = (int) Math.max(0, cx - r); x <= Math.min(w - 1, cx + r); x++) {
                if (Math.hypot(x - cx, y - cy) <= r) {
                    set += mark(holes, y * w + x);
                }
            }
        }
        return set / (double) (w * h);
    }

    private static int mark(float[] holes, int i) {
        if (holes[i] == 0) {
            holes[i] = 1;
            return 1;
        }
        return 0;
    }

    /** Soft edges, as a feathered damage map has, without shrinking the hole: the blur only adds outside it. */
    static Image soften(Image holes) {
        try (Mat m = OpenCv.toMat(holes); Mat blurred = new Mat()) {
            opencv_imgproc.GaussianBlur(m, blurred, new Size(0, 0), EDGE_SIGMA);
            Image soft = OpenCv.toImage(blurred);
            float[] out = soft.data();
            float[] hard = holes.data();
            for (int i = 0; i < out.length; i++) {
                out[i] = Math.max(hard[i], Math.min(1f, 2 * out[i]));
            }
            return soft;
        }
    }

    /** The loss weights of a hole map: its {@link #ring} where {@code known} (the truth there is the film's own). */
    static Image loss(Image holes, float[] known) {
        Image loss = ring(holes);
        float[] l = loss.data();
        for (int i = 0; i < l.length; i++) {
            l[i] *= known[i];
        }
        return loss;
    }

    /** The holes grown by {@value #RING} pixels: where the loss looks. */
    static Image ring(Image holes) {
        try (Mat m = OpenCv.toMat(holes); Mat grown = new Mat();
                Mat kernel = opencv_imgproc.getStructuringElement(opencv_imgproc.MORPH_ELLIPSE, new Size(2 * RING + 1, 2 * RING + 1))) {
            opencv_imgproc.dilate(m, grown, kernel);
            Image out = OpenCv.toImage(grown);
            for (int i = 0; i < out.data().length; i++) {
                out.data()[i] = out.data()[i] > 0.01f ? 1f : 0f;
            }
            return out;
        }
    }
}
