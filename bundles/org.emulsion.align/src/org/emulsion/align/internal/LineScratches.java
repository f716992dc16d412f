package org.emulsion.align.internal;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Size;
import org.emulsion.core.image.Image;
import org.emulsion.media.OpenCv;

/**
 * Line scratches: thin lines along the film's length (vertical in an upright scan) that a gate,
 * a roller or a printer left on every frame that passed. A faint one stands out from the grain at
 * each pixel by less than a speck must, but along the line most pixels stand out a little, which
 * grain never does over a long run. A pixel lies on a scratch where most pixels of the vertical
 * run around it ({@value #RUN} pixels) show the evidence and the runs {@value #SIDE} pixels to either
 * side mostly do not: a thin line, not a region (uneven density or a tone mismatch between prints
 * covers regions). Such a line is only a candidate: the picture's own thin vertical lines can
 * disagree along their length too where they slip against the witnesses by a pixel; a scratch stays
 * at its place on the film from frame to frame ({@link #across}).
 */
public final class LineScratches {
    /** Pixels in the vertical run a line is judged on: enough that grain alone never fills half of it. */
    static final int RUN = 49;
    /** Pixels to either side where the run must be mostly free of the evidence: wider lines are regions. */
    static final int SIDE = 6;
    /** Share of the run that must show the evidence on the line. */
    private static final double ON = 0.3;
    /** Share of the run beside the line it may show at most. */
    private static final double OFF = 0.1;

    private LineScratches() {
    }

    /**
     * Per pixel, whether any of {@code maps} (null entries skipped) marks damage (≥ 0.5) on the same
     * row within {@code reach} pixels across: where a scratch of another frame would lie at this
     * place on the film.
     */
    public static boolean[] across(Image[] maps, int width, int height, int reach) {
        boolean[] out = new boolean[width * height];
        try (PointerScope scope = new PointerScope()) {
            Mat kernel = opencv_imgproc.getStructuringElement(opencv_imgproc.MORPH_RECT, new Size(2 * reach + 1, 1));
            for (Image map : maps) {
                if (map == null) {
                    continue;
                }
                Mat grown = new Mat();
                opencv_imgproc.dilate(OpenCv.toMat(map), grown, kernel);
                float[] g = OpenCv.toImage(grown).data();
                for (int p = 0; p < out.length; p++) {
                    out[p] |= g[p] >= 0.5f;
                }
            }
        }
        return out;
    }

    /** Where {@code evidence} (one flag per pixel of a {@code width}×{@code height} frame) runs along a thin vertical line. */
    public static boolean[] along(boolean[] evidence, int width, int height) {
        float[] flags = new float[evidence.length];
        for (int p = 0; p < flags.length; p++) {
            flags[p] = evidence[p] ? 1f : 0f;
        }
        float[] share;
        try (PointerScope scope = new PointerScope()) {
            Mat runs = new Mat();
            opencv_imgproc.blur(OpenCv.toMat(new Image(width, height, 1, flags)), runs, new Size(1, RUN), new Point(-1, -1),
                    opencv_core.BORDER_REFLECT);
            share = OpenCv.toImage(runs).data();
        }
        boolean[] out = new boolean[evidence.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int p = y * width + x;
                float left = share[y * width + Math.max(0, x - SIDE)];
                float right = share[y * width + Math.min(width - 1, x + SIDE)];
                out[p] = share[p] >= ON && Math.max(left, right) <= OFF;
            }
        }
        return out;
    }
}
