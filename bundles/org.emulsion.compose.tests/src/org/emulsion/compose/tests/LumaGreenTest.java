package org.emulsion.compose.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.emulsion.compose.Luma;
import org.junit.jupiter.api.Test;

/** The green code the luma lock jumps to is the one stepping green code by code reaches. */
class LumaGreenTest {
    private static final int MAX = 65535;

    @Test
    void greenGivesTheTargetYAndIsWhereSteppingGreenStops() {
        Random random = new Random(5);
        for (int n = 0; n < 200_000; n++) {
            int r = random.nextInt(MAX + 1);
            int g = random.nextInt(MAX + 1);
            int b = random.nextInt(MAX + 1);
            int y = Luma.of(r, g, b);
            int target = Math.max(0, Math.min(MAX, y + random.nextInt(7) - 3)); // the rounding's few codes, and more
            if (target == y) {
                continue;
            }
            boolean up = target > y;
            int jumped = Luma.green(r, b, target, up);
            int stepped = g;
            while (stepped >= 0 && stepped <= MAX && Luma.of(r, stepped, b) != target) {
                stepped += up ? 1 : -1;
            }
            if (stepped < 0 || stepped > MAX) {
                // green cannot reach it: the jump says so by leaving the code range
                assertEquals(true, jumped < 0 || jumped > MAX, r + " " + g + " " + b + " -> " + target + ": " + jumped);
            } else {
                assertEquals(stepped, jumped, r + " " + g + " " + b + " -> " + target);
            }
        }
    }
}
