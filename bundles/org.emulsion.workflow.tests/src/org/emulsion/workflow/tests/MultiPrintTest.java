package org.emulsion.workflow.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.emulsion.core.EmulsionException;
import org.emulsion.core.image.Image;
import org.emulsion.media.Colour;
import org.emulsion.media.ImageFiles;
import org.emulsion.media.MaskFiles;
import org.emulsion.pipeline.PreparedRun;
import org.emulsion.quality.Planes;
import org.emulsion.quality.Psnr;
import org.emulsion.simulator.MultiPrintCase;
import org.emulsion.simulator.PrintResult;
import org.emulsion.simulator.Truth;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * multiprint end to end on a simulated film with two damaged prints (the second denser, decaying,
 * three frames lost at a splice): the complete print is the master, every pixel taken from it
 * away from a change of source is its own bit for bit, the master's damage comes closer to the
 * master without damage than the master and the median of the prints were (and in colour than the
 * master: the prints are colour prints of another balance each), a change of source
 * shows no seam, the source map planned before training is the one written, and the source maps,
 * report and provenance say where each pixel came from. Bad
 * input gives one line naming the file; the prints are never modified.
 */
class MultiPrintTest {
    /** Beyond this distance from a change of source no pixel is blended (the compositor's band of 3, with margin). */
    private static final int AWAY = 5;
    @TempDir
    static Path shared;
    private static MultiPrintCase.Written material;
    private static PrintResult intactMaster;
    private static Map<Path, String> sourceSums;
    private static Path out;
    private static Cli.Run run;
    private static List<PreparedRun.PlannedSources> plan;
    private static List<String> planElements;
    private static final Map<String, int[]> plannedMaps = new TreeMap<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void restore() throws IOException, EmulsionException {
        MultiPrintCase multiPrint = new MultiPrintCase(MultiPrintCase.Spec.small(2));
        material = multiPrint.write(shared.resolve("case"));
        try (Truth truth = Truth.create(multiPrint.spec().truth())) {
            intactMaster = multiPrint.intactPrint(truth, 0, shared.resolve("intact"));
        }
        sourceSums = Cli.checksums(material.directory().resolve(MultiPrintCase.PRINTS));
        out = shared.resolve("out");
        // prepared first, its source map planned as the wizard's review shows it, then run on from the preparation
        Cli.Run prepare = Cli.run("restore", "--workflow", "multiprint", "--prints", print(1).toString(), print(0).toString(), "--out",
                out.toString(), "--prepare-only");
        assertEquals(0, prepare.exit(), prepare.err());
        try (PreparedRun prepared = PreparedRun.open(out)) {
            prepared.planSources(null);
            plan = prepared.plannedSources();
            planElements = prepared.sourceElements();
            for (PreparedRun.PlannedSources frame : plan) {
                plannedMaps.put(frame.scanName(), prepared.plannedSourceMap(frame.index()));
            }
        }
        run = Cli.run("restore", "--workflow", "multiprint", "--prints", print(1).toString(), print(0).toString(), "--out",
                out.toString(), "--steps", "60", "--train-minutes", "5");
    }

    @AfterAll
    static void sourcesAreUnchanged() throws IOException {
        assertEquals(sourceSums, Cli.checksums(material.directory().resolve(MultiPrintCase.PRINTS)), "a restore must not modify its sources");
    }

    private static Path print(int k) {
        return material.prints().get(k).location();
    }

    @Test
    void theCompletePrintIsTheMasterAndItsPixelsAreKeptBitForBit() throws IOException {
        assertEquals(0, run.exit(), run.err());
        List<Path> masters = frames(print(0));
        assertEquals(masters.size(), frames(out.resolve("frames")).size(), "one restored frame per master frame");
        long kept = 0;
        for (Path file : masters) {
            String name = file.getFileName().toString();
            Image master = ImageFiles.read(file).image();
            Image result = ImageFiles.read(out.resolve("frames").resolve(name)).image();
            int[] sources = sources(name, master.width(), master.height());
            for (int p = 0; p < sources.length; p++) {
                if (sources[p] == 0 && distance(sources, p, master.width(), master.height()) > AWAY) {
                    for (int c = 3 * p; c < 3 * p + 3; c++) {
                        assertEquals(master.data()[c], result.data()[c], name + ": pixel " + p + " taken from the master changed");
                    }
                    kept++;
                }
            }
        }
        assertTrue(kept > 0, "pixels kept from the master");
    }

