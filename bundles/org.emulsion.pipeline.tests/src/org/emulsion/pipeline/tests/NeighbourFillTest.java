package org.emulsion.pipeline.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.emulsion.pipeline.internal.targets.NeighbourFill;
import org.junit.jupiter.api.Test;

/**
 * A hole no print shows, filled from the neighbouring frames: on a panning picture with grain the
 * fill is the picture (within the grain), and a neighbour whose picture changed around the hole
 * (something moved in) is refused rather than copied.
 */
class NeighbourFillTest {
    static final int W = 200;
    static final int H = 150;
    static final double GRAIN = 0.01;
    /** The hole: a 30×24 block and its place. */
    static final int HX = 90;
    static final int HY = 60;
    static final int HW = 30;
    static final int HH = 24;

    @Test
    void aHoleIsFilledWithThePictureTheNeighbouringFramesShow() {
        Picture p = new Picture(1);
        float[] truth = p.frame(0, 0, 0);
        float[] frame = holed(p.frame(0, 0, 11));
        float[] previous = p.frame(-5, -2, 12); // the camera pans 5 px across and 2 down a frame
        float[] next = p.frame(5, 2, 13);
        float[] fill = NeighbourFill.fill(W, H, frame, List.of(previous, next));
        int filled = 0;
        double error = 0;
        for (int y = HY; y < HY + HH; y++) {
            for (int x = HX; x < HX + HW; x++) {
                int i = y * W + x;
                if (Float.isFinite(fill[i])) {
                    filled++;
                    error += (fill[i] - truth[i]) * (fill[i] - truth[i]);
                }
            }
        }
        double rms = Math.sqrt(error / Math.max(1, filled));
        System.out.printf(Locale.ROOT, "neighbour fill: %d of %d hole pixels filled, RMS %.4f from the picture (grain %.3f)%n", filled,
                HW * HH, rms, GRAIN);
        assertTrue(filled >= 0.95 * HW * HH, filled + " of " + HW * HH + " filled");
        assertTrue(rms <= 2.5 * GRAIN, "RMS " + rms);
        for (int i = 0; i < fill.length; i++) {
            assertTrue(Float.isNaN(fill[i]) || Float.isNaN(frame[i]), "only the holes are filled");
        }
    }

    @Test
    void aNeighbourWhosePictureChangedAroundTheHoleIsRefused() {
        Picture p = new Picture(2);
        float[] frame = holed(p.frame(0, 0, 21));
        float[] next = p.frame(5, 2, 22);
        // something bright moved in over the hole and its surroundings in the next frame
        for (int y = HY - 15; y < HY + HH + 15; y++) {
            for (int x = HX - 15; x < HX + HW + 15; x++) {
                next[y * W + x] = 0.95f;
            }
        }
        float[] fill = NeighbourFill.fill(W, H, frame, List.of(next));
        int filled = 0;
        for (float v : fill) {
            filled += Float.isFinite(v) ? 1 : 0;
        }
        assertTrue(filled == 0, filled + " pixels copied from a neighbour that shows something else there");
    }

    @Test
    void aNeighbourShowingAnotherMomentInsideTheHoleOnlyIsRefusedByTheWitness() {
        Picture p = new Picture(5);
        float[] truth = p.frame(0, 0, 0);
        float[] frame = holed(p.frame(0, 0, 51));
        float[] next = p.frame(5, 2, 52);
        // something dark passes inside the hole's place in the next frame, clear of the ring around it
        for (int y = HY - 2 + 7; y < HY - 2 + HH - 7; y++) {
            for (int x = HX - 5 + 7; x < HX - 5 + HW - 7; x++) {
                next[y * W + x] = 0.05f;
            }
        }
        float[] unchecked = NeighbourFill.fill(W, H, frame, List.of(next));
        assertTrue(wrong(unchecked, truth) > 80, "the ring alone lets the dark object in: the case tests nothing");

        float[] witness = p.frame(0, 0, 53); // another element's picture of this moment, its own grain
        float[] checked = NeighbourFill.fill(W, H, frame, List.of(next), witness);
        int filled = 0;
        for (float v : checked) {
            filled += Float.isFinite(v) ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "witness check: %d wrong pixels unchecked, %d checked; %d filled%n", wrong(unchecked, truth),
                wrong(checked, truth), filled);
        assertTrue(wrong(checked, truth) == 0, wrong(checked, truth) + " pixels of another moment copied despite the witness");
        assertTrue(filled >= 0.5 * HW * HH, "the neighbour's agreeing pixels are still taken: " + filled);
    }

    /** Pixels filled more than 5 grains from the picture. */
    private static int wrong(float[] fill, float[] truth) {
        int wrong = 0;
        for (int i = 0; i < fill.length; i++) {
            wrong += Float.isFinite(fill[i]) && Math.abs(fill[i] - truth[i]) > 5 * GRAIN ? 1 : 0;
        }
        return wrong;
    }

    private static float[] holed(float[] frame) {
        float[] out = frame.clone();
        float[] hole = hole();
        for (int i = 0; i < out.length; i++) {
            out[i] = hole[i] > 0 ? Float.NaN : out[i];
        }
        return out;
    }

    /** The hole as a map: 1 inside, 0 elsewhere. */
    static float[] hole() {
        float[] map = new float[W * H];
        for (int y = HY; y < HY + HH; y++) {
            for (int x = HX; x < HX + HW; x++) {
                map[y * W + x] = 1f;
            }
        }
        return map;
    }

    /** A picture of soft blobs and sharp-edged patches, seen through a camera at any offset, with fresh grain each frame. */
    static final class Picture {
        final double[][] blobs = new double[40][4];
        final double[][] patches = new double[12][5];

        Picture(long seed) {
            Random r = new Random(seed);
            for (double[] b : blobs) {
                b[0] = r.nextDouble() * 260 - 30;
                b[1] = r.nextDouble() * 210 - 30;
                b[2] = 4 + r.nextDouble() * 14;
                b[3] = r.nextDouble() * 0.5 - 0.25;
            }
            for (double[] q : patches) {
                q[0] = r.nextDouble() * 240 - 20;
                q[1] = r.nextDouble() * 190 - 20;
                q[2] = 10 + r.nextDouble() * 40;
                q[3] = 10 + r.nextDouble() * 30;
                q[4] = r.nextDouble() * 0.3 - 0.15;
            }
        }

        /** The picture with the camera moved by (dx, dy): what was at (x + dx, y + dy) is now at (x, y). */
        float[] frame(double dx, double dy, long grainSeed) {
            Random grain = new Random(grainSeed);
            float[] out = new float[W * H];
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    double v = 0.5;
                    double px = x + dx;
                    double py = y + dy;
                    for (double[] b : blobs) {
                        double d2 = ((px - b[0]) * (px - b[0]) + (py - b[1]) * (py - b[1])) / (b[2] * b[2]);
                        v += b[3] * Math.exp(-d2);
                    }
                    for (double[] q : patches) {
                        if (px >= q[0] && px < q[0] + q[2] && py >= q[1] && py < q[1] + q[3]) {
                            v += q[4];
                        }
                    }
                    out[y * W + x] = (float) Math.min(1, Math.max(0, v + (grainSeed == 0 ? 0 : GRAIN * grain.nextGaussian())));
                }
            }
            return out;
        }
    }
}
