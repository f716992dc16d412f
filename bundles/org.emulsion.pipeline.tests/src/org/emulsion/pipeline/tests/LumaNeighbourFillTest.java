package org.emulsion.pipeline.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;

import org.emulsion.core.image.Image;
import org.emulsion.pipeline.Evidence;
import org.emulsion.pipeline.internal.targets.LumaRestoration;
import org.emulsion.pipeline.tests.NeighbourFillTest.Picture;
import org.junit.jupiter.api.Test;

/**
 * The luma target's first fill of a damaged scan frame: what its neighbouring scan frames show of
 * the damage, read through each frame's own damage map. On a panning picture with grain the hole
 * is the picture within the grain; a blotch the next frame's map marks is never copied, and its
 * place comes from the frame before instead.
 */
class LumaNeighbourFillTest {
    private static final int W = NeighbourFillTest.W;
    private static final int H = NeighbourFillTest.H;

    @Test
    void theDamageTakesWhatTheNeighbouringScanFramesShowIntactAndNeverTheirOwnDamage() {
        Picture p = new Picture(3);
        float[] truth = p.frame(0, 0, 0);
        float[] next = p.frame(5, 2, 33); // the camera pans 5 px across and 2 down a frame
        Image nextDamage = Image.blank(W, H, 1);
        // the next frame's own blotch covers the left half of where it shows the hole
        for (int y = NeighbourFillTest.HY - 2 - 6; y < NeighbourFillTest.HY - 2 + NeighbourFillTest.HH + 6; y++) {
            for (int x = NeighbourFillTest.HX - 5 - 6; x < NeighbourFillTest.HX - 5 + NeighbourFillTest.HW / 2; x++) {
                next[y * W + x] = 0.97f;
                nextDamage.data()[y * W + x] = 1f;
            }
        }
        float[] scan = p.frame(0, 0, 31);
        float[] holes = hole().data();
        for (int i = 0; i < scan.length; i++) {
            scan[i] = holes[i] > 0 ? 0.03f : scan[i]; // the emulsion let go
        }
        Evidence frame = evidence(0, scan, hole())
                .withNeighbours(evidence(-1, p.frame(-5, -2, 32), null), evidence(1, next, nextDamage));

        float[] fill = LumaRestoration.fromNeighbours(frame, p.frame(0, 0, 34)); // the print's picture of this moment, its own grain

        int filled = 0;
        double error = 0;
        for (int y = NeighbourFillTest.HY; y < NeighbourFillTest.HY + NeighbourFillTest.HH; y++) {
            for (int x = NeighbourFillTest.HX; x < NeighbourFillTest.HX + NeighbourFillTest.HW; x++) {
                int i = y * W + x;
                if (Float.isFinite(fill[i])) {
                    filled++;
                    error += (fill[i] - truth[i]) * (fill[i] - truth[i]);
                }
            }
        }
        double rms = Math.sqrt(error / Math.max(1, filled));
        int area = NeighbourFillTest.HW * NeighbourFillTest.HH;
        System.out.printf(Locale.ROOT, "luma neighbour fill: %d of %d hole pixels, RMS %.4f from the picture (grain %.3f)%n", filled, area,
                rms, NeighbourFillTest.GRAIN);
        assertTrue(filled >= 0.95 * area, filled + " of " + area + " filled");
        assertTrue(rms <= 2.5 * NeighbourFillTest.GRAIN, "RMS " + rms + ": a neighbour's blotch copied, or the motion not followed");
        for (int i = 0; i < fill.length; i++) {
            assertTrue(Float.isNaN(fill[i]) || holes[i] > 0, "only the damage is filled");
        }
    }

    @Test
    void aFrameWithoutNeighboursTakesNothingFromThem() {
        Picture p = new Picture(4);
        float[] fill = LumaRestoration.fromNeighbours(evidence(0, p.frame(0, 0, 41), hole()), p.frame(0, 0, 42));
        for (float v : fill) {
            assertTrue(Float.isNaN(v), "a fill without neighbours");
        }
    }

    /** The test's hole as a damage map. */
    private static Image hole() {
        return new Image(W, H, 1, NeighbourFillTest.hole());
    }

    /** A grey scan frame of {@code luma} (R = G = B, so its Y is the picture) with its damage map. */
    private static Evidence evidence(int index, float[] luma, Image damage) {
        return new Evidence(index, "f" + index, Image.ofPlanes(W, H, luma, luma, luma), List.of(), damage);
    }
}
