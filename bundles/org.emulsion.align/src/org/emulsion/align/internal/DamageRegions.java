package org.emulsion.align.internal;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.emulsion.core.image.Image;

/**
 * Turns per-pixel evidence into damage regions (hysteresis): every 8-connected region of
 * {@code grow} pixels that holds a seed, small holes closed, then feathered: 1 inside, and below
 * ½ falling linearly to 0 over {@link #FEATHER} pixels outside (the antialiased rim of a speck or
 * a scratch is damaged a little; taken as damaged, ≥ ½, is the region itself).
 */
public final class DamageRegions {
    /** Width of the feathered rim, pixels. */
    public static final int FEATHER = 2;
    /** A region no deeper than this many pixels at the edge of what a witness covers is not carried beyond it. */
    private static final int SLIVER = 2;

    private DamageRegions() {
    }

    /** The 8-connected components of {@code pixels}: per pixel its label (0 outside), and how many labels there are (with 0). */
    public record Components(int[] labels, int count) {
    }

    public static Components components(boolean[] pixels, int w, int h) {
        byte[] b = new byte[w * h];
        for (int p = 0; p < b.length; p++) {
            b[p] = (byte) (pixels[p] ? 255 : 0);
        }
        try (PointerScope scope = new PointerScope()) {
            Mat m = new Mat(h, w, opencv_core.CV_8U);
            ((ByteBuffer) m.createBuffer()).put(b);
            Mat labels = new Mat();
            int count = opencv_imgproc.connectedComponents(m, labels, 8, opencv_core.CV_32S);
            int[] label = new int[w * h];
            ((IntBuffer) labels.createBuffer()).get(label);
            return new Components(label, count);
        }
    }

    /**
     * {@code damaged} carried into the {@code open} pixels from the nearest {@code decided} one, up to
     * {@code limit} pixels from it: a region found up to the edge of what a witness covers runs on to
     * the frame's edge through the margin the witness's crop leaves. Only a region more than
     * {@value #SLIVER} pixels deep at that edge is carried: a sliver along it is the edge's own
     * disagreement (the witness's resampled rim), not damage running on. An open pixel takes damage
     * only (one already damaged stays so); one farther than the limit keeps its own state.
     */
    public static boolean[] carried(boolean[] damaged, boolean[] decided, boolean[] open, int w, int h, double limit) {
        int n = w * h;
        boolean[] out = damaged.clone();
        byte[] source = new byte[n]; // 0 where decided: the distance transform's targets
        byte[] region = new byte[n]; // damaged, or undecided (a region at the edge is not eroded from there)
        boolean anyDecided = false;
        boolean anyOpen = false;
        for (int p = 0; p < n; p++) {
            source[p] = decided[p] ? 0 : (byte) 255;
            region[p] = damaged[p] || !decided[p] ? (byte) 255 : 0;
            anyDecided |= decided[p];
            anyOpen |= open[p] && !damaged[p];
        }
        if (!anyDecided || !anyOpen) {
            return out;
        }
        float[] distance = new float[n];
        int[] nearest = new int[n];
        byte[] deep = new byte[n];
        try (PointerScope scope = new PointerScope()) {
            Mat deepMat = new Mat(h, w, opencv_core.CV_8U);
            ((ByteBuffer) deepMat.createBuffer()).put(region);
            opencv_imgproc.erode(deepMat, deepMat, opencv_imgproc.getStructuringElement(opencv_imgproc.MORPH_ELLIPSE,
                    new Size(2 * SLIVER + 1, 2 * SLIVER + 1)), new Point(-1, -1), 1, opencv_core.BORDER_REPLICATE, Scalar.all(0));
            ((ByteBuffer) deepMat.createBuffer()).get(deep);
            Mat src = new Mat(h, w, opencv_core.CV_8U);
            ((ByteBuffer) src.createBuffer()).put(source);
            Mat dist = new Mat();
            Mat labels = new Mat();
            opencv_imgproc.distanceTransformWithLabels(src, dist, labels, opencv_imgproc.DIST_L2, opencv_imgproc.DIST_MASK_5,
                    opencv_imgproc.DIST_LABEL_PIXEL);
            ((FloatBuffer) dist.createBuffer()).get(distance);
            ((IntBuffer) labels.createBuffer()).get(nearest);
        }
        int[] pixelOf = new int[n + 1]; // each decided pixel's label → the pixel
        for (int p = 0; p < n; p++) {
            if (decided[p]) {
                pixelOf[nearest[p]] = p;
            }
        }
        for (int p = 0; p < n; p++) {
            int from = pixelOf[nearest[p]];
            if (open[p] && !decided[p] && distance[p] <= limit && damaged[from] && deep[from] != 0) {
                out[p] = true;
            }
        }
        return out;
    }

    /** {@code pixels} with every region of other pixels they enclose (not reaching the frame's edge) added. */
    public static boolean[] enclosing(boolean[] pixels, int w, int h) {
        boolean[] outside = new boolean[pixels.length];
        for (int p = 0; p < pixels.length; p++) {
            outside[p] = !pixels[p];
        }
        Components c = components(outside, w, h);
        boolean[] open = new boolean[c.count()];
        for (int x = 0; x < w; x++) {
            open[c.labels()[x]] = true;
            open[c.labels()[(h - 1) * w + x]] = true;
        }
        for (int y = 0; y < h; y++) {
            open[c.labels()[y * w]] = true;
            open[c.labels()[y * w + w - 1]] = true;
        }
        boolean[] out = pixels.clone();
        for (int p = 0; p < out.length; p++) {
            out[p] |= !open[c.labels()[p]];
        }
        return out;
    }

    public static Image mask(boolean[] seeds, boolean[] grow, int w, int h) {
        int n = w * h;
        boolean[] either = new boolean[n];
        for (int p = 0; p < n; p++) {
            either[p] = grow[p] || seeds[p];
        }
        Components components = components(either, w, h);
        int count = components.count();
        int[] label = components.labels();
        float[] out = new float[n];
        try (PointerScope scope = new PointerScope()) {
            boolean[] seeded = new boolean[count];
            for (int p = 0; p < n; p++) {
                if (seeds[p]) {
                    seeded[label[p]] = true;
                }
            }
            byte[] region = new byte[n];
            for (int p = 0; p < n; p++) {
                region[p] = (byte) (label[p] > 0 && seeded[label[p]] ? 255 : 0);
            }
            Mat damaged = new Mat(h, w, opencv_core.CV_8U);
            ((ByteBuffer) damaged.createBuffer()).put(region);
            Mat kernel = opencv_imgproc.getStructuringElement(opencv_imgproc.MORPH_ELLIPSE, new Size(3, 3));
            opencv_imgproc.morphologyEx(damaged, damaged, opencv_imgproc.MORPH_CLOSE, kernel, new Point(-1, -1), 1,
                    opencv_core.BORDER_CONSTANT, Scalar.all(0));
            Mat outside = new Mat();
            opencv_core.bitwise_not(damaged, outside);
            Mat distance = new Mat();
            opencv_imgproc.distanceTransform(outside, distance, opencv_imgproc.DIST_L2, 3);
            ((FloatBuffer) distance.createBuffer()).get(out);
        }
        for (int p = 0; p < n; p++) {
            out[p] = out[p] == 0 ? 1 : (float) Math.max(0, 0.5 * (FEATHER + 1 - out[p]) / (FEATHER + 1));
        }
        return new Image(w, h, 1, out);
    }
}
