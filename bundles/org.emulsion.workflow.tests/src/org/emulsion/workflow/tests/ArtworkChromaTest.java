package org.emulsion.workflow.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.emulsion.compose.Luma;
import org.emulsion.core.image.Image;
import org.emulsion.media.ImageFiles;
import org.emulsion.media.MaskFiles;
import org.emulsion.pipeline.Provenance;
import org.emulsion.simulator.ArtworkCase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * artwork-chroma end to end on a small simulated case (a faded scan of two shots, paintings and
 * stills of the film's other shots): the output keeps the scan's luma bit for bit, a confidence map
 * is written per frame, the report and provenance name every artwork file with its SHA-256 and say
 * the colour is inferred from artwork; unreadable and tiny files are named and skipped with a
 * warning; an assignment file is honoured, by frames and by shot; an empty folder is a one-line error.
 */
class ArtworkChromaTest {
    @TempDir
    static Path shared;
    private static ArtworkCase.Written material;
    private static Path artwork;
    private static Map<Path, String> sourceSums;
    private static Path out;
    private static Cli.Run run;

    @TempDir
    Path dir;

    @BeforeAll
    static void restore() throws IOException {
        material = new ArtworkCase(ArtworkCase.Spec.small()).write(shared.resolve("case"));
        artwork = material.artwork().location();
        Files.write(artwork.resolve("broken.jpg"), new byte[] {1, 2, 3, 4, 5});
        ImageFiles.write(artwork.resolve("tiny.png"), Image.blank(40, 30, 3), 8);
        sourceSums = Cli.checksums(material.scan());
        sourceSums.putAll(Cli.checksums(artwork));
        out = shared.resolve("out");
        run = Cli.run("restore", "--workflow", "artwork-chroma", "--scan", material.scan().toString(), "--artwork",
                artwork.toString(), "--out", out.toString(), "--steps", "80", "--train-minutes", "5");
    }

    @AfterAll
    static void sourcesAreUnchanged() throws IOException {
        Map<Path, String> after = Cli.checksums(material.scan());
        after.putAll(Cli.checksums(artwork));
        assertEquals(sourceSums, after, "a restore must not modify its sources");
    }

    @Test
    void theOutputKeepsTheScansLumaBitForBitAndMapsItsConfidence() throws IOException {
        assertEquals(0, run.exit(), run.err());
        List<Path> scans = frames(material.scan());
        assertEquals(scans.size(), frames(out.resolve("frames")).size(), "one restored frame per scan frame");
        boolean changed = false;
        for (Path scanFile : scans) {
            String name = scanFile.getFileName().toString();
            Image scan = ImageFiles.read(scanFile).image();
            Image result = ImageFiles.read(out.resolve("frames").resolve(name)).image();
            assertArrayEquals(Luma.codes(scan), Luma.codes(result), name + ": the scan's 16-bit luma");
            changed |= !java.util.Arrays.equals(scan.data(), result.data());
            Image confidence = MaskFiles.read(out.resolve("confidence").resolve(MaskFiles.fileName(name)));
            assertEquals(scan.width(), confidence.width(), name);
            assertEquals(scan.height(), confidence.height(), name);
        }
        assertTrue(changed, "the colour changed");
        assertEquals(scans.size(), frames(out.resolve("baseline")).size(), "the global transfer, frame for frame");
    }

    @Test
    void theReportAndProvenanceNameEveryArtworkAndSayTheColourIsInferred() throws IOException {
        assertEquals(0, run.exit(), run.err());
        JsonObject report = json(out.resolve("report.json"));
        assertEquals("artwork", report.get("target").getAsString());
        JsonObject provenance = json(out.resolve(Provenance.SIDECAR));
        assertTrue(provenance.get("digitalSourceType").getAsString().endsWith("/trainedAlgorithmicMedia"), provenance.toString());
        assertTrue(provenance.get("note").getAsString().contains("artwork"), provenance.get("note").getAsString());
        JsonObject files = provenance.getAsJsonObject(Provenance.REFERENCE_FILES);
        try (Stream<Path> list = Files.list(artwork)) {
            for (Path f : list.filter(p -> p.toString().endsWith(".png") && !p.endsWith("tiny.png")).toList()) {
                assertEquals(Provenance.sha256(f), files.get(f.getFileName().toString()).getAsString(), f.toString());
            }
        }
        assertTrue(report.getAsJsonObject("palette").getAsJsonArray("colours").size() > 0, report.get("palette").toString());
        assertTrue(report.toString().contains("estimatedFade"), "the estimated fade is reported");
        // the page shows, shot by shot, thumbnails of the artwork the frames took (in sRGB) beside the shot's first frame
        String page = Files.readString(out.resolve("report.html"));
        assertTrue(page.contains("id=\"artwork-by-shot\""), "the artwork used per shot is shown");
        String used = report.getAsJsonArray("alignment").get(0).getAsJsonObject().get("referenceFrame").getAsString();
        String thumbnail = "report-files/artwork/" + used.substring(0, used.lastIndexOf('.')) + ".jpg";
        assertTrue(page.contains(thumbnail) && Files.isRegularFile(out.resolve(thumbnail)), thumbnail + " on the page and in the run");
        for (JsonElement f : report.getAsJsonObject("artwork").getAsJsonArray("files")) {
            assertTrue(f.getAsJsonObject().get("colourEncoding").getAsString().startsWith("sRGB"), f.toString());
        }
        Map<String, String> header = ImageFiles.readMetadata(frames(out.resolve("frames")).get(0));
        assertTrue(header.values().stream().anyMatch(v -> v.endsWith("/trainedAlgorithmicMedia")), header.toString());
    }

    @Test
    void unreadableAndTinyArtworkIsNamedAndSkippedWithAWarning() throws IOException {
        assertEquals(0, run.exit(), run.err());
        JsonObject skipped = new JsonObject();
        for (JsonElement e : json(out.resolve("report.json")).getAsJsonObject("artwork").getAsJsonArray("skipped")) {
            skipped.add(e.getAsJsonObject().get("file").getAsString(), e.getAsJsonObject().get("why"));
        }
        assertEquals(2, skipped.size(), skipped.toString());
        assertTrue(skipped.get("broken.jpg").getAsString().contains("cannot be decoded"), skipped.toString());
        assertTrue(skipped.get("tiny.png").getAsString().contains("40x30"), skipped.toString());
        assertTrue(run.out().contains("warning") && run.out().contains("broken.jpg") && run.out().contains("tiny.png"), run.out());
    }

    @Test
    void anAssignmentFileIsHonoured() throws IOException {
        int frames = frames(material.scan()).size();
        Path assign = dir.resolve("assign.json");
        // every frame, then the first shot (numbered from 1 as in the report) again: later entries win
        Files.writeString(assign, "{\"assign\": [{\"frames\": \"0-" + (frames - 1) + "\", \"artwork\": [\"artwork_003.png\"]}, "
                + "{\"shot\": 1, \"artwork\": [\"artwork_005.png\"]}]}");
        Path prepared = dir.resolve("prepared");
        Cli.Run prepare = Cli.run("restore", "--workflow", "artwork-chroma", "--scan", material.scan().toString(), "--artwork",
                artwork.toString(), "--assign", assign.toString(), "--out", prepared.toString(), "--prepare-only");
        assertEquals(0, prepare.exit(), prepare.err());
        JsonObject alignment = json(prepared.resolve("alignment").resolve("alignment.json"));
        int matched = 0;
        int firstShot = 0;
        for (JsonElement e : alignment.getAsJsonArray("frames")) {
            String name = e.getAsJsonObject().get("referenceName").getAsString();
            if (matched == firstShot && name.equals("artwork_005.png")) {
                firstShot++; // the first shot's frames, from frame 0 on
            } else {
                assertEquals("artwork_003.png", name, e.toString());
            }
            matched++;
        }
        assertEquals(frames, matched);
        assertTrue(firstShot > 0, "the first shot took the artwork assigned to it");
        Path noShot = dir.resolve("no-shot.json");
        Files.writeString(noShot, "{\"assign\": [{\"shot\": 99, \"artwork\": [\"artwork_003.png\"]}]}");
        Cli.assertOneLineError(Cli.run("restore", "--workflow", "artwork-chroma", "--scan", material.scan().toString(), "--artwork",
                artwork.toString(), "--assign", noShot.toString(), "--out", dir.resolve("no-shot").toString()), noShot.toString(),
                "shot 99");
        Path wrong = dir.resolve("wrong.json");
        Files.writeString(wrong, "{\"assign\": [{\"frames\": \"0-1\", \"artwork\": [\"tiny.png\"]}]}");
        Cli.assertOneLineError(Cli.run("restore", "--workflow", "artwork-chroma", "--scan", material.scan().toString(), "--artwork",
                artwork.toString(), "--assign", wrong.toString(), "--out", dir.resolve("wrong").toString()), wrong.toString(), "tiny.png");
    }

    @Test
    void anEmptyFolderIsAOneLineError() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("no-artwork"));
        Cli.Run bad = Cli.run("restore", "--workflow", "artwork-chroma", "--scan", material.scan().toString(), "--artwork",
                empty.toString(), "--out", dir.resolve("out").toString());
        Cli.assertOneLineError(bad, empty.toString(), "no usable artwork");
    }

    private static JsonObject json(Path file) throws IOException {
        return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    }

    private static List<Path> frames(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tif")).sorted().toList();
        }
    }
}
