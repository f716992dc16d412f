package org.emulsion.simulator.tests;

import static org.emulsion.simulator.tests.ScanFixtures.density;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emulsion.core.image.Image;
import org.emulsion.simulator.ScanParameters;
import org.emulsion.simulator.ScanParameters.Degradation;
import org.emulsion.simulator.ScanParameters.Fade;
import org.emulsion.simulator.ScanParameters.Grain;
import org.emulsion.simulator.ScanSimulator;
import org.junit.jupiter.api.Test;

/** Fading, fog, stain and grain, measured in density D = -log10(value). */
class ScanDyesTest {
    private static final Fade FADE_ONLY = new Fade(0.55, 0.85, 0.65, 0.12, 0.06, 0, 0);

    /** Σ D(scan) / Σ D(truth) per channel, over pixels that carry dye. */
    private static double[] measuredKept(Image truth, Image scan) {
        double[] num = new double[3];
        double[] den = new double[3];
        for (int i = 0; i < truth.data().length; i++) {
            double dt = density(truth.data()[i]);
            if (dt > 0.1 && dt < 2.9) {
                num[i % 3] += density(scan.data()[i]);
                den[i % 3] += dt;
            }
        }
        return new double[] {num[0] / den[0], num[1] / den[1], num[2] / den[2]};
    }

    @Test
    void cyanAndYellowFadeFasterThanMagenta() {
        ScanSimulator sim = new ScanSimulator(ScanParameters.defaults().only(Degradation.FADE).withFade(FADE_ONLY));
        Image truth = ScanFixtures.truth(3);
        double[] kept = measuredKept(truth, sim.render(truth, 3, 0).scan());
        double[] nominal = sim.kept(0);
        System.out.printf("fade reel 0: measured kept C %.3f M %.3f Y %.3f (recorded %.3f %.3f %.3f)%n", kept[0], kept[1], kept[2],
                nominal[0], nominal[1], nominal[2]);
        assertTrue(kept[0] < kept[1] && kept[2] < kept[1], "cyan and yellow must keep less than magenta");
        for (int c = 0; c < 3; c++) {
            assertEquals(nominal[c], kept[c], 0.1 * nominal[c], "kept fraction of dye " + c);
        }
        assertTrue(Math.abs(FADE_ONLY.cyanKept() - nominal[0]) <= 0.06 * FADE_ONLY.cyanKept() + 1e-9, "drift within reelDrift");
    }

    @Test
    void fadeDriftsBetweenReelsAndIsUneven() {
        ScanSimulator sim = new ScanSimulator(ScanParameters.defaults().only(Degradation.FADE).withFade(FADE_ONLY));
        Image grey = ScanFixtures.halves(0.2f, 0.2f);
        Image reel0 = sim.render(grey, 0, 0).scan();
        Image reel3 = sim.render(grey, 0, 3).scan();
        assertArrayEquals(reel0.data(), sim.render(grey, 7, 0).scan().data(), "fading belongs to the reel, not the frame");
        double[] k0 = measuredKept(grey, reel0);
        double[] k3 = measuredKept(grey, reel3);
        double drift = 0;
        for (int c = 0; c < 3; c++) {
            drift = Math.max(drift, Math.abs(k0[c] - k3[c]));
        }
        // Unevenness: the kept fraction varies over a flat patch, smoothly (low frequency).
        double d0 = density(0.2f);
        double lo = 1;
        double hi = 0;
        double step = 0;
        for (int y = 0; y < reel0.height(); y++) {
            for (int x = 0; x < reel0.width(); x++) {
                double k = density(reel0.get(x, y, 0)) / d0;
                lo = Math.min(lo, k);
                hi = Math.max(hi, k);
                if (x > 0) {
                    step = Math.max(step, Math.abs(k - density(reel0.get(x - 1, y, 0)) / d0));
                }
            }
        }
        System.out.printf("fade: largest kept difference reel 0 vs 3 %.4f; cyan kept over the frame %.3f..%.3f, largest pixel step %.4f%n",
                drift, lo, hi, step);
        assertTrue(drift > 0.005, "reels fade differently");
        assertTrue(hi - lo > 0.02, "fading is uneven");
        assertTrue(step < 0.01, "and smooth");
    }

