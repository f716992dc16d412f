package org.emulsion.quality.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.emulsion.core.image.Image;
import org.emulsion.media.Colour;
import org.emulsion.quality.Baselines;
import org.emulsion.quality.ColourBaseline;
import org.emulsion.quality.Lut3d;
import org.emulsion.quality.PolynomialRegression;
import org.emulsion.quality.ReinhardTransfer;
import org.emulsion.quality.ColourPair;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The baselines recover a known "faded film" transform: per-channel gamma, dye cross-talk, lifted
 * black and lowered white. Fitted on (faded scan, original) pairs, applied to an unseen scan.
 */
class BaselinesTest {
    private static final int W = 96;
    private static final int H = 96;
    private static final double[] GAMMA = { 1.25, 0.95, 0.8 };
    private static final double[][] CROSS_TALK = { { 0.75, 0.20, 0.05 }, { 0.10, 0.80, 0.10 }, { 0.05, 0.25, 0.70 } };

    private static List<ColourPair> pairs;
    private static Image truth;
    private static Image scan;
    private static double asIs;

    static Image fade(Image original) {
        float[] o = original.data();
        float[] s = new float[o.length];
        for (int k = 0; k < o.length; k += 3) {
            double[] lin = new double[3];
            for (int c = 0; c < 3; c++) {
                lin[c] = Math.pow(o[k + c], GAMMA[c]);
            }
            for (int c = 0; c < 3; c++) {
                double v = CROSS_TALK[c][0] * lin[0] + CROSS_TALK[c][1] * lin[1] + CROSS_TALK[c][2] * lin[2];
                s[k + c] = (float) (0.06 + 0.84 * v);
            }
        }
        return new Image(original.width(), original.height(), 3, s);
    }

    @BeforeAll
    static void data() {
        pairs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Image original = TestImages.random(W, H, 3, 1000 + i);
            pairs.add(ColourPair.of(fade(original), original));
        }
        truth = TestImages.random(W, H, 3, 2000);
        scan = fade(truth);
        asIs = Colour.deltaE2000(scan, truth, null).mean();
    }

    @Test
    void baselinesRecoverAKnownFade() {
        Map<String, Double> error = new LinkedHashMap<>();
        for (ColourBaseline baseline : Baselines.all()) {
            baseline.fit(pairs);
            Image out = baseline.apply(scan);
            assertEquals(scan.width(), out.width());
            error.put(baseline.id(), Colour.deltaE2000(out, truth, null).mean());
        }
        String report = "ΔE00 as is " + asIs + ", after " + error;
        System.out.println(report);
        assertTrue(asIs > 5, report);
        // Measured: as is 10.7, Reinhard 3.3, poly2 0.32, poly3 0.14, lut33 0.04.
        assertTrue(error.get("reinhard") < 0.5 * asIs, report);
        assertTrue(error.get("poly2") < 0.1 * asIs, report);
        assertTrue(error.get("poly3") < 0.05 * asIs, report);
        assertTrue(error.get("lut33") < 0.02 * asIs, report);
        assertTrue(error.get("lut33") < error.get("poly3"), report);
    }

    @Test
    void invalidReferencePixelsAreIgnored() {
        List<ColourPair> spoiled = new ArrayList<>();
        for (ColourPair pair : pairs) {
            Image reference = pair.reference().copy();
            Image valid = TestImages.mask(W, H, (x, y) -> x >= 20);
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    if (y < 10) { // not covered by the registered reference
                        reference.set(x, y, 0, Float.NaN);
                        reference.set(x, y, 1, Float.NaN);
                        reference.set(x, y, 2, Float.NaN);
                    } else if (x < 20) { // covered, but masked out: garbage colours
                        reference.set(x, y, 0, 1f);
                        reference.set(x, y, 1, 0f);
                        reference.set(x, y, 2, 1f);
                    }
                }
            }
            spoiled.add(new ColourPair(pair.scan(), reference, valid));
        }
        for (ColourBaseline baseline : List.of(new ReinhardTransfer(), new PolynomialRegression(3), new Lut3d(17))) {
            baseline.fit(spoiled);
            Image out = baseline.apply(scan);
            for (float v : out.data()) {
                assertTrue(v >= 0 && v <= 1, baseline.id() + " produced " + v);
            }
            assertTrue(Colour.deltaE2000(out, truth, null).mean() < 0.7 * asIs, baseline.id());
        }
    }

    @Test
    void lutWithFewColoursFallsBackSmoothly() {
        // Training colours only in the darker half of the cube; the LUT must stay sane elsewhere.
        Image original = TestImages.random(W, H, 3, 3000);
        float[] d = original.data();
        for (int i = 0; i < d.length; i++) {
            d[i] *= 0.5f;
        }
        Lut3d lut = new Lut3d(17);
        lut.fit(List.of(ColourPair.of(fade(original), original)));
        Image dark = TestImages.random(W, H, 3, 3001);
        for (int i = 0; i < dark.data().length; i++) {
            dark.data()[i] *= 0.5f;
        }
        double inRange = Colour.deltaE2000(lut.apply(fade(dark)), dark, null).mean();
        double full = Colour.deltaE2000(lut.apply(scan), truth, null).mean();
        assertTrue(inRange < 1.5, "in range " + inRange);
        assertTrue(full < 0.7 * asIs, "full cube " + full + " vs as is " + asIs);
    }

    @Test
    void lutChromaInOnePassEqualsTheGradedFramesChroma() {
        Lut3d lut = new Lut3d();
        lut.fit(pairs);
        Image withHole = scan.copy();
        withHole.data()[3 * 5] = Float.NaN; // a pixel without a sample stays one
        Image expected = Colour.channels(Colour.ycbcr(lut.apply(withHole)), 1, 2);
        Image chroma = lut.chroma(withHole);
        assertEquals(2, chroma.channels());
        assertTrue(Float.isNaN(chroma.data()[2 * 5]) && Float.isNaN(chroma.data()[2 * 5 + 1]));
        for (int i = 0; i < expected.data().length; i++) {
            if (i / 2 != 5) {
                assertEquals(expected.data()[i], chroma.data()[i], 2e-6f, "sample " + i);
            }
        }
    }

    @Test
    void applyBeforeFitAndEmptyFitAreRejected() {
        assertThrows(IllegalStateException.class, () -> new Lut3d().apply(scan));
        assertThrows(IllegalStateException.class, () -> new Lut3d().chroma(scan));
        assertThrows(IllegalStateException.class, () -> new PolynomialRegression(2).apply(scan));
        assertThrows(IllegalStateException.class, () -> new ReinhardTransfer().apply(scan));
        Image nothing = TestImages.mask(W, H, (x, y) -> false);
        List<ColourPair> none = List.of(new ColourPair(scan, truth, nothing));
        for (ColourBaseline baseline : Baselines.all()) {
            assertThrows(IllegalArgumentException.class, () -> baseline.fit(none), baseline.id());
        }
    }

    @Test
    void nonFiniteScanPixelsStayNaN() {
        ColourBaseline poly = new PolynomialRegression(2);
        poly.fit(pairs);
        Image withHole = scan.copy();
        withHole.set(3, 4, 1, Float.NaN);
        Image out = poly.apply(withHole);
        assertTrue(Float.isNaN(out.get(3, 4, 0)));
        assertTrue(Float.isFinite(out.get(4, 4, 0)));
    }
}
