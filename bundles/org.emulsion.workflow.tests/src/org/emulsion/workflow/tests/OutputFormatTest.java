package org.emulsion.workflow.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.emulsion.core.EmulsionException;
import org.emulsion.core.image.Image;
import org.emulsion.media.ImageFiles;
import org.emulsion.pipeline.OutputFormat;
import org.emulsion.pipeline.Provenance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every delivery format names frames after the scan's and carries the whole provenance record in its header. */
class OutputFormatTest {
    @TempDir
    Path dir;

    private static final Provenance PROVENANCE = new Provenance("Emulsion", "0.1.0.test", "dvd-chroma", "/scans/reel1",
            "/dvd/VIDEO_TS", List.of(new Provenance.ModelRecord("sequence", "the whole film",
                    List.of(new Provenance.Pair("reel1_000003.dpx", 17), new Provenance.Pair("reel1_000006.dpx", 20)), 1234,
                    "model/sequence/chroma-0000.params", "ab".repeat(32))),
            Instant.parse("2026-11-25T01:00:00Z"), Provenance.COMPOSITE_WITH_TRAINED,
            "Chroma (CbCr) inferred by a network trained on this film's reference; luma is the scan's, unchanged.");

    @Test
    void eachFormatWritesItsBitDepthUnderTheScansNameWithProvenance() throws IOException {
        Image image = Image.blank(64, 48, 3);
        for (int i = 0; i < image.data().length; i++) {
            image.data()[i] = (i % 97) / 97f;
        }
        for (OutputFormat format : OutputFormat.values()) {
            Path file = format.write(dir, "reel1_000003.dpx", image, PROVENANCE.frameMetadata("reel1_000003.dpx", 0));
            assertEquals("reel1_000003." + format.frameFormat().extension(), file.getFileName().toString());
            ImageFiles.Decoded back = ImageFiles.read(file);
            assertEquals(format.frameFormat().bitDepth(), back.bitDepth(), format.toString());
            Map<String, String> metadata = ImageFiles.readMetadata(file);
            assertEquals(Provenance.COMPOSITE_WITH_TRAINED, metadata.get(ImageFiles.KEY_DIGITAL_SOURCE_TYPE), format + ": " + metadata);
            assertEquals("reel1_000003.dpx=17 reel1_000006.dpx=20", metadata.get("pairs"), format.toString());
            assertEquals("ab".repeat(32), metadata.get("checkpointSha256"), format.toString());
            assertEquals("1234", metadata.get("steps"), format.toString());
            assertEquals("reel1_000003.dpx", metadata.get("sourceFrame"), format.toString());
            assertEquals("2026-11-25T01:00:00Z", metadata.get("date"), format.toString());
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().contains("partial")), "no temporary file is left");
        }
    }

    @Test
    void optionValuesAreParsedAndOthersRefused() throws EmulsionException {
        assertEquals(OutputFormat.DPX, OutputFormat.parse("DPX"));
        assertEquals(OutputFormat.TIFF, OutputFormat.parse("tiff"));
        EmulsionException e = assertThrows(EmulsionException.class, () -> OutputFormat.parse("jpeg"));
        assertTrue(e.getMessage().contains("[tiff, dpx, exr]"), e.getMessage());
    }

    @Test
    void theSidecarHoldsTheSameRecord() throws IOException {
        PROVENANCE.writeSidecar(dir);
        String json = Files.readString(dir.resolve(Provenance.SIDECAR));
        assertTrue(json.contains("\"referenceFrame\": 20") && json.contains("compositeWithTrainedAlgorithmicMedia")
                && json.contains("\"checkpointSha256\": \"" + "ab".repeat(32) + "\""), json);
    }
}
