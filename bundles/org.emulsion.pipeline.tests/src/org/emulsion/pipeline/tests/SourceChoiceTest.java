package org.emulsion.pipeline.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.emulsion.core.image.Image;
import org.emulsion.pipeline.Evidence;
import org.emulsion.pipeline.internal.targets.MultiPrintRestoration;
import org.junit.jupiter.api.Test;

/**
 * Where the master is damaged and two other prints are intact, the composite takes the one that
 * shows the master more faithfully — here the print of the master's generation rather than a later
 * one (the picture printed once more: softer, with grain of its own) — whichever order the prints
 * are given in.
 */
class SourceChoiceTest {
    private static final int W = NeighbourFillTest.W;
    private static final int H = NeighbourFillTest.H;

    @Test
    void whereTheMasterIsDamagedTheSharperOfTwoIntactPrintsIsTaken() {
        NeighbourFillTest.Picture picture = new NeighbourFillTest.Picture(3);
        Image master = grey(picture.frame(0, 0, 31));
        Image sharp = grey(picture.frame(0, 0, 32));
        float[] clean = picture.frame(0, 0, 0);
        float[] soft = softened(clean);
        float[] grained = picture.frame(0, 0, 33);
        for (int i = 0; i < soft.length; i++) {
            soft[i] += grained[i] - clean[i]; // the later generation's own grain
        }
        Image later = grey(soft);
        float[] blotch = new float[W * H];
        for (int y = 40; y < 110; y++) {
            for (int x = 50; x < 150; x++) {
                blotch[y * W + x] = 1;
            }
        }
        Image damage = new Image(W, H, 1, blotch);
        Image intact = Image.blank(W, H, 1);
        MultiPrintRestoration target = new MultiPrintRestoration();
        for (boolean sharpFirst : new boolean[] {true, false}) {
            List<Image> prints = sharpFirst ? List.of(sharp, later) : List.of(later, sharp);
            int[] sources = target.plannedSources(new Evidence(0, "frame", master, prints, damage, List.of(intact, intact)));
            int expected = sharpFirst ? 1 : 2;
            int[] taken = new int[256];
            int damaged = 0;
            for (int i = 0; i < blotch.length; i++) {
                if (blotch[i] > 0) {
                    damaged++;
                    taken[sources[i]]++;
                }
            }
            assertEquals(damaged, taken[expected], "pixels of the master's damage taken from the sharper print, given "
                    + (sharpFirst ? "first" : "second") + " (from the master, the first, the second given, inferred: " + taken[0] + ", "
                    + taken[1] + ", " + taken[2] + ", " + taken[255] + ")");
        }
    }

    /** {@code y} as an RGB image with R = G = B = y. */
    private static Image grey(float[] y) {
        float[] rgb = new float[3 * y.length];
        for (int i = 0; i < y.length; i++) {
            rgb[3 * i] = y[i];
            rgb[3 * i + 1] = y[i];
            rgb[3 * i + 2] = y[i];
        }
        return new Image(W, H, 3, rgb);
    }

    /** {@code y} printed once more: each pixel the mean of its 3×3 neighbourhood. */
    private static float[] softened(float[] y) {
        float[] out = new float[y.length];
        for (int py = 0; py < H; py++) {
            for (int px = 0; px < W; px++) {
                double sum = 0;
                int n = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int x = px + dx;
                        int yy = py + dy;
                        if (x >= 0 && x < W && yy >= 0 && yy < H) {
                            sum += y[yy * W + x];
                            n++;
                        }
                    }
                }
                out[py * W + px] = (float) (sum / n);
            }
        }
        return out;
    }
}
