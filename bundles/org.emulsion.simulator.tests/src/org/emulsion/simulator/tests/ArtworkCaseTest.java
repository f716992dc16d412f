package org.emulsion.simulator.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.emulsion.simulator.ArtworkCase;
import org.emulsion.simulator.ArtworkResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** Artwork of the film's other shots: the same set, never a frame of the scan, and the truth colour to score against. */
class ArtworkCaseTest {
    @TempDir
    static Path dir;
    static ArtworkCase.Written written;

    @BeforeAll
    static void write() throws Exception {
        written = new ArtworkCase(ArtworkCase.Spec.small()).write(dir);
    }

    @Test
    void artworkShowsOtherShotsOfTheSameSetAndNeverAScannedFrame() throws Exception {
        assertEquals(2, written.scannedShots().size());
        assertEquals(8, written.scanFrames().size(), "two shots of four frames");
        assertEquals(2 * 4, written.artwork().stills().size(), "two stills of each other shot");
        for (ArtworkResult.Still s : written.artwork().stills()) {
            assertFalse(written.scanFrames().contains(s.truthFrame()), "still of scanned frame " + s.truthFrame());
            assertFalse(written.scannedShots().contains(s.shot()), "still of scanned shot " + s.shot());
        }
        assertTrue(written.artwork().stills().stream().anyMatch(s -> s.style().equals("photograph")));
        assertTrue(written.artwork().stills().stream().anyMatch(s -> s.style().equals("paint")));
        JsonObject json = JsonParser.parseString(Files.readString(dir.resolve(ArtworkCase.SIDECAR))).getAsJsonObject();
        for (JsonElement shot : json.getAsJsonArray("scannedShots")) {
            double covered = shot.getAsJsonObject().get("coveredByArtwork").getAsDouble();
            System.out.printf("scanned shot %d: %.0f %% of its set shown by the artwork%n", shot.getAsJsonObject().get("shot").getAsInt(),
                    100 * covered);
            assertTrue(covered > 0.5, "the artwork shows the scan's subjects");
        }
    }

    @Test
    void truthColourIsThereForEveryScanFrameUnderItsName() throws Exception {
        assertEquals(CaseImages.files(written.scan()).stream().map(p -> p.getFileName().toString()).toList(),
                CaseImages.files(written.truth()).stream().map(p -> p.getFileName().toString()).toList());
        assertEquals(String.format("scan_%06d.tif", written.scanFrames().get(0)),
                CaseImages.files(written.scan()).get(0).getFileName().toString(), "named by film frame");
    }
}