    @Test
    void theMastersDamageComesCloserToTheMasterWithoutDamageThanTheMasterAndTheMedian() throws IOException {
        assertEquals(0, run.exit(), run.err());
        double[] master = new double[2];
        double[] result = new double[2];
        double[] median = new double[2];
        double[][] colour = new double[3][2]; // master, composite, median: chroma ΔE2000 sum, pixels
        for (int k = 0; k < intactMaster.files().size(); k++) {
            String name = intactMaster.files().get(k).getFileName().toString();
            Image scan = ImageFiles.read(print(0).resolve(name)).image();
            Image truthMask = MaskFiles.read(material.prints().get(0).mask(k).orElseThrow(), scan.width(), scan.height());
            Image intactRgb = ImageFiles.read(intactMaster.files().get(k)).image();
            Image intact = Planes.luma(intactRgb);
            Image composite = ImageFiles.read(out.resolve("frames").resolve(name)).image();
            Image baseline = ImageFiles.read(out.resolve("baseline").resolve(name)).image();
            add(master, Psnr.error(Planes.luma(scan), intact, truthMask));
            add(result, Psnr.error(Planes.luma(composite), intact, truthMask));
            add(median, Psnr.error(Planes.luma(baseline), intact, truthMask));
            Image[] pictures = {scan, composite, baseline};
            for (int j = 0; j < 3; j++) {
                Colour.Stats chroma = Colour.stats(Colour.deltaE2000Map(pictures[j], intactRgb, true), truthMask);
                colour[j][0] += chroma.mean() * chroma.pixels();
                colour[j][1] += chroma.pixels();
            }
        }
        double m = Psnr.fromMse(master[0] / master[1]);
        double r = Psnr.fromMse(result[0] / result[1]);
        double b = Psnr.fromMse(median[0] / median[1]);
        assertTrue(r > m + 6 && r > b + 2, "luma PSNR in the master's damage: composite " + r + " dB, master " + m + " dB, median " + b + " dB");
        // colour prints: the composite's chroma in the master's damage is the master's where it agrees with the other
        // print's, else the other's, colour-matched, or inferred (this small film's damage hardly touches its colour)
        double mc = colour[0][0] / colour[0][1];
        double rc = colour[1][0] / colour[1][1];
        double bc = colour[2][0] / colour[2][1];
        assertTrue(rc < mc, "chroma ΔE2000 in the master's damage: composite " + rc + ", master " + mc + ", median " + bc);
    }

    /**
     * A seam is gradient a change of source adds: along the source maps' edges the composite's luma
     * gradient energy is compared with the frame's own there (the master without its damage). Where
     * one print meets another the blend must leave no more than the picture has. Where a print meets
     * an inferred hole the fill shows more (here a network trained for seconds, so mostly OpenCV's
     * inpainting, without grain, across object edges where no print kept them: about 5×); that is the
     * fill's quality, which the benchmark scores, and the bound only catches the outlines a broken fill
     * or blend leaves (they measured about 18×).
     */
    @Test
    void aChangeOfSourceShowsNoSeam() throws IOException {
        assertEquals(0, run.exit(), run.err());
        double[] prints = new double[2];
        double[] inferred = new double[2];
        for (Path file : intactMaster.files()) {
            String name = file.getFileName().toString();
            Image y = Planes.luma(ImageFiles.read(out.resolve("frames").resolve(name)).image());
            Image own = Planes.luma(ImageFiles.read(file).image());
            int[] sources = sources(name, y.width(), y.height());
            addEdges(y, own, sources, prints, inferred);
        }
        assertTrue(prints[1] > 0, "frames where the source changes from print to print");
        String figures = "gradient energy along the source maps' edges against the frame's own there: print to print " + prints[0] / prints[1]
                + ", print to inferred " + inferred[0] / inferred[1];
        assertTrue(prints[0] / prints[1] < 1.5, figures);
        assertTrue(inferred[1] == 0 || inferred[0] / inferred[1] < 10, figures);
    }

