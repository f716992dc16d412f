package org.emulsion.pipeline.internal.targets;

import org.emulsion.core.image.Image;
import org.emulsion.media.Colour;
import org.emulsion.quality.Planes;

/**
 * Where a neighbouring frame of the shot shows the same picture as this one: there its evidence
 * (its registered reference) describes the same places and may be pooled with this frame's. A
 * place is still where the two scans' Y', Cb and Cr, after the frame-wide change between them (the
 * print's flicker) is taken out, differ over a window by no more than their grain would make them
 * (chroma too: objects of one lightness may differ in hue). Each channel's grain is the frame's own
 * ({@link #grain}), so no threshold depends on the material.
 */
final class Stillness {
    /** Mean |difference| of two grain fields of σ each: √2·σ·√(2/π). */
    private static final double STILL_DIFFERENCE = Math.sqrt(2) * Math.sqrt(2 / Math.PI);
    /** The grain is read in the flattest 1/{@value} of the frame. */
    private static final int FLATTEST = 10;

    private final int width;
    private final int height;
    private final int radius;
    /** The frame's Y', Cb, Cr planes. */
    private final float[][] planes = new float[3][];
    /** Per channel, the mean |difference| its grain alone makes between two frames. */
    private final float[] still = new float[3];

    /**
     * The frame whose neighbours are compared ({@code frame}: Y'CbCr, over windows of {@code radius}
     * pixels either side): its planes and grain are read once for all of them.
     */
    Stillness(Image frame, int radius) {
        this.width = frame.width();
        this.height = frame.height();
        this.radius = radius;
        for (int c = 0; c < 3; c++) {
            planes[c] = Colour.channels(frame, c, 1).data();
            still[c] = (float) Math.max(1e-6, STILL_DIFFERENCE * grain(planes[c], width, height, radius));
        }
    }

    /**
     * Per pixel of the frame's grid, 1 where {@code neighbour} (Y'CbCr, the same size; NaN where it shows
     * nothing) shows the same picture, falling to 0 where the two differ by twice what the grain makes.
     */
    float[] weights(Image neighbour) {
        float[] units = new float[width * height];
        for (int c = 0; c < 3; c++) {
            float[] a = planes[c];
            float[] b = Colour.channels(neighbour, c, 1).data();
            float[] difference = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                difference[i] = b[i] - a[i];
            }
            float flicker = Planes.ranked(difference, 1, 2);
            for (int i = 0; i < difference.length; i++) {
                // where the neighbour shows nothing (moved in from outside its frame) it counts as moving
                units[i] += Float.isFinite(difference[i]) ? Math.abs(difference[i] - flicker) / (3 * still[c]) : 1;
            }
        }
        float[] windowed = Planes.box(units, width, height, radius);
        float[] weights = new float[windowed.length];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = Math.max(0, Math.min(1, 2 - windowed[i]));
        }
        return weights;
    }

    /**
     * σ of a channel's grain: its local standard deviation over windows of {@code radius} pixels either
     * side, in the flattest tenth of the frame (every frame has some sky, wall or shadow). A Laplacian
     * estimate (Immerkær's) reads only the finest grain and came out 4× too low on a scan's soft,
     * clumped grain.
     */
    static double grain(float[] plane, int w, int h, int radius) {
        float[] squares = new float[plane.length];
        for (int i = 0; i < plane.length; i++) {
            squares[i] = plane[i] * plane[i];
        }
        float[] mean = Planes.box(plane, w, h, radius);
        float[] meanSquare = Planes.box(squares, w, h, radius);
        float[] deviation = new float[plane.length];
        for (int i = 0; i < plane.length; i++) {
            deviation[i] = (float) Math.sqrt(Math.max(0, meanSquare[i] - mean[i] * mean[i]));
        }
        return Planes.ranked(deviation, 1, FLATTEST);
    }
}
