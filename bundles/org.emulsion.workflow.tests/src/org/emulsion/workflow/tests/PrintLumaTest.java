package org.emulsion.workflow.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.emulsion.core.image.Image;
import org.emulsion.media.ImageFiles;
import org.emulsion.media.MaskFiles;
import org.emulsion.pipeline.PreparedRun;
import org.emulsion.quality.DamageScore;
import org.emulsion.quality.Psnr;
import org.emulsion.simulator.PrintLumaCase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * print-luma end to end on a simulated 35 mm internegative eaten by vinegar syndrome and a 16 mm
 * print that kept its luma: the damage is found, only the damaged areas change (every intact
 * pixel is the scan's bit for bit), those areas come closer to the intact element than the scan
 * was, and the report says what was done. Bad input gives one line naming the file.
 */
class PrintLumaTest {
    @TempDir
    static Path shared;
    private static PrintLumaCase.Written material;
    private static Map<Path, String> sourceSums;
    private static Path out;
    private static Cli.Run run;

    @TempDir
    Path dir;

    @BeforeAll
    static void restore() throws IOException {
        material = new PrintLumaCase(PrintLumaCase.Spec.small(PrintLumaCase.Decay.VINEGAR)).write(shared.resolve("case"));
        sourceSums = Cli.checksums(material.scan());
        sourceSums.putAll(Cli.checksums(material.reference().location()));
        out = shared.resolve("out");
        run = Cli.run("restore", "--workflow", "print-luma", "--scan", material.scan().toString(), "--reference",
                material.reference().location().toString(), "--out", out.toString(), "--steps", "300", "--train-minutes", "5");
    }

    @AfterAll
    static void sourcesAreUnchanged() throws IOException {
        Map<Path, String> after = Cli.checksums(material.scan());
        after.putAll(Cli.checksums(material.reference().location()));
        assertEquals(sourceSums, after, "a restore must not modify its sources");
    }

    @Test
    void everyIntactPixelIsTheScansBitForBitAndTheDamageComesCloserToTheIntactElement() throws IOException {
        assertEquals(0, run.exit(), run.err());
        List<Path> scans = frames(material.scan());
        assertEquals(scans.size(), frames(out.resolve("frames")).size(), "one restored frame per scan frame");
        double scanError = 0;
        double resultError = 0;
        long damagedFrames = 0;
        for (Path scanFile : scans) {
            String name = scanFile.getFileName().toString();
            Image scan = ImageFiles.read(scanFile).image();
            Image result = ImageFiles.read(out.resolve("frames").resolve(name)).image();
            Image mask = MaskFiles.read(out.resolve("masks").resolve(MaskFiles.fileName(name)), scan.width(), scan.height());
            float[] s = scan.data();
            float[] r = result.data();
            for (int p = 0; p < mask.data().length; p++) {
                if (mask.data()[p] == 0) {
                    for (int k = 3 * p; k < 3 * p + 3; k++) {
                        assertEquals(s[k], r[k], name + ": intact pixel " + p + " changed");
                    }
                }
            }
            Image truthMask = MaskFiles.read(material.scanMasks().resolve(MaskFiles.fileName(name)), scan.width(), scan.height());
            if (damagedFraction(truthMask) > 0.002) {
                Image intact = ImageFiles.read(material.intact().resolve(name)).image();
                scanError += Psnr.luma(scan, intact, truthMask);
                resultError += Psnr.luma(result, intact, truthMask);
                damagedFrames++;
            }
        }
        assertTrue(damagedFrames > 0, "the case has damaged frames");
        assertTrue(resultError / damagedFrames > scanError / damagedFrames + 2, "luma PSNR in the damage: result "
                + resultError / damagedFrames + " dB, scan as is " + scanError / damagedFrames + " dB");
    }

    @Test
    void theDamageFoundMatchesTheTrueDamage() throws IOException {
        assertEquals(0, run.exit(), run.err());
        DamageScore score = DamageScore.none();
        for (Path scanFile : frames(material.scan())) {
            String name = scanFile.getFileName().toString();
            Image scan = ImageFiles.read(scanFile).image();
            Image found = MaskFiles.read(out.resolve("masks").resolve(MaskFiles.fileName(name)), scan.width(), scan.height());
            Image truth = MaskFiles.read(material.scanMasks().resolve(MaskFiles.fileName(name)), scan.width(), scan.height());
            Image visible = DamageScore.visible(scan, ImageFiles.read(material.intact().resolve(name)).image(), truth);
            score = score.plus(DamageScore.of(found, truth, visible, null, DamageScore.band(scan.height())));
        }
        JsonObject damage = JsonParser.parseString(Files.readString(out.resolve("masks/damage.json"))).getAsJsonObject();
        JsonObject report = JsonParser.parseString(Files.readString(out.resolve("report.json"))).getAsJsonObject();
        assertTrue(score.recall() >= 0.8 && score.precision() >= 0.7, "recall " + score.recall() + ", precision " + score.precision()
                + "; " + damage.getAsJsonArray("frames").get(3) + "; alignment " + report.getAsJsonArray("alignment").get(3));
    }

    @Test
    void thePreparedRunGivesTheDamageReviewEachFramesMap() throws Exception {
        assertEquals(0, run.exit(), run.err());
        try (PreparedRun prepared = PreparedRun.open(out)) {
            List<Path> scans = frames(material.scan());
            assertEquals(scans.size(), prepared.damage().size(), "one damage map per scan frame");
            for (PreparedRun.Damage damage : prepared.damage()) {
                assertEquals(scans.get(damage.index()).getFileName().toString(), damage.scanName());
                assertEquals(100 * damagedFraction(prepared.damageMask(damage.index())), damage.areaPercent(), 1e-9, damage.scanName());
            }
        }
    }

    @Test
    void theReportSaysWhatWasFoundAndReplaced() throws IOException {
        assertEquals(0, run.exit(), run.err());
        JsonObject report = JsonParser.parseString(Files.readString(out.resolve("report.json"))).getAsJsonObject();
        assertEquals("luma", report.get("target").getAsString());
        assertEquals(frames(material.scan()).size(), report.getAsJsonObject("damage").getAsJsonArray("frames").size());
        assertTrue(report.getAsJsonObject("provenance").toString().contains("compositeWithTrainedAlgorithmicMedia"),
                report.getAsJsonObject("provenance").toString());
        assertTrue(report.getAsJsonObject("heldOut").entrySet().stream().anyMatch(e -> e.getKey().toLowerCase().contains("psnr")),
                report.getAsJsonObject("heldOut").toString());
        assertEquals(frames(material.scan()).size(), frames(out.resolve("baseline")).size(), "the pasted print, frame for frame");
        assertTrue(Files.isRegularFile(out.resolve("report.html")));
    }

    @Test
    void masksOfAnotherSizeAreRefusedNamingTheFile() throws IOException {
        Path masks = Files.createDirectories(dir.resolve("masks"));
        for (Path scanFile : frames(material.scan())) {
            MaskFiles.write(masks.resolve(MaskFiles.fileName(scanFile.getFileName().toString())), new Image(100, 80, 1, new float[100 * 80]));
        }
        Cli.Run bad = Cli.restore("print-luma", material.scan(), material.reference().location(), dir.resolve("out"), "--masks",
                masks.toString());
        Cli.assertOneLineError(bad, masks.toString(), "100x80");
    }

    @Test
    void aPrintOfAnotherFilmIsRefused() throws IOException {
        PrintLumaCase.Spec small = PrintLumaCase.Spec.small(PrintLumaCase.Decay.NITRATE);
        PrintLumaCase.Written other = new PrintLumaCase(small).write(dir.resolve("other"));
        Cli.Run bad = Cli.restore("print-luma", material.scan(), other.reference().location(), dir.resolve("out"));
        Cli.assertOneLineError(bad, other.reference().location().toString());
    }

    /**
     * The print guides every repair, so a print that stops before the scan does is refused before any work, naming it
     * (the restorer gives the whole print, or a scan of the frames it holds) rather than leaving frames unrestored.
     */
    @Test
    void aPrintShorterThanTheScanIsRefusedNamingTheFile() throws IOException {
        Path shorter = Files.createDirectories(dir.resolve("short-print"));
        List<Path> prints;
        try (Stream<Path> files = Files.list(material.reference().location())) {
            prints = files.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path p : prints.subList(0, prints.size() / 2)) {
            Files.copy(p, shorter.resolve(p.getFileName()));
        }
        Cli.Run bad = Cli.restore("print-luma", material.scan(), shorter, dir.resolve("out"));
        Cli.assertOneLineError(bad, shorter.toString(), "shorter than the scan");
        assertTrue(!Files.exists(dir.resolve("out").resolve("frames")) || frames(dir.resolve("out").resolve("frames")).isEmpty(),
                "no half-written output");
    }

    private static double damagedFraction(Image mask) {
        long n = 0;
        for (float v : mask.data()) {
            n += v >= 0.5f ? 1 : 0;
        }
        return n / (double) mask.data().length;
    }

    private static List<Path> frames(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tif")).sorted().toList();
        }
    }
}
