package org.emulsion.quality.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;

import org.emulsion.quality.ToneCurve;
import org.junit.jupiter.api.Test;

/** Levels from matching quantiles: a faded print's lifted blacks and lost contrast found and undone in one straight line. */
class ToneCurveTest {

    @Test
    void levelsMapTheBlackAndWhitePointsAndContinueAlongTheLine() {
        // a picture's luma, and the same picture faded: lifted blacks (0.2), 0.6 of its contrast
        SplittableRandom random = new SplittableRandom(5);
        int n = 200_000;
        float[] faded = new float[n];
        float[] clean = new float[n];
        for (int i = 0; i < n; i++) {
            clean[i] = (float) (0.05 + 0.9 * random.nextDouble());
            faded[i] = (float) (0.2 + 0.6 * clean[i]);
        }
        ToneCurve levels = new ToneCurve.QuantileFit(ToneCurve.BLACK_AND_WHITE).add(faded, clean, null).fit().continued();
        for (double v : new double[] {0.05, 0.3, 0.5, 0.7, 0.95}) {
            assertEquals(v, levels.apply((float) (0.2 + 0.6 * v)), 2e-3, "faded " + (0.2 + 0.6 * v));
        }
        // beyond the fitted points the same line: the darkest and brightest pixels keep their differences (grain)
        assertEquals(0.0, levels.apply(0.2f), 3e-3);
        assertEquals(1.0, levels.apply(0.8f), 3e-3);
        float step = levels.apply(0.21f) - levels.apply(0.2f);
        assertEquals(0.01 / 0.6, step, 1e-3, "the slope below the black point is the line's");

        ToneCurve read = ToneCurve.fromJson(levels.toJson());
        for (float v = 0; v <= 1; v += 0.05f) {
            assertEquals(levels.apply(v), read.apply(v), 2e-4, "read back at " + v);
        }
        assertThrows(IllegalArgumentException.class, () -> new ToneCurve.QuantileFit(0.5));
    }
}
