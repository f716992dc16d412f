package org.emulsion.workflow.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.emulsion.bench.internal.CaseSpec;
import org.emulsion.bench.internal.RestoreCase;
import org.emulsion.media.ImageFiles;
import org.emulsion.pipeline.OutputFormat;
import org.emulsion.pipeline.Provenance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * {@code dvd-chroma} and {@code telecine-chroma} end to end on tiny simulated films, through the
 * command line: frames named like the scan's in the chosen format with provenance in every
 * header, the baseline, the reports, the provenance sidecar, and the sources untouched.
 */
class RestoreEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void dvdChromaWritesTiffFramesBaselineReportsAndProvenanceWithoutTouchingTheSources() throws IOException {
        RestoreCase simulated = Cli.simulate(CaseSpec.ReferenceKind.DVD, 71, dir.resolve("case"));
        // as on a disc: the main title's VOB in a VIDEO_TS folder, which is what --reference names
        Path videoTs = Files.createDirectories(dir.resolve("DISC/VIDEO_TS"));
        Files.move(simulated.reference(), videoTs.resolve("VTS_01_1.VOB"));
        RestoreCase material = new RestoreCase(simulated.scan(), videoTs);
        restoreAndCheck("dvd-chroma", material, OutputFormat.TIFF);

        // the same command again resumes: the temporal match, the alignment and the finished frames are reused
        Path out = dir.resolve("out");
        Map<Path, FileTime> written = modified(out.resolve("frames"));
        written.putAll(modified(out.resolve("resume")));
        Cli.Run again = Cli.restore("dvd-chroma", material.scan(), material.reference(), out, "--format", "tiff");
        assertEquals(0, again.exit(), again.err());
        Map<Path, FileTime> frames = modified(out.resolve("frames"));
        frames.forEach((f, t) -> assertEquals(written.get(f), t, f + " was written again"));
        for (String kept : List.of("temporal-match.json", "registration.json", "shots.json")) {
            Path file = out.resolve("resume").resolve(kept);
            assertEquals(written.get(file), Files.getLastModifiedTime(file), kept + " was computed again");
        }
    }

    private static Map<Path, FileTime> modified(Path folder) throws IOException {
        Map<Path, FileTime> times = new HashMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                times.put(f, Files.getLastModifiedTime(f));
            }
        }
        return times;
    }

    @Test
    void telecineChromaWritesExrFramesWithProvenanceAttributes() throws IOException {
        RestoreCase material = Cli.simulate(CaseSpec.ReferenceKind.TELECINE, 72, dir.resolve("case"));
        restoreAndCheck("telecine-chroma", material, OutputFormat.EXR);
    }

    private void restoreAndCheck(String workflow, RestoreCase material, OutputFormat format) throws IOException {
        Map<Path, String> before = Cli.checksums(material.scan());
        before.putAll(Cli.checksums(material.reference()));
        Path out = dir.resolve("out");

        Cli.Run run = Cli.restore(workflow, material.scan(), material.reference(), out, "--format", format.optionValue());
        assertEquals(0, run.exit(), run.err());

        Map<Path, String> after = Cli.checksums(material.scan());
        after.putAll(Cli.checksums(material.reference()));
        assertEquals(before, after, "the scan and the reference must not be modified");

        List<String> scanNames = names(material.scan());
        List<String> expected = scanNames.stream().map(format::fileName).toList();
        assertEquals(expected, names(out.resolve("frames")), "output frames mirror the scan's names");
        assertEquals(expected, names(out.resolve("baseline")), "the baseline has every frame");

        JsonObject report = json(out.resolve("report.json"));
        assertTrue(report.get("complete").getAsBoolean());
        assertEquals(workflow, report.get("workflow").getAsString());
        assertEquals(60, report.getAsJsonObject("training").get("steps").getAsInt());
        JsonObject heldOut = report.getAsJsonObject("heldOut");
        assertFalse(heldOut.get("frames").getAsString().isEmpty(), "held-out frames");
        for (String metric : List.of("deltaE2000Result", "deltaE2000Baseline", "deltaE2000ChromaResult", "deltaE2000ChromaBaseline")) {
            double v = heldOut.get(metric).getAsDouble();
            assertTrue(v > 0 && v < 60, metric + " = " + v);
        }
        System.out.println(workflow + " temporal match: " + report.get("temporalMethod").getAsString() + "; held-out " + heldOut);

        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<svg") && html.contains("<polyline"), "loss curve as inline SVG");
        assertTrue(html.contains("Held-out frames") && html.contains("Alignment") && html.contains("Treatment record"), "sections");

        JsonObject provenance = json(out.resolve("provenance.json"));
        assertEquals(Provenance.COMPOSITE_WITH_TRAINED, provenance.get("digitalSourceType").getAsString());
        assertEquals(workflow, provenance.get("workflow").getAsString());
        assertEquals(material.scan().toString(), provenance.get("sourceElement").getAsString());
        assertEquals(material.reference().toString(), provenance.get("reference").getAsString());
        assertFalse(provenance.get("toolVersion").getAsString().equals("unknown"));
        Map<String, JsonObject> models = new HashMap<>();
        int steps = 0;
        for (var m : provenance.getAsJsonArray("models")) {
            JsonObject model = m.getAsJsonObject();
            models.put(model.get("id").getAsString(), model);
            steps += model.get("steps").getAsInt();
            assertFalse(model.getAsJsonArray("pairs").isEmpty(), "pairs of " + model);
            assertEquals(Provenance.sha256(out.resolve(model.get("checkpoint").getAsString())), model.get("checkpointSha256").getAsString(),
                    "checkpoint hash");
        }
        assertEquals(60, steps, "the models share the job's steps");

        for (String name : List.of(expected.get(0), expected.get(expected.size() - 1))) {
            Map<String, String> metadata = ImageFiles.readMetadata(out.resolve("frames").resolve(name));
            assertEquals(Provenance.COMPOSITE_WITH_TRAINED, metadata.get(ImageFiles.KEY_DIGITAL_SOURCE_TYPE), name + ": " + metadata);
            JsonObject model = models.get(metadata.get("model"));
            assertNotNull(model, name + " names a model of provenance.json: " + metadata);
            assertEquals(model.get("checkpointSha256").getAsString(), metadata.get("checkpointSha256"), name);
            assertEquals(workflow, metadata.get("workflow"), name);
            assertEquals(scanNames.get(expected.indexOf(name)), metadata.get("sourceFrame"), name);
            assertTrue(metadata.get("pairs").contains(model.getAsJsonArray("pairs").get(0).getAsJsonObject().get("scanFrame").getAsString()));
            ImageFiles.Decoded frame = ImageFiles.read(out.resolve("frames").resolve(name));
            assertEquals(format.frameFormat().bitDepth(), frame.bitDepth(), name);
        }
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static JsonObject json(Path file) throws IOException {
        return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    }
}
