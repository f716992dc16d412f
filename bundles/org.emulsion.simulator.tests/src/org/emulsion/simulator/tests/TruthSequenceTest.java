package org.emulsion.simulator.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.emulsion.core.image.Image;
import org.emulsion.simulator.Truth;
import org.junit.jupiter.api.Test;

class TruthSequenceTest {
    private static final Truth.Spec SPEC = new Truth.Spec(160, 96, 72, 3, 7);

    @Test
    void sameSpecSameFramesOtherSeedOtherFrames() {
        try (Truth a = Truth.create(SPEC); Truth b = Truth.create(SPEC);
                Truth c = Truth.create(new Truth.Spec(160, 96, 72, 3, 8))) {
            for (int i : new int[] {0, 30, 71}) {
                assertArrayEquals(a.frame(i).data(), b.frame(i).data(), "frame " + i);
                assertTrue(ScanFixtures.meanAbsDiff(a.frame(i), c.frame(i)) > 0.02, "another seed films another scene");
            }
            assertEquals(a.parameters(), b.parameters());
        }
    }

    @Test
    void shotsCutWhereTheySay() {
        try (Truth t = Truth.create(SPEC)) {
            List<Integer> starts = t.shotStarts();
            assertEquals(3, starts.size());
            assertEquals(0, starts.get(0));
            for (int i = 0; i < t.frameCount(); i++) {
                int shot = t.shotOf(i);
                assertTrue(starts.get(shot) <= i && (shot + 1 == starts.size() || i < starts.get(shot + 1)), "frame " + i);
            }
            // A cut changes the picture far more than any step within a shot.
            double within = 0;
            double cut = Double.MAX_VALUE;
            Image previous = t.frame(0);
            for (int i = 1; i < t.frameCount(); i++) {
                Image current = t.frame(i);
                double d = ScanFixtures.meanAbsDiff(previous, current);
                if (starts.contains(i)) {
                    cut = Math.min(cut, d);
                } else {
                    within = Math.max(within, d);
                }
                previous = current;
            }
            System.out.printf("truth: largest step within a shot %.4f, smallest cut %.4f%n", within, cut);
            assertTrue(cut > 2 * within, "cut " + cut + " vs within-shot " + within);
        }
    }
}
