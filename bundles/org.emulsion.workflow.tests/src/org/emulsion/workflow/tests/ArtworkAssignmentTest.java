package org.emulsion.workflow.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.emulsion.core.JsonFiles;
import org.emulsion.core.extensions.TemporalMatch;
import org.emulsion.core.image.FrameSource;
import org.emulsion.pipeline.Sources;
import org.emulsion.pipeline.internal.FrameRange;
import org.emulsion.pipeline.internal.ShotDetector;
import org.emulsion.pipeline.internal.ShotList;
import org.emulsion.simulator.ArtworkCase;
import org.emulsion.simulator.Truth;
import org.emulsion.workflow.artwork.internal.ArtworkAssignment;
import org.emulsion.workflow.artwork.internal.ArtworkFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonParser;

/**
 * The writing side of {@code --assign} (what the wizard's assignment page writes): artworks ticked per
 * shot are written as shot entries that {@link ArtworkAssignment#read} reads back against the real
 * artwork folder and the shots the run's own detector finds on a simulated scan, and applying the
 * assignment gives the ticked shots' frames the ticked artworks, in turn, and leaves the other frames
 * as retrieval chose them.
 */
class ArtworkAssignmentTest {
    @TempDir
    Path dir;

    @Test
    void theArtworksTickedPerShotAreWrittenReadBackAndGivenToThatShotsFrames() throws Exception {
        // the small case's test spec with longer shots, three of them scanned: the detector needs a few frames either side of a cut
        ArtworkCase.Spec spec = new ArtworkCase.Spec("artwork-chroma", new Truth.Spec(320, 240, 48, 6, 131), 3, 141);
        ArtworkCase.Written material = new ArtworkCase(spec).write(dir.resolve("case"));
        ArtworkFolder folder = ArtworkFolder.read(material.artwork().location());
        ShotList shots;
        int frames;
        try (FrameSource scan = Sources.open(Sources.scan(material.scan(), "--scan"), material.scan(), "--scan")) {
            frames = scan.frameCount();
            shots = ShotDetector.detect(scan, new NullProgressMonitor());
        }
        assertTrue(shots.shots().size() >= 2, "the simulated scan has three shots: " + shots.shots());
        assertTrue(folder.artworks().size() >= 4, folder.artworks().toString());
        String a = folder.artworks().get(0).name();
        String b = folder.artworks().get(1).name();
        String c = folder.artworks().get(2).name();
        int last = shots.shots().size();

        Path file = dir.resolve("assignment.json");
        // shot 1 takes b; the last shot a and c in turn; a shot with nothing ticked is left out
        ArtworkAssignment.write(file, Map.of(last, List.of(a, c), 1, List.of(b), last + 5, List.of()));
        assertEquals(JsonParser.parseString("{\"assign\": [{\"shot\": 1, \"artwork\": [\"" + b + "\"]}, {\"shot\": " + last
                + ", \"artwork\": [\"" + a + "\", \"" + c + "\"]}]}"), JsonFiles.read(file), Files.readString(file));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of("assignment.json", "case"), left.map(p -> p.getFileName().toString()).sorted().toList(),
                    "written in place, no temporary file left beside it");
        }

        ArtworkAssignment assignment = ArtworkAssignment.read(file, folder, frames, () -> shots);
        assertEquals(file, assignment.file());
        int retrieved = 3; // what retrieval chose for every frame, before the assignment
        int[] chosen = new int[frames];
        Arrays.fill(chosen, retrieved);
        double[] confidence = new double[frames];
        Arrays.fill(confidence, 0.4);
        TemporalMatch applied = assignment.apply(new TemporalMatch(chosen, confidence, "retrieval"));
        FrameRange first = shots.shots().get(0);
        FrameRange lastShot = shots.shots().get(last - 1);
        for (int f = 0; f < frames; f++) {
            int expected = first.contains(f) ? folder.indexOf(b)
                    : lastShot.contains(f) ? ((f - lastShot.first()) % 2 == 0 ? folder.indexOf(a) : folder.indexOf(c)) : retrieved;
            assertEquals(expected, applied.referenceFor(f), "frame " + f);
            assertEquals(first.contains(f) || lastShot.contains(f) ? 1 : 0.4, applied.confidenceOf(f), 1e-9, "frame " + f);
        }
        assertEquals(shots.shots().size() == 2, assignment.coversAll(frames));
        assertTrue(applied.method().startsWith(ArtworkAssignment.METHOD), applied.method());
    }
}
