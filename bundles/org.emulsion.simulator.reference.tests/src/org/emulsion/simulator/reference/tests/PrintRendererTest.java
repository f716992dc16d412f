package org.emulsion.simulator.reference.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.emulsion.core.image.Image;
import org.emulsion.media.ImageFiles;
import org.emulsion.simulator.PrintParameters;
import org.emulsion.simulator.PrintRenderer;
import org.emulsion.simulator.PrintResult;
import org.emulsion.simulator.ReferenceGeometry;
import org.emulsion.simulator.Truth;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The print of another gauge, read back from its 16-bit TIFFs. */
class PrintRendererTest {
    private static final int FRAMES = 12;

    @TempDir
    static Path dir;

    static Truth truth;
    static PrintResult print;
    static PrintResult clean;

    @BeforeAll
    static void render() throws Exception {
        truth = ReferenceTesting.truth(FRAMES, 2, 3);
        print = PrintRenderer.render(truth, 11, PrintParameters.defaults(), dir.resolve("a"));
        clean = PrintRenderer.render(truth, 11, PrintParameters.defaults().withGrain(0), dir.resolve("clean"));
    }

    @AfterAll
    static void close() {
        truth.close();
    }

    @Test
    void printIsASmaller16BitSequenceOfEveryFrame() throws Exception {
        assertEquals(FRAMES, print.files().size());
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), print.frameMap());
        assertEquals(24.0, print.fps());
        for (Path file : print.files()) {
            assertTrue(file.getFileName().toString().endsWith(".tif"));
            ImageFiles.Decoded d = ImageFiles.read(file);
            assertEquals(16, d.bitDepth());
            assertEquals(176, d.image().width(), "0.55 x 320");
            assertEquals(99, d.image().height(), "0.55 x 180");
        }
        ReferenceGeometry g = print.geometry(0);
        assertEquals(1.0, g.pixelAspect());
        assertEquals(g.scaleX(), g.scaleY(), 1e-3 * g.scaleX());
        assertTrue(g.scaleX() > 1.7 && g.scaleX() < 1.8, "about 1/0.55 truth pixels per print pixel: " + g.scaleX());
        assertTrue(Files.readString(print.sidecar()).contains("\"contrast\": 7.0"));
    }

    @Test
    void printFollowsItsOwnToneCurve() throws Exception {
        PrintParameters p = clean.parameters();
        assertTrue(p.tone(0.2) < 0.2 - 0.05 && p.tone(0.8) > 0.8 + 0.05, "an S-curve: print contrast");
        double[] gain = {p.gainR(), p.gainG(), p.gainB()};
        double error = 0;
        long n = 0;
        double identityError = 0;
        for (int i = 0; i < FRAMES; i += 3) {
            Image read = ImageFiles.read(clean.files().get(i)).image();
            Image expected = ReferenceTesting.blur(clean.geometry(i).fromTruth(truth.frame(i)), p.blurSigma());
            float[] a = read.data();
            float[] e = expected.data();
            for (int k = 0; k < a.length; k++) {
                error += Math.abs(a[k] - p.tone(e[k]) * gain[k % 3]);
                identityError += Math.abs(a[k] - e[k]);
                n++;
            }
        }
        assertTrue(error / n < 0.002, "print = tone curve of the framed truth: " + error / n);
        assertTrue(identityError / n > 0.03, "and not the truth's own tones: " + identityError / n);
    }

    @Test
    void printHasItsOwnGrainAndShowsItsTruthFrame() throws Exception {
        Image grainy = ImageFiles.read(print.files().get(4)).image();
        Image smooth = ImageFiles.read(clean.files().get(4)).image();
        double s = 0;
        float[] a = grainy.data();
        float[] b = smooth.data();
        for (int k = 0; k < a.length; k++) {
            s += (a[k] - b[k]) * (a[k] - b[k]);
        }
        double rms = Math.sqrt(s / a.length);
        assertTrue(rms > 0.008 && rms < 0.03, "grain rms " + rms);

        ReferenceGeometry g = print.geometry(0);
        List<Image> warped = ReferenceTesting.warpAll(truth, g).stream().map(im -> ReferenceTesting.blur(im, 1.0)).toList();
        for (int i = 0; i < FRAMES; i++) {
            Image read = ImageFiles.read(print.files().get(i)).image();
            assertEquals(i, ReferenceTesting.bestTruthFrame(read, warped, g, 0, 1), "print frame " + i);
        }
    }

    @Test
    void sameSeedGivesTheSameFrames() throws Exception {
        PrintResult again = PrintRenderer.render(truth, 11, PrintParameters.defaults(), dir.resolve("b"));
        PrintResult other = PrintRenderer.render(truth, 12, PrintParameters.defaults(), dir.resolve("c"));
        for (int i = 0; i < FRAMES; i += 5) {
            assertEquals(-1L, Files.mismatch(print.files().get(i), again.files().get(i)));
            assertTrue(Files.mismatch(print.files().get(i), other.files().get(i)) >= 0, "grain follows the seed");
        }
    }
}
