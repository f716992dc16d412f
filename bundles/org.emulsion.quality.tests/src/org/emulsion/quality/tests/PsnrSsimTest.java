package org.emulsion.quality.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emulsion.core.image.Image;
import org.emulsion.quality.Psnr;
import org.emulsion.quality.Ssim;
import org.junit.jupiter.api.Test;

class PsnrSsimTest {
    @Test
    void identicalImagesHaveInfinitePsnrAndSsimOne() {
        Image a = TestImages.random(16, 12, 1, 1);
        assertEquals(Double.POSITIVE_INFINITY, Psnr.of(a, a.copy(), null));
        assertEquals(0, Psnr.error(a, a.copy(), null).mse());
        assertEquals(1.0, Ssim.of(a, a.copy(), null), 1e-9);
    }

    @Test
    void constantOffsetGivesKnownPsnr() {
        Image a = TestImages.random(16, 12, 1, 2);
        // MSE = 0.1² = 0.01 -> PSNR = 10 log10(1 / 0.01) = 20 dB (float samples: ~1e-6 relative).
        assertEquals(20.0, Psnr.of(a, TestImages.plus(a, 0.1f), null), 1e-4);
        // MSE = 0.05² -> 26.0206 dB
        assertEquals(26.0206, Psnr.of(a, TestImages.plus(a, -0.05f), null), 1e-4);
    }

    @Test
    void lumaPsnrOfAGreyOffsetIsTheOffsetsPsnr() {
        Image rgb = TestImages.random(16, 12, 3, 3);
        // BT.601 weights sum to 1, so adding 0.1 to R, G and B adds 0.1 to Y.
        assertEquals(20.0, Psnr.luma(rgb, TestImages.plus(rgb, 0.1f), null), 1e-3);
    }

    @Test
    void ssimOfConstantImagesIsTheLuminanceTerm() {
        Image a = TestImages.constant(9, 9, 0.5f);
        Image b = TestImages.constant(9, 9, 0.6f);
        // Zero variances: SSIM = (2·0.5·0.6 + C1) / (0.25 + 0.36 + C1) with C1 = 1e-4.
        double expected = (2 * 0.5 * 0.6 + 1e-4) / (0.25 + 0.36 + 1e-4);
        assertEquals(0.983609, expected, 1e-6);
        assertEquals(expected, Ssim.of(a, b, null), 1e-6);
    }

    @Test
    void ssimMatchesADirectComputation() {
        Image a = TestImages.random(8, 7, 1, 4);
        Image b = TestImages.random(8, 7, 1, 5);
        float[] x = a.data();
        float[] y = b.data();
        for (int i = 0; i < x.length; i++) { // correlated, so that the structure term matters
            y[i] = 0.6f * x[i] + 0.4f * y[i];
        }
        double[] direct = directSsim(a, b);
        Image map = Ssim.map(a, b);
        double mean = 0;
        for (int i = 0; i < direct.length; i++) {
            assertEquals(direct[i], map.data()[i], 1e-5, "pixel " + i);
            mean += direct[i];
        }
        assertEquals(mean / direct.length, Ssim.of(a, b, null), 1e-5);
        assertTrue(mean / direct.length > 0.2 && mean / direct.length < 0.99);
    }

    @Test
    void maskedMetricsCountOnlyMaskedPixels() {
        int w = 24;
        int h = 10;
        Image a = TestImages.random(w, h, 1, 6);
        Image b = a.copy();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < 8; x++) { // left third differs by 0.2
                b.set(x, y, 0, a.get(x, y, 0) + 0.2f);
            }
        }
        Image left = TestImages.mask(w, h, (x, y) -> x < 8);
        Image farRight = TestImages.mask(w, h, (x, y) -> x >= 14); // beyond the 11x11 window's reach
        Psnr.Error inside = Psnr.error(a, b, left);
        assertEquals(8 * h, inside.pixels());
        assertEquals(0.04, inside.mse(), 1e-6);
        assertEquals(13.9794, inside.psnr(), 1e-3); // 10 log10(1 / 0.04)
        assertEquals(Double.POSITIVE_INFINITY, Psnr.of(a, b, farRight));
        assertEquals(10 * Math.log10(24 / (0.04 * 8)), Psnr.of(a, b, null), 1e-3); // MSE over all pixels
        assertEquals(1.0, Ssim.of(a, b, farRight), 1e-9);
        assertEquals(10 * h, Ssim.mean(Ssim.map(a, b), farRight).pixels());
        assertTrue(Ssim.of(a, b, left) < Ssim.of(a, b, null));
        assertTrue(Double.isNaN(Psnr.of(a, b, TestImages.mask(w, h, (x, y) -> false))));
    }

    @Test
    void rejectsMismatchedMasks() {
        Image a = TestImages.random(8, 8, 1, 7);
        assertThrows(IllegalArgumentException.class, () -> Psnr.of(a, a, TestImages.constant(8, 7, 1f)));
        assertThrows(IllegalArgumentException.class, () -> Ssim.of(a, a, TestImages.constant(8, 8, 1f, 1f)));
    }

    /** Gaussian-window SSIM written out directly (11×11, σ = 1.5, reflect-101 borders). */
    private static double[] directSsim(Image a, Image b) {
        int w = a.width();
        int h = a.height();
        double[] k = new double[11];
        double sum = 0;
        for (int i = 0; i < 11; i++) {
            k[i] = Math.exp(-(i - 5) * (i - 5) / (2 * 1.5 * 1.5));
            sum += k[i];
        }
        for (int i = 0; i < 11; i++) {
            k[i] /= sum;
        }
        double c1 = 1e-4;
        double c2 = 9e-4;
        double[] out = new double[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double mx = 0;
                double my = 0;
                double sxx = 0;
                double syy = 0;
                double sxy = 0;
                for (int dy = -5; dy <= 5; dy++) {
                    for (int dx = -5; dx <= 5; dx++) {
                        double wt = k[dy + 5] * k[dx + 5];
                        int xx = reflect101(x + dx, w);
                        int yy = reflect101(y + dy, h);
                        double p = a.get(xx, yy, 0);
                        double q = b.get(xx, yy, 0);
                        mx += wt * p;
                        my += wt * q;
                        sxx += wt * p * p;
                        syy += wt * q * q;
                        sxy += wt * p * q;
                    }
                }
                double vx = sxx - mx * mx;
                double vy = syy - my * my;
                double cxy = sxy - mx * my;
                out[y * w + x] = (2 * mx * my + c1) * (2 * cxy + c2) / ((mx * mx + my * my + c1) * (vx + vy + c2));
            }
        }
        return out;
    }

    private static int reflect101(int p, int n) {
        if (p < 0) {
            return -p;
        }
        return p >= n ? 2 * n - 2 - p : p;
    }
}
