package org.emulsion.simulator.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.emulsion.core.image.Image;
import org.emulsion.simulator.ScanFrame;
import org.emulsion.simulator.ScanParameters;
import org.emulsion.simulator.ScanParameters.Degradation;
import org.emulsion.simulator.ScanSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Dust, scratches, vinegar syndrome and nitrate decay: where they go, how they live over frames. */
class ScanDamageTest {
    /** Everything that is not damage, so that the mask is tested through fading, grain, flicker and weave. */
    private static final ScanParameters UNDAMAGED = ScanFixtures.busy()
            .only(Degradation.FADE, Degradation.GRAIN, Degradation.WEAVE, Degradation.FLICKER);

    @ParameterizedTest
    @EnumSource(value = Degradation.class, names = {"DUST", "SCRATCHES", "VINEGAR", "NITRATE"})
    void damageIsInsideTheMaskAndNothingElseChanges(Degradation kind) {
        ScanSimulator clean = new ScanSimulator(UNDAMAGED);
        ScanSimulator damaged = new ScanSimulator(UNDAMAGED.with(kind, true));
        int frames = 0;
        long marked = 0;
        long changed = 0;
        for (int f = 0; f < 120 && frames < 3; f += 5) {
            Image truth = ScanFixtures.truth(f);
            ScanFrame a = clean.render(truth, f, 0);
            ScanFrame b = damaged.render(truth, f, 0);
            assertEquals(0, ScanFixtures.count(a.damageMask()));
            if (ScanFixtures.count(b.damageMask()) == 0) {
                continue;
            }
            float[] x = a.scan().data();
            float[] y = b.scan().data();
            float[] mask = b.damageMask().data();
            for (int i = 0; i < mask.length; i++) {
                boolean differs = x[3 * i] != y[3 * i] || x[3 * i + 1] != y[3 * i + 1] || x[3 * i + 2] != y[3 * i + 2];
                if (mask[i] == 0) {
                    assertTrue(!differs, kind + " changed pixel " + i + " of frame " + f + " outside its mask");
                } else {
                    assertEquals(1f, mask[i]);
                    marked++;
                    changed += differs ? 1 : 0;
                }
            }
            frames++;
        }
        System.out.printf("%s: %d damaged frames checked, %d masked pixels, %.1f %% of them changed, none outside%n", kind, frames,
                marked, 100.0 * changed / Math.max(1, marked));
        assertEquals(3, frames, kind + " should show within 120 frames");
        assertTrue(changed > 0.8 * marked, "the mask marks damage, not its surroundings");
    }

    @Test
    void dustIsNewEveryFrame() {
        ScanSimulator sim = new ScanSimulator(ScanFixtures.busy().only(Degradation.DUST));
        Image truth = ScanFixtures.truth(0);
        Image previous = sim.render(truth, 0, 0).damageMask();
        double worst = 0;
        for (int f = 1; f < 6; f++) {
            Image mask = sim.render(truth, f, 0).damageMask();
            assertTrue(ScanFixtures.count(mask) > 0, "specks on frame " + f);
            worst = Math.max(worst, ScanFixtures.iou(previous, mask));
            previous = mask;
        }
        System.out.printf("dust: largest mask overlap (IoU) between consecutive frames %.3f%n", worst);
        assertTrue(worst < 0.1);
    }

    @Test
    void scratchesPersistAndWander() {
        ScanSimulator sim = new ScanSimulator(ScanFixtures.busy().only(Degradation.SCRATCHES));
        Image truth = ScanFixtures.truth(0);
        boolean[] previous = null;
        int kept = 0;
        int total = 0;
        int moved = 0;
        for (int f = 20; f < 40; f++) {
            boolean[] columns = scratchColumns(sim.render(truth, f, 0).damageMask());
            if (previous != null) {
                for (int x = 0; x < columns.length; x++) {
                    if (previous[x]) {
                        total++;
                        kept += near(columns, x, 2) ? 1 : 0;
                    }
                }
                moved += Arrays.equals(previous, columns) ? 0 : 1;
            }
            previous = columns;
        }
        System.out.printf("scratches: %.1f %% of scratched columns still scratched (within 2 px) the next frame; %d of 19 frame steps moved%n",
                100.0 * kept / total, moved);
        assertTrue(total > 0);
        assertTrue(kept > 0.85 * total, "scratches persist over frames");
        assertTrue(moved > 0, "and wander");
    }

    @Test
    void vinegarBlotchesPersist() {
        ScanSimulator sim = new ScanSimulator(ScanFixtures.busy().only(Degradation.VINEGAR));
        Image truth = ScanFixtures.truth(0);
        Image previous = sim.render(truth, 40, 0).damageMask();
        double kept = 0;
        double iou = 0;
        int pairs = 0;
        for (int f = 41; f < 61; f++) {
            Image mask = sim.render(truth, f, 0).damageMask();
            if (ScanFixtures.count(previous) > 0) { // blotches only end after 48 frames: what was damaged stays damaged
                kept += ScanFixtures.contained(previous, mask);
                iou += ScanFixtures.iou(previous, mask);
                pairs++;
            }
            previous = mask;
        }
        System.out.printf("vinegar: %d masked pixels at frame 60; over %d frame steps %.1f %% of a mask is in the next, mean IoU %.3f%n",
                ScanFixtures.count(previous), pairs, 100 * kept / pairs, iou / pairs);
        assertTrue(pairs >= 10 && ScanFixtures.count(previous) > 100);
        assertTrue(kept / pairs > 0.9, "blotches persist");
        assertTrue(iou / pairs < 1, "with a slowly changing outline");
    }

    @Test
    void nitrateDecayGrows() {
        ScanParameters p = ScanFixtures.busy().only(Degradation.NITRATE);
        ScanSimulator sim = new ScanSimulator(p);
        Image truth = ScanFixtures.truth(0);
        int first = 0;
        while (ScanFixtures.count(sim.render(truth, first, 0).damageMask()) == 0) {
            first++;
            assertTrue(first < 60, "no nitrate decay in 60 frames");
        }
        // Until the first decay can end, areas only grow (new ones only add).
        int area = 0;
        int start = ScanFixtures.count(sim.render(truth, first, 0).damageMask());
        for (int f = first; f < first + p.nitrate().minFrames(); f += 4) {
            int now = ScanFixtures.count(sim.render(truth, f, 0).damageMask());
            assertTrue(now >= area, "decay shrank at frame " + f);
            area = now;
        }
        System.out.printf("nitrate: decay appears at frame %d with %d px, %d px %d frames later%n", first, start, area,
                p.nitrate().minFrames() - 4);
        assertTrue(area > 1.5 * start);
    }

    /** Columns at least a quarter covered by the mask. */
    private static boolean[] scratchColumns(Image mask) {
        boolean[] out = new boolean[mask.width()];
        for (int x = 0; x < mask.width(); x++) {
            int n = 0;
            for (int y = 0; y < mask.height(); y++) {
                n += mask.get(x, y, 0) > 0 ? 1 : 0;
            }
            out[x] = n > mask.height() / 4;
        }
        return out;
    }

    private static boolean near(boolean[] columns, int x, int reach) {
        for (int k = Math.max(0, x - reach); k <= Math.min(columns.length - 1, x + reach); k++) {
            if (columns[k]) {
                return true;
            }
        }
        return false;
    }
}
