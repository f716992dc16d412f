package org.emulsion.workflow.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        restoreAndCheck("dvd-chroma", new RestoreCase(simulated.scan(), videoTs), OutputFormat.TIFF);
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
        assertTrue(html.contains("Held-out frames") && html.contains("Alignment") && html.contains("Provenance"), "sections");

        JsonObject provenance = json(out.resolve("provenance.json"));
        assertEquals(Provenance.DIGITAL_SOURCE_TYPE, provenance.get("digitalSourceType").getAsString());
        assertEquals(workflow, provenance.get("workflow").getAsString());
        assertEquals(material.scan().toString(), provenance.get("sourceElement").getAsString());
        assertEquals(material.reference().toString(), provenance.get("reference").getAsString());
        assertEquals(60, provenance.get("steps").getAsInt());
        assertFalse(provenance.getAsJsonArray("pairs").isEmpty(), "pairs");
        assertFalse(provenance.get("toolVersion").getAsString().equals("unknown"));
        String sha = provenance.get("checkpointSha256").getAsString();
        assertEquals(Provenance.sha256(out.resolve(provenance.get("checkpoint").getAsString())), sha, "checkpoint hash");

        for (String name : List.of(expected.get(0), expected.get(expected.size() - 1))) {
            Map<String, String> metadata = ImageFiles.readMetadata(out.resolve("frames").resolve(name));
            assertEquals(Provenance.DIGITAL_SOURCE_TYPE, metadata.get(ImageFiles.KEY_DIGITAL_SOURCE_TYPE), name + ": " + metadata);
            assertEquals(sha, metadata.get("checkpointSha256"), name);
            assertEquals(workflow, metadata.get("workflow"), name);
            assertEquals(scanNames.get(expected.indexOf(name)), metadata.get("sourceFrame"), name);
            assertTrue(metadata.get("pairs").contains(provenance.getAsJsonArray("pairs").get(0).getAsJsonObject().get("scanFrame").getAsString()));
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
