package org.emulsion.engine.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.emulsion.core.image.Image;
import org.emulsion.engine.Augmentation;
import org.emulsion.engine.TrainingPair;
import org.emulsion.engine.internal.PatchSampler;
import org.junit.jupiter.api.Test;

/** Crops and their augmentation: input, target and mask stay registered; exposure never changes colour. */
class PatchSamplerTest {

    /** Input Y'CbCr with detail everywhere; the target is the input's own CbCr; a masked strip. */
    private static TrainingPair pair(int w, int h) {
        Image in = Image.blank(w, h, 3);
        Image target = Image.blank(w, h, 2);
        Image mask = Image.blank(w, h, 1);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float yy = 0.2f + 0.6f * ((x * 7 + y * 3) % 17) / 16f;
                float cb = 0.5f + 0.2f * (float) Math.sin(x * 0.3 + y * 0.1);
                float cr = 0.5f + 0.2f * (float) Math.cos(x * 0.2 - y * 0.4);
                in.set(x, y, 0, yy);
                in.set(x, y, 1, cb);
                in.set(x, y, 2, cr);
                target.set(x, y, 0, cb);
                target.set(x, y, 1, cr);
                mask.set(x, y, 0, x >= 10 ? 1 : 0);
            }
        }
        return new TrainingPair("detail", in, target, mask);
    }

    @Test
    void inputTargetAndMaskStayRegisteredUnderEveryAugmentation() {
        PatchSampler sampler = new PatchSampler(List.of(pair(80, 70)), 24, Augmentation.DEFAULT);
        PatchSampler.Batch b = sampler.batch(16, new SplittableRandom(3));
        int area = 24 * 24;
        for (int i = 0; i < b.n; i++) {
            for (int k = 0; k < 2; k++) {
                float[] fromInput = java.util.Arrays.copyOfRange(b.input, (i * 3 + 1 + k) * area, (i * 3 + 2 + k) * area);
                float[] target = java.util.Arrays.copyOfRange(b.target, (i * 2 + k) * area, (i * 2 + k + 1) * area);
                assertArrayEquals(fromInput, target, 1e-6f, "target plane " + k + " of crop " + i + " follows the input's");
            }
        }
    }

    /**
     * Guide channels after Y, Cb, Cr (here a constant, as a position would be over a small area)
     * are not colour: exposure leaves them alone, while Cb and Cr still follow the target.
     */
    @Test
    void exposureLeavesGuideChannelsAlone() {
        TrainingPair plain = pair(80, 70);
        Image in = Image.blank(80, 70, 5);
        for (int i = 0; i < 80 * 70; i++) {
            System.arraycopy(plain.input().data(), 3 * i, in.data(), 5 * i, 3);
            in.data()[5 * i + 3] = 0.25f;
            in.data()[5 * i + 4] = 0.75f;
        }
        PatchSampler sampler = new PatchSampler(List.of(new TrainingPair("guided", in, plain.target(), plain.mask())), 24,
                new Augmentation(0, false, false, 0.3));
        PatchSampler.Batch b = sampler.batch(8, new SplittableRandom(5));
        int area = 24 * 24;
        for (int i = 0; i < b.n; i++) {
            for (int p = 0; p < area; p++) {
                assertEquals(0.25f, b.input[(i * 5 + 3) * area + p], 0f);
                assertEquals(0.75f, b.input[(i * 5 + 4) * area + p], 0f);
                for (int k = 0; k < 2; k++) {
                    assertEquals(b.target[(i * 2 + k) * area + p], b.input[(i * 5 + 1 + k) * area + p], 1e-6f, "Cb/Cr under exposure");
                }
            }
        }
    }

    @Test
    void sameGeneratorSameBatch() {
        PatchSampler sampler = new PatchSampler(List.of(pair(80, 70)), 24, Augmentation.DEFAULT);
        PatchSampler.Batch a = sampler.batch(8, new SplittableRandom(11));
        PatchSampler.Batch b = sampler.batch(8, new SplittableRandom(11));
        assertArrayEquals(a.input, b.input, 0f);
        assertArrayEquals(a.mask, b.mask, 0f);
    }

    @Test
    void plainCropsAreExactCopies() {
        TrainingPair p = pair(40, 40);
        PatchSampler.Batch b = PatchSampler.fixedCrops(List.of(p), 40, 1);
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 40; x++) {
                assertEquals(p.input().get(x, y, 0), b.input[y * 40 + x], 0f);
                assertEquals(p.mask().get(x, y, 0), b.mask[y * 40 + x], 0f);
            }
        }
    }

    @Test
    void exposureScalesBrightnessNotColour() {
        // A flat colour: any augmentation leaves one value per plane, scaled by the exposure gain.
        Image in = Image.blank(64, 64, 3);
        Image target = Image.blank(64, 64, 2);
        Image mask = Image.blank(64, 64, 1);
        for (int i = 0; i < 64 * 64; i++) {
            in.data()[3 * i] = 0.4f;
            in.data()[3 * i + 1] = 0.6f;
            in.data()[3 * i + 2] = 0.45f;
            target.data()[2 * i] = 0.58f;
            target.data()[2 * i + 1] = 0.47f;
            mask.data()[i] = 1;
        }
        PatchSampler sampler = new PatchSampler(List.of(new TrainingPair("flat", in, target, mask)), 16, Augmentation.DEFAULT);
        PatchSampler.Batch b = sampler.batch(32, new SplittableRandom(5));
        int area = 16 * 16;
        double lowest = 2;
        double highest = 0;
        for (int i = 0; i < b.n; i++) {
            float y = b.input[i * 3 * area];
            float cb = b.input[(i * 3 + 1) * area];
            float cr = b.input[(i * 3 + 2) * area];
            double gain = y / 0.4;
            lowest = Math.min(lowest, gain);
            highest = Math.max(highest, gain);
            assertTrue(gain >= 0.9 - 1e-6 && gain <= 1.1 + 1e-6, "gain " + gain);
            // chroma's distance from neutral scales with luma: hue and saturation are kept
            assertEquals(0.1 * gain, cb - 0.5, 1e-5);
            assertEquals(-0.05 * gain, cr - 0.5, 1e-5);
            assertEquals(0.08 * gain, b.target[i * 2 * area] - 0.5, 1e-5);
            assertEquals(-0.03 * gain, b.target[(i * 2 + 1) * area] - 0.5, 1e-5);
            assertEquals(1f, b.mask[i * area], 0f);
        }
        assertTrue(highest - lowest > 0.1, "exposure varies: gains " + lowest + ".." + highest);
    }
}
