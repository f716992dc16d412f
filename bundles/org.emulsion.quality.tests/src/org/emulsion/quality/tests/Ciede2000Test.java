package org.emulsion.quality.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emulsion.core.image.Image;
import org.emulsion.media.Colour;
import org.junit.jupiter.api.Test;

/**
 * {@link Colour#ciede2000} against the test data of Sharma, Wu and Dalal, "The CIEDE2000
 * colour-difference formula: implementation notes, supplementary test data, and mathematical
 * observations" (Color Res. Appl. 30, 2005), Table 1, and {@link Colour#deltaE2000} on images.
 */
class Ciede2000Test {
    /** L1, a1, b1, L2, a2, b2, ΔE00 for the 34 published pairs. */
    private static final double[][] SHARMA = {
            { 50.0000, 2.6772, -79.7751, 50.0000, 0.0000, -82.7485, 2.0425 },
            { 50.0000, 3.1571, -77.2803, 50.0000, 0.0000, -82.7485, 2.8615 },
            { 50.0000, 2.8361, -74.0200, 50.0000, 0.0000, -82.7485, 3.4412 },
            { 50.0000, -1.3802, -84.2814, 50.0000, 0.0000, -82.7485, 1.0000 },
            { 50.0000, -1.1848, -84.8006, 50.0000, 0.0000, -82.7485, 1.0000 },
            { 50.0000, -0.9009, -85.5211, 50.0000, 0.0000, -82.7485, 1.0000 },
            { 50.0000, 0.0000, 0.0000, 50.0000, -1.0000, 2.0000, 2.3669 },
            { 50.0000, -1.0000, 2.0000, 50.0000, 0.0000, 0.0000, 2.3669 },
            { 50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0009, 7.1792 },
            { 50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0010, 7.1792 },
            { 50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0011, 7.2195 },
            { 50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0012, 7.2195 },
            { 50.0000, -0.0010, 2.4900, 50.0000, 0.0009, -2.4900, 4.8045 },
            { 50.0000, -0.0010, 2.4900, 50.0000, 0.0010, -2.4900, 4.8045 },
            { 50.0000, -0.0010, 2.4900, 50.0000, 0.0011, -2.4900, 4.7461 },
            { 50.0000, 2.5000, 0.0000, 50.0000, 0.0000, -2.5000, 4.3065 },
            { 50.0000, 2.5000, 0.0000, 73.0000, 25.0000, -18.0000, 27.1492 },
            { 50.0000, 2.5000, 0.0000, 61.0000, -5.0000, 29.0000, 22.8977 },
            { 50.0000, 2.5000, 0.0000, 56.0000, -27.0000, -3.0000, 31.9030 },
            { 50.0000, 2.5000, 0.0000, 58.0000, 24.0000, 15.0000, 19.4535 },
            { 50.0000, 2.5000, 0.0000, 50.0000, 3.1736, 0.5854, 1.0000 },
            { 50.0000, 2.5000, 0.0000, 50.0000, 3.2972, 0.0000, 1.0000 },
            { 50.0000, 2.5000, 0.0000, 50.0000, 1.8634, 0.5757, 1.0000 },
            { 50.0000, 2.5000, 0.0000, 50.0000, 3.2592, 0.3350, 1.0000 },
            { 60.2574, -34.0099, 36.2677, 60.4626, -34.1751, 39.4387, 1.2644 },
            { 63.0109, -31.0961, -5.8663, 62.8187, -29.7946, -4.0864, 1.2630 },
            { 61.2901, 3.7196, -5.3901, 61.4292, 2.2480, -4.9620, 1.8731 },
            { 35.0831, -44.1164, 3.7933, 35.0232, -40.0716, 1.5901, 1.8645 },
            { 22.7233, 20.0904, -46.6940, 23.0331, 14.9730, -42.5619, 2.0373 },
            { 36.4612, 47.8580, 18.3852, 36.2715, 50.5065, 21.2231, 1.4146 },
            { 90.8027, -2.0831, 1.4410, 91.1528, -1.6435, 0.0447, 1.4441 },
            { 90.9257, -0.5406, -0.9208, 88.6381, -0.8985, -0.7239, 1.5381 },
            { 6.7747, -0.2908, -2.4247, 5.8714, -0.0985, -2.2286, 0.6377 },
            { 2.0776, 0.0795, -1.1350, 0.9033, -0.0636, -0.5514, 0.9082 }, };

    @Test
    void matchesSharmaWuDalalTestData() {
        for (int i = 0; i < SHARMA.length; i++) {
            double[] p = SHARMA[i];
            double de = Colour.ciede2000(p[0], p[1], p[2], p[3], p[4], p[5]);
            // The published values are rounded to 4 decimals.
            assertEquals(p[6], de, 0.5e-4 + 1e-9, "pair " + (i + 1));
        }
    }

    @Test
    void isSymmetric() {
        for (double[] p : SHARMA) {
            assertEquals(Colour.ciede2000(p[0], p[1], p[2], p[3], p[4], p[5]),
                    Colour.ciede2000(p[3], p[4], p[5], p[0], p[1], p[2]), 1e-9);
        }
    }

    @Test
    void imageDifferenceCountsOnlyMaskedFinitePixels() {
        Image a = TestImages.constant(4, 2, 0.5f, 0.4f, 0.3f);
        Image b = a.copy();
        for (int x = 0; x < 2; x++) { // left half differs
            for (int y = 0; y < 2; y++) {
                b.set(x, y, 0, 0.7f);
            }
        }
        // One invalid pixel on the right. OpenCV's Lab conversion alone would make it a finite
        // (green) colour, so deltaE2000 must test the RGB samples.
        b.set(3, 1, 1, Float.NaN);
        Colour.Stats all = Colour.deltaE2000(a, b, null);
        assertEquals(7, all.pixels());
        assertTrue(all.mean() > 1);
        Image right = TestImages.mask(4, 2, (x, y) -> x >= 2);
        Colour.Stats masked = Colour.deltaE2000(a, b, right);
        assertEquals(3, masked.pixels());
        assertEquals(0, masked.mean(), 1e-6);
        assertEquals(0, masked.p95(), 1e-6);
    }
}
