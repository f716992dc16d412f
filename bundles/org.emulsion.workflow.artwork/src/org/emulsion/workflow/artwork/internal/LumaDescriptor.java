package org.emulsion.workflow.artwork.internal;

import java.util.Arrays;

import org.emulsion.core.image.Image;
import org.emulsion.media.OpenCv;

/**
 * What a picture shows, from its luma alone so that a fade (which changes colour and contrast)
 * does not count: on a small copy framed like the scan, normalised to its own 2nd–98th percentile,
 * gradient-orientation histograms on a grid (structure and texture, each cell normalised) and the
 * coarse luma layout (zero mean, unit norm). {@link #similarity} is the mean of the two cosines.
 */
final class LumaDescriptor {
    private static final int WIDTH = 64;
    private static final int CELLS_X = 4;
    private static final int CELLS_Y = 3;
    private static final int ORIENTATIONS = 8;
    private static final int LAYOUT_X = 8;
    private static final int LAYOUT_Y = 6;

    private final float[] structure;
    private final float[] layout;

    private LumaDescriptor(float[] structure, float[] layout) {
        this.structure = structure;
        this.layout = layout;
    }

    /** The small copy's height for frames {@code width}×{@code height}. */
    static int height(int width, int height) {
        return Math.max(CELLS_Y * 4, (int) Math.round(WIDTH * height / (double) width));
    }

    /** The descriptor of a scan frame. */
    static LumaDescriptor ofFrame(Image rgb) {
        return of(OpenCv.resize(rgb, WIDTH, height(rgb.width(), rgb.height())));
    }

    /** The descriptor of an artwork placed (covering, centred) on a frame of {@code frameWidth}×{@code frameHeight}. */
    static LumaDescriptor ofArtwork(Image rgb, int frameWidth, int frameHeight) {
        Image canvas = Image.blank(WIDTH, height(frameWidth, frameHeight), 1);
        ArtworkPlacement placement = new ArtworkPlacement();
        return of(placement.warp(rgb, placement.align(rgb, canvas), canvas.width(), canvas.height()));
    }

    private static LumaDescriptor of(Image small) {
        int w = small.width();
        int h = small.height();
        float[] d = small.data();
        float[] y = new float[w * h];
        for (int p = 0; p < y.length; p++) {
            float v = 0.299f * d[3 * p] + 0.587f * d[3 * p + 1] + 0.114f * d[3 * p + 2];
            y[p] = Float.isNaN(v) ? 0.5f : v;
        }
        float[] sorted = y.clone();
        Arrays.sort(sorted);
        float lo = sorted[(int) (0.02 * (sorted.length - 1))];
        float hi = sorted[(int) (0.98 * (sorted.length - 1))];
        float range = Math.max(1e-3f, hi - lo);
        for (int p = 0; p < y.length; p++) {
            y[p] = (y[p] - lo) / range;
        }
        float[] structure = new float[CELLS_X * CELLS_Y * ORIENTATIONS];
        for (int py = 1; py < h - 1; py++) {
            for (int px = 1; px < w - 1; px++) {
                double gx = y[py * w + px + 1] - y[py * w + px - 1];
                double gy = y[(py + 1) * w + px] - y[(py - 1) * w + px];
                double magnitude = Math.hypot(gx, gy);
                double angle = Math.atan2(gy, gx);
                if (angle < 0) {
                    angle += Math.PI;
                }
                int bin = Math.min(ORIENTATIONS - 1, (int) (angle / Math.PI * ORIENTATIONS));
                int cell = (py * CELLS_Y / h) * CELLS_X + px * CELLS_X / w;
                structure[cell * ORIENTATIONS + bin] += (float) magnitude;
            }
        }
        for (int cell = 0; cell < CELLS_X * CELLS_Y; cell++) {
            normalise(structure, cell * ORIENTATIONS, ORIENTATIONS, false);
        }
        float[] layout = new float[LAYOUT_X * LAYOUT_Y];
        for (int py = 0; py < h; py++) {
            for (int px = 0; px < w; px++) {
                layout[(py * LAYOUT_Y / h) * LAYOUT_X + px * LAYOUT_X / w] += y[py * w + px];
            }
        }
        normalise(layout, 0, layout.length, true);
        return new LumaDescriptor(structure, layout);
    }

    /** Scales {@code v[from..from+n)} to unit norm, after removing its mean when {@code centre}. */
    private static void normalise(float[] v, int from, int n, boolean centre) {
        double mean = 0;
        if (centre) {
            for (int i = from; i < from + n; i++) {
                mean += v[i];
            }
            mean /= n;
        }
        double norm = 0;
        for (int i = from; i < from + n; i++) {
            v[i] -= (float) mean;
            norm += v[i] * v[i];
        }
        norm = Math.sqrt(norm);
        for (int i = from; i < from + n; i++) {
            v[i] = norm > 1e-9 ? (float) (v[i] / norm) : 0;
        }
    }

    /** Mean of the structure and layout cosines, in [-1, 1]. */
    double similarity(LumaDescriptor o) {
        double s = 0;
        for (int i = 0; i < structure.length; i++) {
            s += structure[i] * o.structure[i];
        }
        double l = 0;
        for (int i = 0; i < layout.length; i++) {
            l += layout[i] * o.layout[i];
        }
        return 0.5 * s / (CELLS_X * CELLS_Y) + 0.5 * l;
    }
}
