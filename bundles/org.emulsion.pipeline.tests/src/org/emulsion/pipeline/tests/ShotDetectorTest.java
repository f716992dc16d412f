package org.emulsion.pipeline.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.emulsion.core.extensions.TemporalAlignerRegistry;
import org.emulsion.core.image.FrameSource;
import org.emulsion.pipeline.internal.FrameRange;
import org.emulsion.pipeline.internal.ShotDetector;
import org.emulsion.pipeline.internal.ShotList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shots and scenes found on simulated scans. */
class ShotDetectorTest {
    @TempDir
    Path dir;

    @Test
    void cutsAreFoundAtTheSimulatorsShotsDespiteFlickerGrainAndDust() throws IOException {
        Film film = Film.make(dir, 60, 5, 11, Film.NONE, Film.NONE);
        try (FrameSource scan = Film.open(film.scan)) {
            ShotList shots = ShotDetector.detect(scan, new NullProgressMonitor());
            assertEquals(film.truth.shotStarts(), Film.starts(shots.shots()));
            assertEquals(59, shots.shots().get(shots.shots().size() - 1).last());
            assertWholeShots(shots);
        }
    }

    @Test
    void aShotOfAnotherColourStartsANewSceneAndAlikeShotsShareOne() throws IOException {
        // shots 0-1 as filmed, shots 2-3 under a strong cast (another scene's light)
        Film film = Film.make(dir, 48, 4, 12, (f, image) -> f >= 24 ? Film.cast(image, 0.55, 0.9, 1.35) : image, Film.NONE);
        try (FrameSource scan = Film.open(film.scan)) {
            ShotList shots = ShotDetector.detect(scan, new NullProgressMonitor());
            assertEquals(film.truth.shotStarts(), Film.starts(shots.shots()));
            assertEquals(List.of(0, 24), Film.starts(shots.scenes()), "scenes " + shots.scenes());
            assertWholeShots(shots);
        }
    }

    /** The temporal match decodes every scan frame in order: the shots found from those frames are the shots. */
    @Test
    void theShotsFoundWhileTheTemporalMatchReadsTheScanAreThoseOfAPassOfTheirOwn() throws IOException {
        Film film = Film.make(dir, 36, 3, 12, Film.NONE, Film.NONE);
        try (FrameSource scan = Film.open(film.scan); FrameSource reference = Film.open(film.reference)) {
            ShotList own = ShotDetector.detect(scan, new NullProgressMonitor());
            Optional<ShotList> tapped;
            try (ShotDetector.Tap tap = ShotDetector.tap(scan)) {
                TemporalAlignerRegistry.get().get("org.emulsion.align.structureDp").instance().match(tap, reference,
                        new NullProgressMonitor());
                tapped = tap.shots();
            }
            assertTrue(tapped.isPresent(), "the match read every frame in order");
            assertEquals(own.toJson(), tapped.get().toJson());

            try (ShotDetector.Tap tap = ShotDetector.tap(scan)) {
                for (int i = 1; i < scan.frameCount(); i++) {
                    tap.read(i); // frame 0 never read: no shots from this pass
                }
                assertTrue(tap.shots().isEmpty());
            }
        }
    }

    /** Scenes are runs of whole shots covering the film. */
    private static void assertWholeShots(ShotList shots) {
        List<Integer> shotStarts = Film.starts(shots.shots());
        int next = 0;
        for (FrameRange scene : shots.scenes()) {
            assertEquals(next, scene.first());
            assertTrue(shotStarts.contains(scene.first()), scene.toString());
            next = scene.last() + 1;
        }
        assertEquals(shots.frames().size(), next);
    }
}