    /**
     * The source map planned before training (the wizard's review) is the map the render writes, by
     * the same rule: every pixel planned from a print comes from it; a pixel planned inferred is
     * inferred, or taken from a print the render found agreeing with the fill there. The planned
     * shares are the planned map's and sum to 100 %.
     */
    @Test
    void theSourceMapPlannedBeforeTrainingIsTheOneTheRenderWrites() throws IOException {
        assertEquals(0, run.exit(), run.err());
        List<String> masters = frames(print(0)).stream().map(p -> p.getFileName().toString()).toList();
        assertEquals(masters, plan.stream().map(PreparedRun.PlannedSources::scanName).toList(), "one planned row per master frame");
        assertEquals(3, planElements.size(), "the master, the other print, inferred: " + planElements);
        assertEquals("inferred", planElements.get(2));
        long planned = 0;
        long inferredTaken = 0;
        int identical = 0;
        for (PreparedRun.PlannedSources frame : plan) {
            int[] map = plannedMaps.get(frame.scanName());
            Image master = ImageFiles.read(print(0).resolve(frame.scanName())).image();
            int[] written = sources(frame.scanName(), master.width(), master.height());
            assertEquals(written.length, map.length, frame.scanName());
            boolean same = true;
            double[] percent = new double[planElements.size()];
            for (int i = 0; i < map.length; i++) {
                percent[map[i] == 255 ? 2 : map[i]] += 100.0 / map.length;
                if (map[i] != 255) {
                    assertEquals(map[i], written[i], frame.scanName() + ": pixel " + i + " planned from element " + map[i]);
                    planned++;
                } else if (written[i] != 255) {
                    inferredTaken++;
                }
                same &= map[i] == written[i];
            }
            identical += same ? 1 : 0;
            double sum = 0;
            for (int k = 0; k < percent.length; k++) {
                assertEquals(percent[k], frame.percent().get(k), 1e-9, frame.scanName() + " share of " + planElements.get(k));
                sum += frame.percent().get(k);
            }
            assertEquals(100, sum, 1e-9, frame.scanName());
        }
        assertTrue(planned > 0 && identical > 0, "pixels planned from a print " + planned + ", frames planned exactly " + identical + " of "
                + plan.size() + ", planned inferred but taken from a print " + inferredTaken);
    }

    @Test
    void theReportAndProvenanceSayWhereEveryPixelCameFrom() throws IOException {
        assertEquals(0, run.exit(), run.err());
        JsonObject report = JsonParser.parseString(Files.readString(out.resolve("report.json"))).getAsJsonObject();
        assertEquals("multiprint", report.get("target").getAsString());
        JsonObject sources = report.getAsJsonObject("sources");
        assertEquals(frames(print(0)).size(), sources.getAsJsonArray("frames").size());
        JsonObject all = sources.getAsJsonObject("percentOfAllFrames");
        double total = all.entrySet().stream().mapToDouble(e -> e.getValue().getAsDouble()).sum();
        assertEquals(100, total, 1e-6, all.toString());
        assertTrue(all.entrySet().stream().filter(e -> !e.getKey().equals("inferred")).allMatch(e -> e.getValue().getAsDouble() > 0),
                "every print gives pixels: " + all);
        JsonObject reference = report.getAsJsonObject("inputs").getAsJsonArray("references").get(0).getAsJsonObject();
        assertEquals(print(1).toString(), reference.get("location").getAsString());
        assertTrue(reference.get("meanConfidence").getAsDouble() > 0.5, reference.toString());
        JsonArray lacking = reference.getAsJsonArray("scanFramesLacking");
        assertEquals(material.prints().get(1).lacking(frames(print(0)).size()).size(), lacking.size(), reference.toString());
        JsonObject provenance = JsonParser.parseString(Files.readString(out.resolve("provenance.json"))).getAsJsonObject();
        assertTrue(provenance.toString().contains("compositeWithTrainedAlgorithmicMedia"), provenance.toString());
        assertTrue(provenance.has("sources"), "the provenance carries the source fractions");
        assertEquals(frames(print(0)).size(), frames(out.resolve("baseline")).size(), "the median of the prints, frame for frame");
        try (Stream<Path> maps = Files.list(out.resolve("masks").resolve("reference-1"))) {
            assertTrue(maps.count() >= frames(print(1)).size() - 2, "the other print's damage, frame by frame");
        }
        assertFalse(Files.exists(out.resolve("masks").resolve("line-candidates")), "the line-scratch candidates are in the maps, not left beside");
    }

