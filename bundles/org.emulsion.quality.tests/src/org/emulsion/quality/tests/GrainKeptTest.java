package org.emulsion.quality.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emulsion.core.image.Image;
import org.emulsion.quality.GrainKept;
import org.emulsion.quality.Masks;
import org.junit.jupiter.api.Test;

class GrainKeptTest {
    private static final int W = 96;
    private static final int H = 80;

    /** A smooth colour ramp plus grey grain {@code grain}. */
    private static Image grainy(float[] grain, float gain, float shift) {
        Image img = Image.blank(W, H, 3);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                float g = grain[y * W + x];
                img.set(x, y, 0, gain * (0.3f + 0.4f * x / W + g) + shift);
                img.set(x, y, 1, gain * (0.5f + 0.2f * y / H + g));
                img.set(x, y, 2, gain * (0.4f + g));
            }
        }
        return img;
    }

    @Test
    void identicalGrainIsKept() {
        float[] grain = TestImages.noise(W * H, 0.03, 11);
        Image scan = grainy(grain, 1f, 0f);
        assertEquals(1.0, GrainKept.of(scan, scan.copy(), null), 1e-9);
        // A colour correction (gain and a red shift) keeps the grain.
        assertTrue(GrainKept.of(grainy(grain, 0.8f, 0.05f), scan, null) > 0.99);
    }

    @Test
    void independentNoiseIsNotGrainKept() {
        Image scan = grainy(TestImages.noise(W * H, 0.03, 12), 1f, 0f);
        Image result = grainy(TestImages.noise(W * H, 0.03, 13), 1f, 0f);
        assertEquals(0, GrainKept.of(result, scan, null), 0.05);
        Image smoothed = grainy(new float[W * H], 1f, 0f);
        assertEquals(0, GrainKept.of(smoothed, scan, null), 0.05);
    }

    @Test
    void maskSelectsWhereGrainIsCompared() {
        float[] grain = TestImages.noise(W * H, 0.03, 14);
        float[] other = TestImages.noise(W * H, 0.03, 15);
        float[] mixed = grain.clone();
        for (int y = 0; y < H; y++) {
            System.arraycopy(other, y * W, mixed, y * W, W / 2); // left half: new noise ("damage")
        }
        Image scan = grainy(grain, 1f, 0f);
        Image result = grainy(mixed, 1f, 0f);
        Image damage = TestImages.mask(W, H, (x, y) -> x < W / 2 + 8); // damage plus the blur's reach
        assertTrue(GrainKept.of(result, scan, Masks.invert(damage)) > 0.99);
        assertTrue(GrainKept.of(result, scan, null) < 0.7);
    }
}
