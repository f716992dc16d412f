package org.emulsion.quality.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emulsion.core.image.Image;
import org.emulsion.media.Colour;
import org.emulsion.quality.ChromaFlicker;
import org.emulsion.quality.Planes;
import org.junit.jupiter.api.Test;

class ChromaFlickerTest {
    /** |Δ(Cb, Cr)| per unit change of B alone (see {@link TemporalStabilityTest}). */
    private static final double K = Math.hypot(0.564 * 0.886, 0.713 * 0.114);

    @Test
    void chromaChangeOnAStillPictureIsFlicker() {
        Image picture = TestImages.constant(40, 30, 0.4f, 0.5f, 0.3f);
        Image still = ChromaFlicker.stillMask(picture, picture);
        ChromaFlicker.Pair pair = ChromaFlicker.between(Planes.chroma(TestImages.constant(40, 30, 0.5f, 0.5f, 0.30f)),
                Planes.chroma(TestImages.constant(40, 30, 0.5f, 0.5f, 0.33f)), still);
        assertEquals(1.0, pair.stillShare(), 1e-9);
        assertEquals(0.03 * K, pair.flicker(), 2e-4);
        ChromaFlicker steady = new ChromaFlicker();
        steady.add(ChromaFlicker.between(Planes.chroma(picture), Planes.chroma(picture), still));
        assertEquals(0, steady.mean(), 1e-9);
    }

    /** Where the picture moves (its luma changes) chroma may change: only the still half is scored. */
    @Test
    void onlyStillPixelsCount() {
        Image before = TestImages.constant(40, 30, 0.4f, 0.4f, 0.4f);
        Image after = before.copy();
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 20; x++) {
                for (int c = 0; c < 3; c++) {
                    after.set(x, y, c, 0.8f); // the left half brightens: something moved there
                }
            }
        }
        Image still = ChromaFlicker.stillMask(before, after);
        ChromaFlicker.Pair pair = ChromaFlicker.between(Planes.chroma(before), Planes.chroma(recolourLeft(before)), still);
        assertTrue(pair.stillShare() > 0.3 && pair.stillShare() < 0.5, "the right half less the blur's reach: " + pair.stillShare());
        assertEquals(0, pair.flicker(), 1e-9, "the recoloured left half moved, so its chroma change is no flicker");
    }

    @Test
    void chromaDeltaE2000IgnoresLightness() {
        Image dark = TestImages.constant(4, 4, 0.2f, 0.2f, 0.2f);
        Image light = TestImages.constant(4, 4, 0.7f, 0.7f, 0.7f);
        assertEquals(0, Colour.stats(Colour.deltaE2000Map(dark, light, true), null).mean(), 0.2, "greys differ in L* only (OpenCV's grey is a few hundredths off a* = b* = 0)");
        assertTrue(Colour.deltaE2000(dark, light, null).mean() > 30);
        Image red = TestImages.constant(4, 4, 0.7f, 0.2f, 0.2f);
        double full = Colour.deltaE2000(red, light, null).mean();
        double chroma = Colour.stats(Colour.deltaE2000Map(red, light, true), null).mean();
        assertTrue(chroma > 10 && chroma < full, chroma + " vs " + full);
    }

    private static Image recolourLeft(Image image) {
        Image out = image.copy();
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width() / 2; x++) {
                out.set(x, y, 2, 0.7f);
            }
        }
        return out;
    }
}
