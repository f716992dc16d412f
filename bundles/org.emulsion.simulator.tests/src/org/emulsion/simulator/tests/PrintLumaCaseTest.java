package org.emulsion.simulator.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.emulsion.core.image.Image;
import org.emulsion.media.ImageFiles;
import org.emulsion.media.MaskFiles;
import org.emulsion.simulator.PrintLumaCase;
import org.emulsion.simulator.PrintLumaCase.Decay;
import org.emulsion.simulator.ScanFrame;
import org.emulsion.simulator.ScanParameters;
import org.emulsion.simulator.ScanParameters.Degradation;
import org.emulsion.simulator.ScanSimulator;
import org.emulsion.simulator.Truth;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** The print-luma case: a decayed internegative, its truth and masks, and a 16 mm print that kept its luma. */
class PrintLumaCaseTest {
    @TempDir
    static Path dir;
    static PrintLumaCase.Written vinegar;
    static PrintLumaCase.Written nitrate;

    @BeforeAll
    static void write() throws Exception {
        vinegar = new PrintLumaCase(PrintLumaCase.Spec.small(Decay.VINEGAR)).write(dir.resolve("vinegar"));
        nitrate = new PrintLumaCase(PrintLumaCase.Spec.small(Decay.NITRATE)).write(dir.resolve("nitrate"));
    }

    @Test
    void everyFolderHoldsAFrameForEveryScanFrameNamedLikeIt() throws Exception {
        List<String> names = CaseImages.files(vinegar.scan()).stream().map(p -> p.getFileName().toString()).toList();
        assertEquals(24, names.size());
        assertEquals("scan_000000.tif", names.get(0));
        assertEquals(names, CaseImages.files(vinegar.intact()).stream().map(p -> p.getFileName().toString()).toList());
        assertEquals(names, CaseImages.files(vinegar.truth()).stream().map(p -> p.getFileName().toString()).toList());
        assertEquals(names.stream().map(MaskFiles::fileName).toList(),
                CaseImages.files(vinegar.scanMasks()).stream().map(p -> p.getFileName().toString()).toList());
        assertEquals(16, ImageFiles.read(vinegar.scan().resolve(names.get(3))).bitDepth());
        assertEquals(24, vinegar.reference().files().size());
        JsonObject json = JsonParser.parseString(Files.readString(vinegar.directory().resolve(PrintLumaCase.SIDECAR))).getAsJsonObject();
        assertEquals(24, json.getAsJsonArray("frames").size());
        assertEquals("print-luma", json.get("workflow").getAsString());
    }

    @Test
    void scanDiffersFromItsIntactSelfExactlyWhereItsMaskSays() throws Exception {
        for (PrintLumaCase.Written c : List.of(vinegar, nitrate)) {
            double damaged = 0;
            for (int f = 0; f < 24; f += 4) {
                String name = String.format("scan_%06d", f);
                Image scan = ImageFiles.read(c.scan().resolve(name + ".tif")).image();
                Image intact = ImageFiles.read(c.intact().resolve(name + ".tif")).image();
                Image mask = MaskFiles.read(c.scanMasks().resolve(name + ".png"), scan.width(), scan.height());
                int marked = 0;
                int changed = 0;
                for (int p = 0; p < mask.data().length; p++) {
                    boolean differs = false;
                    for (int k = 0; k < 3; k++) {
                        differs |= scan.data()[3 * p + k] != intact.data()[3 * p + k];
                    }
                    if (mask.data()[p] == 0) {
                        assertTrue(!differs, c.directory() + " " + name + ": pixel " + p + " changed outside the mask");
                    } else {
                        marked++;
                        changed += differs ? 1 : 0;
                    }
                }
                assertTrue(changed > 0.8 * marked, name + ": the mask marks what changed");
                damaged += (double) marked / mask.data().length;
            }
            System.out.printf("%s: %.1f %% of the scan damaged on average%n", c.directory().getFileName(), 100 * damaged / 6);
            assertTrue(damaged / 6 > 0.005, "the decay eats part of every frame");
        }
    }

