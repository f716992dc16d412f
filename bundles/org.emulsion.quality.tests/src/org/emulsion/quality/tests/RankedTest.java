package org.emulsion.quality.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;

import org.emulsion.quality.Planes;
import org.junit.jupiter.api.Test;

/** {@link Planes#ranked} picks what sorting the finite values would put at that rank, whatever their order and repeats. */
class RankedTest {
    private static final int[][] RANKS = {{1, 2}, {1, 10}, {0, 1}, {99, 100}, {1, 1}};

    @Test
    void selectionGivesTheSortedRankOfTheFiniteValues() {
        Random random = new Random(4);
        for (int n : new int[] {1, 2, 3, 10, 101, 10_000}) {
            for (String kind : new String[] {"random", "ascending", "descending", "few values", "with NaN"}) {
                float[] plane = new float[n];
                for (int i = 0; i < n; i++) {
                    plane[i] = switch (kind) {
                        case "ascending" -> i;
                        case "descending" -> -i;
                        case "few values" -> random.nextInt(3);
                        case "with NaN" -> random.nextInt(4) == 0 ? Float.NaN : (float) random.nextGaussian();
                        default -> (float) random.nextGaussian();
                    };
                }
                float[] finite = sortedFinite(plane);
                for (int[] rank : RANKS) {
                    float expected = finite.length == 0 ? 0 : finite[(int) Math.min(finite.length - 1, (long) finite.length * rank[0] / rank[1])];
                    float[] copy = plane.clone();
                    assertEquals(expected, Planes.ranked(copy, rank[0], rank[1]), 0f, kind + ", n " + n + ", " + rank[0] + "/" + rank[1]);
                    assertEquals(Arrays.toString(plane), Arrays.toString(copy), "the plane is left as it was");
                }
            }
        }
        assertEquals(0f, Planes.ranked(new float[] {Float.NaN, Float.NaN}, 1, 2), 0f, "no finite value");
    }

    private static float[] sortedFinite(float[] plane) {
        float[] finite = new float[plane.length];
        int n = 0;
        for (float v : plane) {
            if (Float.isFinite(v)) {
                finite[n++] = v;
            }
        }
        float[] out = Arrays.copyOf(finite, n);
        Arrays.sort(out);
        return out;
    }
}
