package org.emulsion.pipeline.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.image.FrameSource;
import org.emulsion.engine.TrainingSettings;
import org.emulsion.pipeline.Granularity;
import org.emulsion.pipeline.internal.RestorationPipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Frames smaller than the patches a model learns from are refused before training, naming the scan and the size it needs. */
class FrameSizeTest {
    @TempDir
    Path dir;

    @Test
    void framesSmallerThanATrainingPatchAreRefusedNamingTheScan() throws IOException {
        Film film = Film.make(dir, 6, 1, 23, Film.NONE, Film.NONE);
        int patch = 192; // a multiple of the network's, above the frames' 160-pixel side
        TrainingSettings training = new TrainingSettings(patch, 4, 5, Duration.ofHours(1), 2e-3f, Film.architecture().defaultPreset(), 3);
        Path out = dir.resolve("out");
        try (FrameSource scan = Film.open(film.scan); FrameSource reference = Film.open(film.reference)) {
            EmulsionException e = assertThrows(EmulsionException.class, () -> RestorationPipeline.run(
                    Film.job(scan, film.scan, reference, film.reference, out, Film.aligner(), training, Granularity.AUTO),
                    new NullProgressMonitor()));
            String message = e.getMessage();
            assertTrue(message.startsWith(film.scan.toString()) && message.contains(Film.WIDTH + "x" + Film.HEIGHT)
                    && message.contains("smaller than the " + patch + " px"), message);
        }
        assertFalse(Files.isDirectory(out.resolve("frames")) && Files.list(out.resolve("frames")).findAny().isPresent(),
                "no frame written");
    }
}