    @Test
    void vinegarFlakesTheEmulsionAndRaisesChannelsAsWellAsLiftingIt() {
        ScanParameters base = PrintLumaCase.scanParameters(PrintLumaCase.Spec.small(Decay.VINEGAR)).only(Degradation.VINEGAR);
        ScanParameters.Vinegar v = base.vinegar();
        double[] dark = new double[3];
        double[] area = new double[3];
        double[] solid = new double[3];
        try (Truth truth = Truth.create(new Truth.Spec(320, 240, 1, 1, 5))) {
            Image frame = truth.frame(0);
            for (int form = 0; form < 3; form++) {
                ScanParameters.Vinegar only = new ScanParameters.Vinegar(0.3, v.minFrames(), v.maxFrames(), v.size(), v.colourShift(),
                        form == 0 ? 1 : 0, form == 1 ? 1 : 0);
                ScanFrame rendered = new ScanSimulator(base.withVinegar(only)).render(frame, 240, 0);
                Image mask = rendered.damageMask();
                Image scan = rendered.scan();
                float[] y = CaseImages.luma(scan);
                double sum = 0;
                int n = 0;
                for (int p = 0; p < y.length; p++) {
                    if (mask.data()[p] > 0) {
                        sum += y[p];
                        n++;
                    }
                }
                dark[form] = n == 0 ? 1 : sum / n;
                area[form] = CaseImages.fraction(mask);
                solid[form] = CaseImages.solid(mask, 2);
            }
        }
        System.out.printf("vinegar: flaking %.1f %% of the frame (luma %.2f, %.0f %% solid), channeling %.1f %% (%.2f, %.0f %%), "
                + "lifted %.1f %% (%.2f, %.0f %%)%n", 100 * area[0], dark[0], 100 * solid[0], 100 * area[1], dark[1], 100 * solid[1],
                100 * area[2], dark[2], 100 * solid[2]);
        assertTrue(area[0] > 0 && area[1] > 0 && area[2] > 0, "every form shows");
        assertTrue(dark[0] < 0.15, "where the emulsion let go, bare base");
        assertTrue(solid[1] < 0.5 && solid[2] > 0.7, "channels mark their lines, not the patch between them; a lifted patch is whole");
    }

    @Test
    void printIsSmallerSofterAnotherToneWithItsOwnWeaveAndLighterDirt() throws Exception {
        Image intact = ImageFiles.read(vinegar.intact().resolve("scan_000005.tif")).image();
        Image print = ImageFiles.read(vinegar.reference().files().get(5)).image();
        assertEquals(176, print.width(), "0.55 x 320");
        assertEquals(132, print.height());
        Image small = CaseImages.resize(intact, print.width(), print.height());
        double scanEdges = CaseImages.edges(small) / CaseImages.std(CaseImages.luma(small));
        double printEdges = CaseImages.edges(print) / CaseImages.std(CaseImages.luma(print));
        System.out.printf("edges (90th percentile of the luma gradient over the luma's spread, at the print's size): scan %.3f, print %.3f%n",
                scanEdges, printEdges);
        assertTrue(printEdges < 0.8 * scanEdges, "the print is softer than the scan at its own size");
        assertNotEquals(vinegar.reference().frameLog().get(5).getAsJsonObject().getAsJsonObject("weave").get("dx").getAsDouble(),
                JsonParser.parseString(Files.readString(vinegar.directory().resolve(PrintLumaCase.SIDECAR))).getAsJsonObject()
                        .getAsJsonArray("frames").get(5).getAsJsonObject().getAsJsonObject("weave").get("dx").getAsDouble());
        double printDirt = 0;
        double scanDamage = 0;
        for (int k = 0; k < 24; k++) {
            printDirt += CaseImages.fraction(MaskFiles.read(vinegar.reference().mask(k).orElseThrow()));
            scanDamage += CaseImages.fraction(MaskFiles.read(vinegar.scanMasks().resolve(String.format("scan_%06d.png", k))));
        }
        System.out.printf("damaged: scan %.2f %%, print %.3f %% of the frame%n", 100 * scanDamage / 24, 100 * printDirt / 24);
        assertTrue(printDirt > 0, "the print has dirt of its own");
        assertTrue(printDirt < 0.1 * scanDamage, "much lighter than the scan's decay");
    }

    @Test
    void sameSpecWritesTheSameFiles() throws Exception {
        PrintLumaCase.Spec small = PrintLumaCase.Spec.small(Decay.NITRATE);
        PrintLumaCase.Spec four = new PrintLumaCase.Spec(small.name(), new Truth.Spec(320, 240, 4, 1, 51), small.decay(), small.seed());
        PrintLumaCase.Written a = new PrintLumaCase(four).write(dir.resolve("a"));
        PrintLumaCase.Written b = new PrintLumaCase(four).write(dir.resolve("b"));
        for (String name : List.of("scan/scan_000003.tif", "scan-masks/scan_000003.png", "intact/scan_000002.tif",
                "reference/print/print_000003.tif", "reference/print-masks/print_000001.png", "case.json")) {
            assertEquals(-1L, Files.mismatch(a.directory().resolve(name), b.directory().resolve(name)), name);
        }
    }
}
