package org.emulsion.quality.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emulsion.core.image.Image;
import org.emulsion.quality.TemporalStability;
import org.junit.jupiter.api.Test;

class TemporalStabilityTest {
    /**
     * |Δ(Cb, Cr)| per unit change of B alone, from the BT.601 definitions Y = 0.299 R + 0.587 G +
     * 0.114 B, Cb = 0.564 (B − Y), Cr = 0.713 (R − Y): ΔCb = 0.564 · 0.886, ΔCr = −0.713 · 0.114.
     */
    private static final double K = Math.hypot(0.564 * 0.886, 0.713 * 0.114);

    private static Image frame(double blue) {
        return TestImages.constant(8, 6, 0.5f, 0.5f, (float) blue);
    }

    @Test
    void knownChromaStepsGiveKnownChanges() {
        TemporalStability stability = new TemporalStability();
        for (int t = 0; t < 9; t++) {
            double truth = 0.3 + 0.02 * t; // truth B steps by 0.02 per frame
            double result = truth + (t % 2 == 1 ? 0.03 : 0); // result flickers by 0.03 on odd frames
            TemporalStability.Change change = stability.add(t, frame(result), frame(truth));
            if (t == 0) {
                assertNull(change);
            } else {
                assertEquals(0.02 * K, change.truthChange(), 2e-4);
                assertEquals((t % 2 == 1 ? 0.05 : 0.01) * K, change.resultChange(), 2e-4);
                assertEquals(0.03 * K, change.excess(), 2e-4);
                assertEquals(0.03 * K, change.globalExcess(), 2e-4);
            }
        }
        TemporalStability.Report report = stability.report();
        assertEquals(8, report.pairs());
        assertEquals(0.02 * K, report.truthChange(), 2e-4);
        assertEquals(0.03 * K, report.resultChange(), 2e-4);
        assertEquals(1.5, report.ratio(), 1e-3); // (0.05 + 0.01) / 2 / 0.02
        assertEquals(0.03 * K, report.excess(), 2e-4);
    }

    @Test
    void steadyResultMatchingTruthHasRatioOneAndNoExcess() {
        TemporalStability stability = new TemporalStability();
        for (int t = 0; t < 5; t++) {
            Image truth = frame(0.2 + 0.05 * t);
            stability.add(t, truth, truth);
        }
        TemporalStability.Report report = stability.report();
        assertEquals(4, report.pairs());
        assertEquals(1.0, report.ratio(), 1e-9);
        assertEquals(0, report.excess(), 1e-9);
        assertEquals(0.05 * K, report.truthChange(), 2e-4);
    }

    @Test
    void gapsInFrameIndicesFormNoPair() {
        TemporalStability stability = new TemporalStability();
        stability.add(0, frame(0.2), frame(0.2));
        assertNull(stability.add(2, frame(0.6), frame(0.2)));
        assertTrue(stability.add(3, frame(0.6), frame(0.2)) != null);
        assertEquals(1, stability.report().pairs());
        assertEquals(0, stability.report().resultChange(), 1e-9);
        assertTrue(Double.isNaN(stability.report().ratio())); // static truth: ratio undefined
    }
}