    @Test
    void aPrintOfAnotherFilmIsRefusedNamingIt() throws IOException {
        MultiPrintCase other = new MultiPrintCase(new MultiPrintCase.Spec("other", new Truth.Spec(320, 240, 24, 1, 5), 2, 9));
        Path otherPrint = other.write(dir.resolve("other")).prints().get(1).location();
        Cli.Run bad = Cli.run("restore", "--workflow", "multiprint", "--prints", print(0).toString(), otherPrint.toString(), "--out",
                dir.resolve("out").toString(), "--steps", "20");
        Cli.assertOneLineError(bad, otherPrint.toString());
    }

    @Test
    void anUnreadablePrintIsRefusedNamingTheFile() throws IOException {
        Path broken = Files.createDirectories(dir.resolve("broken"));
        for (Path f : frames(print(1))) {
            Files.copy(f, broken.resolve(f.getFileName()));
        }
        Path bad = broken.resolve(frames(broken).get(0).getFileName());
        Files.write(bad, new byte[] {1, 2, 3});
        Cli.Run refused = Cli.run("restore", "--workflow", "multiprint", "--prints", print(0).toString(), broken.toString(), "--out",
                dir.resolve("out").toString(), "--steps", "20");
        Cli.assertOneLineError(refused, bad.getFileName().toString());
    }

    @Test
    void printsWithNoOverlapInTimeAreRefusedNamingTheFile() throws IOException {
        Path first = Files.createDirectories(dir.resolve("first"));
        Path last = Files.createDirectories(dir.resolve("last"));
        List<Path> a = frames(print(0));
        List<Path> b = frames(print(1));
        for (Path f : a.subList(0, 6)) {
            Files.copy(f, first.resolve(f.getFileName()));
        }
        for (Path f : b.subList(b.size() - 6, b.size())) {
            Files.copy(f, last.resolve(f.getFileName()));
        }
        Cli.Run refused = Cli.run("restore", "--workflow", "multiprint", "--prints", first.toString(), last.toString(), "--out",
                dir.resolve("out").toString(), "--steps", "20");
        Cli.assertOneLineError(refused, last.toString());
    }

    private static void add(double[] sum, Psnr.Error error) {
        sum[0] += error.mse() * error.pixels();
        sum[1] += error.pixels();
    }

    private static int[] sources(String name, int w, int h) throws IOException {
        Path file = out.resolve("sources").resolve(MaskFiles.fileName(name));
        assertTrue(Files.isRegularFile(file), "source map " + file);
        float[] codes = MaskFiles.read(file, w, h).data();
        int[] sources = new int[codes.length];
        for (int i = 0; i < codes.length; i++) {
            sources[i] = Math.round(codes[i] * 255);
        }
        return sources;
    }

    /** Chebyshev distance to the nearest pixel of another source (capped at AWAY + 1). */
    private static int distance(int[] sources, int i, int w, int h) {
        int x0 = i % w;
        int y0 = i / w;
        for (int r = 1; r <= AWAY; r++) {
            for (int y = Math.max(0, y0 - r); y <= Math.min(h - 1, y0 + r); y++) {
                for (int x = Math.max(0, x0 - r); x <= Math.min(w - 1, x0 + r); x++) {
                    if (sources[y * w + x] != sources[i]) {
                        return r;
                    }
                }
            }
        }
        return AWAY + 1;
    }

    /**
     * Adds the squared luma gradients (to the left and upper neighbour) of {@code y} and of {@code own}
     * where the source changes: into {@code prints} where both sides are prints, else into {@code inferred}.
     */
    private static void addEdges(Image y, Image own, int[] sources, double[] prints, double[] inferred) {
        int w = y.width();
        float[] v = y.data();
        float[] o = own.data();
        for (int i = w + 1; i < v.length; i++) {
            int other = sources[i] != sources[i - 1] ? sources[i - 1] : sources[i - w];
            if (i % w == 0 || other == sources[i]) {
                continue;
            }
            double[] sum = other == 255 || sources[i] == 255 ? inferred : prints;
            sum[0] += square(v[i] - v[i - 1]) + square(v[i] - v[i - w]);
            sum[1] += square(o[i] - o[i - 1]) + square(o[i] - o[i - w]);
        }
    }

    private static double square(double d) {
        return d * d;
    }

    private static List<Path> frames(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tif")).sorted().toList();
        }
    }
}
