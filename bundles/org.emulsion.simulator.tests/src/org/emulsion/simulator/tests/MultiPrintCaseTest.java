package org.emulsion.simulator.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.emulsion.core.image.Image;
import org.emulsion.media.ImageFiles;
import org.emulsion.media.MaskFiles;
import org.emulsion.simulator.Cut;
import org.emulsion.simulator.MultiPrintCase;
import org.emulsion.simulator.PrintResult;
import org.emulsion.simulator.Truth;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** Three prints of one film: their own damage, density and splices, and the truth. */
class MultiPrintCaseTest {
    @TempDir
    static Path dir;
    static MultiPrintCase.Written three;

    @BeforeAll
    static void write() throws Exception {
        three = new MultiPrintCase(MultiPrintCase.Spec.small(3)).write(dir.resolve("three"));
    }

    @Test
    void aSpliceRemovesTheFramesItSays() throws Exception {
        PrintResult master = three.prints().get(0);
        assertEquals(List.of(), master.lacking(24), "the first print is complete");
        for (PrintResult print : three.prints().subList(1, 3)) {
            assertEquals(1, print.splices().size());
            Cut splice = print.splices().get(0);
            List<Integer> lost = new ArrayList<>();
            for (int t = splice.firstFrame(); t <= splice.lastFrame(); t++) {
                lost.add(t);
            }
            assertEquals(lost, print.lacking(24));
            assertEquals(24 - splice.frames(), print.files().size());
            assertEquals(24 - splice.frames(), CaseImages.files(print.location()).size());
            // the print frame after the splice shows the truth frame after it, not the first one lost
            int after = print.printFrameOf(splice.lastFrame() + 1);
            assertEquals(splice.firstFrame(), after, "print frames are numbered on across the splice");
            try (Truth truth = Truth.create(MultiPrintCase.Spec.small(3).truth())) {
                Image shown = ImageFiles.read(print.files().get(after)).image();
                Image right = print.geometry().fromTruth(truth.frame(splice.lastFrame() + 1));
                Image wrong = print.geometry().fromTruth(truth.frame(splice.firstFrame()));
                assertTrue(CaseImages.correlation(shown, right) > CaseImages.correlation(shown, wrong), "frame " + after);
            }
        }
        JsonObject json = JsonParser.parseString(Files.readString(three.directory().resolve(MultiPrintCase.SIDECAR))).getAsJsonObject();
        assertEquals(three.prints().get(1).lacking(24).size(),
                json.getAsJsonArray("prints").get(1).getAsJsonObject().getAsJsonArray("lacking").size());
        assertEquals(24, CaseImages.files(three.truth()).size());
    }

    @Test
    void printsDifferInDensityAndContrast() throws Exception {
        double[] mean = new double[3];
        double[] contrast = new double[3];
        for (int k = 0; k < 3; k++) {
            PrintResult print = three.prints().get(k);
            Image frame = ImageFiles.read(print.files().get(print.printFrameOf(4))).image();
            float[] y = CaseImages.luma(frame);
            mean[k] = CaseImages.mean(y);
            contrast[k] = CaseImages.std(y);
        }
        System.out.printf("print luma mean %.3f %.3f %.3f, std %.3f %.3f %.3f%n", mean[0], mean[1], mean[2], contrast[0], contrast[1],
                contrast[2]);
        for (int a = 0; a < 3; a++) {
            for (int b = a + 1; b < 3; b++) {
                assertTrue(Math.abs(mean[a] - mean[b]) > 0.01 || Math.abs(contrast[a] - contrast[b]) > 0.01, "prints " + a + ", " + b);
            }
        }
    }

    @Test
    void everyPrintHasItsOwnDamageWithItsMasks() throws Exception {
        double[] damaged = new double[3];
        double overlap = 0;
        for (int t = 0; t < 24; t += 3) {
            Image[] masks = new Image[3];
            for (int k = 0; k < 3; k++) {
                PrintResult print = three.prints().get(k);
                int f = print.printFrameOf(t);
                if (f >= 0) {
                    masks[k] = MaskFiles.read(print.mask(f).orElseThrow());
                    damaged[k] += CaseImages.fraction(masks[k]);
                }
            }
            if (masks[0] != null && masks[2] != null && masks[0].sameSize(masks[2])) {
                int both = 0;
                int either = 0;
                for (int p = 0; p < masks[0].data().length; p++) {
                    both += masks[0].data()[p] > 0 && masks[2].data()[p] > 0 ? 1 : 0;
                    either += masks[0].data()[p] > 0 || masks[2].data()[p] > 0 ? 1 : 0;
                }
                overlap = Math.max(overlap, (double) both / Math.max(1, either));
            }
        }
        System.out.printf("damaged (sum of sampled frames' fractions): %.3f %.3f %.3f; largest overlap of prints 1 and 3: %.3f%n",
                damaged[0], damaged[1], damaged[2], overlap);
        for (double d : damaged) {
            assertTrue(d > 0, "every print is damaged");
        }
        assertTrue(damaged[1] > damaged[0] && damaged[1] > damaged[2], "the nitrate copy decays most");
        assertTrue(overlap < 0.2, "prints are damaged in different places");
    }

    @Test
    void sameSpecWritesTheSameFiles() throws Exception {
        MultiPrintCase.Spec small = MultiPrintCase.Spec.small(2);
        MultiPrintCase.Spec eight = new MultiPrintCase.Spec(small.name(), new Truth.Spec(320, 240, 8, 1, 92), 2, small.seed());
        MultiPrintCase.Written a = new MultiPrintCase(eight).write(dir.resolve("a"));
        MultiPrintCase.Written b = new MultiPrintCase(eight).write(dir.resolve("b"));
        for (String name : List.of("prints/print-2/print/print_000002.tif", "prints/print-2/print-masks/print_000002.png",
                "prints/print-2/print.json", "truth/truth_000004.tif", "case.json")) {
            assertEquals(-1L, Files.mismatch(a.directory().resolve(name), b.directory().resolve(name)), name);
        }
    }
}
