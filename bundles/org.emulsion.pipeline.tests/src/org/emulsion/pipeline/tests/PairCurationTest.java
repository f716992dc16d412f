package org.emulsion.pipeline.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.image.FrameSource;
import org.emulsion.pipeline.internal.RestorationPipeline;
import org.emulsion.pipeline.Evidence;
import org.emulsion.pipeline.internal.Registration;
import org.emulsion.pipeline.Granularity;
import org.emulsion.pipeline.internal.PairCuration;
import org.emulsion.pipeline.internal.PairCuration.Candidate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** Pair curation on a reference with black frames, a logo and a subtitle, and the restorer's overrides. */
class PairCurationTest {
    @TempDir
    Path dir;

    @Test
    void blackLogoAndSubtitleFramesAreRejectedAndTheRestorersEditIsHonouredWithoutAligningAgain()
            throws IOException, EmulsionException {
        // 3 shots of 8 frames; one pair tried per frame (trainEvery 1), so every frame is a candidate but the two
        // held out for validation (6 and 18, at a quarter and three quarters of the film)
        Film film = Film.make(dir, 24, 3, 5, Film.NONE, (f, image) -> switch (f) {
            case 2, 3 -> Film.black(image);
            case 10 -> Film.logo(image);
            case 13 -> Film.subtitle(image);
            default -> image;
        });
        Path out = dir.resolve("out");
        Film.CountingAligner aligner = new Film.CountingAligner(Film.aligner());
        Registration registration;
        try (FrameSource scan = Film.open(film.scan); FrameSource reference = Film.open(film.reference)) {
            registration = RestorationPipeline.prepare(Film.job(scan, film.scan, reference, film.reference, out, aligner,
                    Film.training(10), Granularity.AUTO), new NullProgressMonitor());
            // the pairs are read from the output folder where they are used, not held for the whole run
            Evidence first = registration.pairs().get(0);
            Evidence again = registration.pairs().get(0);
            assertNotSame(first, again);
            assertArrayEquals(first.reference().data(), again.reference().data(), "the same registered reference each time");
        }
        assertEquals(24, aligner.alignments);
        Map<Integer, Candidate> candidates = byFrame(registration.candidates());
        assertEquals(22, candidates.size());
        assertEquals(List.of("scan_0006.tif", "scan_0018.tif"),
                registration.heldOut().stream().map(Evidence::name).toList());
        assertTrue(candidates.get(2).reason().contains("black"), candidates.get(2).toString());
        assertTrue(candidates.get(3).reason().contains("black"), candidates.get(3).toString());
        assertTrue(candidates.get(10).reason().contains("logo"), candidates.get(10).toString());
        assertTrue(candidates.get(13).reason().contains("subtitle"), candidates.get(13).toString());
        // no other frame is refused by the curation's own checks (the aligner may refuse one it cannot match)
        int chosen = 0;
        for (Candidate c : candidates.values()) {
            boolean bad = List.of(2, 3, 10, 13).contains(c.scanFrame());
            assertTrue(bad != c.chosen() || c.reason().startsWith("the aligner refused"), c.toString());
            chosen += c.chosen() ? 1 : 0;
        }
        assertTrue(chosen >= 16, chosen + " chosen");
        assertEquals(chosen, registration.pairs().size());
        assertTrue(candidates.get(5).chosen(), candidates.get(5).toString());

        // the restorer drops frame 5 and insists on frame 10 in pairs.json
        Path file = out.resolve(PairCuration.FILE);
        JsonObject pairs = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        assertEquals(22, pairs.getAsJsonArray("candidates").size());
        for (JsonElement e : pairs.getAsJsonArray("candidates")) {
            JsonObject c = e.getAsJsonObject();
            int frame = c.get("scanIndex").getAsInt();
            if (frame == 5 || frame == 10) {
                c.addProperty("chosen", frame == 10);
            }
        }
        Files.writeString(file, pairs.toString());

        Film.CountingAligner again = new Film.CountingAligner(Film.aligner());
        try (FrameSource scan = Film.open(film.scan); FrameSource reference = Film.open(film.reference)) {
            registration = RestorationPipeline.prepare(Film.job(scan, film.scan, reference, film.reference, out, again,
                    Film.training(10), Granularity.AUTO), new NullProgressMonitor());
        }
        assertEquals(0, again.alignments, "the stored alignment is reused");
        candidates = byFrame(registration.candidates());
        assertTrue(candidates.get(10).chosen() && candidates.get(10).overridden());
        assertFalse(candidates.get(5).chosen());
        assertTrue(candidates.get(5).overridden());
        List<String> names = registration.pairs().stream().map(Evidence::name).toList();
        assertTrue(names.contains("scan_0010.tif") && !names.contains("scan_0005.tif"), names.toString());
        assertEquals(chosen, names.size());
        assertTrue(registration.frames().get(10).training() && !registration.frames().get(5).training());
    }

    private static Map<Integer, Candidate> byFrame(List<Candidate> candidates) {
        Map<Integer, Candidate> map = new TreeMap<>();
        candidates.forEach(c -> assertNull(map.put(c.scanFrame(), c), "frame listed twice: " + c));
        return map;
    }
}