    @Test
    void fogRaisesMinimumDensity() {
        ScanSimulator sim = new ScanSimulator(ScanParameters.defaults().only(Degradation.FADE).withFade(new Fade(1, 1, 1, 0, 0, 0.1, 0)));
        Image truth = ScanFixtures.truth(10);
        Image scan = sim.render(truth, 10, 0).scan();
        double minTruth = Double.MAX_VALUE;
        double minScan = Double.MAX_VALUE;
        double worst = 0;
        for (int i = 0; i < truth.data().length; i++) {
            double dt = density(truth.data()[i]);
            double ds = density(scan.data()[i]);
            minTruth = Math.min(minTruth, dt);
            minScan = Math.min(minScan, ds);
            if (dt < 2.8) {
                worst = Math.max(worst, Math.abs(ds - dt - 0.1));
            }
        }
        System.out.printf("fog 0.1: min density truth %.4f scan %.4f, largest error of the added density %.2e%n", minTruth, minScan, worst);
        assertTrue(minScan >= 0.1 - 1e-3 && minScan > minTruth + 0.09);
        assertTrue(worst < 1e-3, "fog adds the same density everywhere");
    }

    @Test
    void stainIsAYellowBrownBlotch() {
        ScanSimulator sim = new ScanSimulator(ScanParameters.defaults().only(Degradation.FADE).withFade(new Fade(1, 1, 1, 0, 0, 0, 0.3)));
        Image grey = ScanFixtures.halves(0.7f, 0.7f);
        Image scan = sim.render(grey, 0, 0).scan();
        double[] peak = new double[3];
        int stained = 0;
        for (int i = 0; i < scan.width() * scan.height(); i++) {
            for (int c = 0; c < 3; c++) {
                peak[c] = Math.max(peak[c], density(scan.data()[3 * i + c]) - density(0.7f));
            }
            stained += density(scan.data()[3 * i + 2]) - density(0.7f) > 0.05 ? 1 : 0;
        }
        double share = (double) stained / (scan.width() * scan.height());
        System.out.printf("stain 0.3: peak added density R %.3f G %.3f B %.3f, stained share of frame %.2f%n", peak[0], peak[1], peak[2], share);
        assertTrue(peak[2] > peak[1] && peak[1] > peak[0], "absorbs blue most: yellow-brown");
        assertEquals(0.3, peak[2], 0.06);
        assertTrue(share > 0.02 && share < 0.9, "a blotch, not the whole frame");
    }

    @Test
    void grainGrowsWithDensityAndIsOffWhenOff() {
        ScanParameters p = ScanParameters.defaults().only(Degradation.GRAIN).withGrain(new Grain(0.04, 0.7));
        Image flat = ScanFixtures.halves(0.8f, 0.1f); // D ≈ 0.097 | D = 1
        Image scan = new ScanSimulator(p).render(flat, 4, 0).scan();
        double[] low = stdOfDensity(scan, flat, 8, ScanFixtures.WIDTH / 2 - 8, 1);
        double[] high = stdOfDensity(scan, flat, ScanFixtures.WIDTH / 2 + 8, ScanFixtures.WIDTH - 8, 1);
        double expectedRatio = Math.sqrt((1 + 0.05) / (density(0.8f) + 0.05));
        System.out.printf("grain: density std (G) at D=0.10 %.4f, at D=1 %.4f, ratio %.2f (model %.2f); neighbour correlation %.2f%n",
                low[0], high[0], high[0] / low[0], expectedRatio, high[1]);
        assertEquals(expectedRatio, high[0] / low[0], 0.12 * expectedRatio, "std grows as sqrt(density)");
        assertEquals(0.04 * 0.85, high[0], 0.004, "green layer std at density 1");
        assertTrue(high[1] > 0.4, "spatially correlated (blurred) grain");

        Image other = new ScanSimulator(p).render(flat, 5, 0).scan();
        double diff = ScanFixtures.meanAbsDiff(scan, other);
        assertTrue(diff > 0.003, "new grain every frame");

        Image off = new ScanSimulator(p.with(Degradation.GRAIN, false)).render(flat, 4, 0).scan();
        assertEquals(0, stdOfDensity(off, flat, 8, ScanFixtures.WIDTH / 2 - 8, 1)[0]);
    }

    /** Std of the density added to channel c within columns [x0, x1), and the correlation of horizontal neighbours. */
    private static double[] stdOfDensity(Image scan, Image truth, int x0, int x1, int c) {
        double sum = 0;
        double sq = 0;
        double cross = 0;
        int n = 0;
        for (int y = 8; y < scan.height() - 8; y++) {
            for (int x = x0; x < x1; x++) {
                double g = density(scan.get(x, y, c)) - density(truth.get(x, y, c));
                double left = density(scan.get(x - 1, y, c)) - density(truth.get(x - 1, y, c));
                sum += g;
                sq += g * g;
                cross += g * left;
                n++;
            }
        }
        double mean = sum / n;
        double var = sq / n - mean * mean;
        return new double[] {Math.sqrt(Math.max(0, var)), var == 0 ? 0 : (cross / n - mean * mean) / var};
    }
}
