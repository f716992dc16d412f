package org.emulsion.pipeline.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.image.FrameSource;
import org.emulsion.core.image.Image;
import org.emulsion.engine.ContactSheets;
import org.emulsion.engine.TrainingLog;
import org.emulsion.media.ImageFiles;
import org.emulsion.pipeline.internal.RestorationPipeline;
import org.emulsion.pipeline.Granularity;
import org.emulsion.pipeline.RunFolder;
import org.emulsion.pipeline.RunFolder.Layer;
import org.emulsion.pipeline.RunFolder.Picture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run folder read back for the viewer: before, during and after its run, and when its material moved. */
class RunFolderTest {
    private static final int FRAMES = 12;

    @TempDir
    Path dir;

    @Test
    void showsEachFramesScanRegisteredReferenceBaselineAndResultAndNamesWhatIsMissing() throws IOException, EmulsionException {
        Film film = Film.make(dir, FRAMES, 2, 5, Film.NONE, Film.NONE);
        Path out = dir.resolve("out");
        EmulsionException none = assertThrows(EmulsionException.class, () -> RunFolder.open(dir));
        assertTrue(none.getMessage().contains(dir.toString()) && none.getMessage().contains("no Emulsion run"), none.getMessage());

        // interrupted after four restored frames: aligned and trained, no baseline, no report
        NullProgressMonitor stopAfterFour = new NullProgressMonitor() {
            @Override
            public boolean isCanceled() {
                return count(out.resolve("frames")) >= 4;
            }
        };
        assertThrows(OperationCanceledException.class, () -> run(film, out, stopAfterFour));
        try (RunFolder run = RunFolder.open(out); FrameSource scan = Film.open(film.scan);
                FrameSource reference = Film.open(film.reference)) {
            assertEquals(FRAMES, run.frameCount());
            assertEquals("scan_0003.tif", run.frame(3).name());
            assertEquals(3, run.frame(3).referenceFrame(), "the stored temporal match");
            assertTrue(Stream.of(0, 1, 2, 3, 4, 5).anyMatch(f -> run.frame(f).role() == RunFolder.Role.PAIR));
            assertFalse(run.finished());
            assertTrue(run.unfinished().stream().anyMatch(l -> l.startsWith("report.json")), run.unfinished().toString());

            assertArrayEquals(scan.read(3).data(), run.read(3, Layer.SCAN).image().data());
            Picture registered = run.read(3, Layer.ALIGNED_REFERENCE);
            assertTrue(registered.present(), registered.note());
            assertTrue(meanDifference(registered.image(), reference.read(3)) < 0.01, "the reference lies on the scan as it was made");

            int restored = firstWith(out.resolve("frames"), true);
            int notYet = firstWith(out.resolve("frames"), false);
            assertArrayEquals(ImageFiles.read(out.resolve("frames").resolve(scan.frameName(restored))).image().data(),
                    run.read(restored, Layer.RESULT).image().data());
            Picture missing = run.read(notYet, Layer.RESULT);
            assertNull(missing.image());
            assertTrue(missing.note().startsWith("not restored yet"), missing.note());
            assertTrue(run.read(0, Layer.BASELINE).note().startsWith("not rendered yet"));

            // one model (sequence granularity on two similar shots), its contact sheet after step 100 and its log
            List<RunFolder.Model> models = run.models();
            assertEquals(1, models.size(), models.toString());
            RunFolder.Model model = models.get(0);
            assertEquals(List.of(ContactSheets.file(model.runDirectory(), 100)), model.contactSheets());
            List<ContactSheets.Row> tiles = RunFolder.tiles(model.contactSheets().get(0));
            assertTrue(tiles.size() >= 2, "training rows and held-out frames");
            assertEquals(tiles.get(0).input().width(), tiles.get(0).output().width());
            TrainingLog log = model.log();
            assertTrue(log.poll());
            assertEquals(100, log.lastStep());
            assertTrue(log.finished());
        }

        // the pipeline keeps an evidence frame's reference frame (a global alignment places it); without it, the
        // reference is read from its source and warped by the run's aligner, the same way
        Path stored = keptReference(out);
        int frame = Integer.parseInt(stored.getFileName().toString().replace(".exr", ""));
        Image before;
        try (RunFolder run = RunFolder.open(out)) {
            before = run.read(frame, Layer.ALIGNED_REFERENCE).image();
        }
        Files.move(stored, dir.resolve("set-aside.exr"));
        try (RunFolder run = RunFolder.open(out)) {
            Picture warped = run.read(frame, Layer.ALIGNED_REFERENCE);
            assertTrue(warped.present(), warped.note());
            assertTrue(meanDifference(warped.image(), before) < 0.002, "warped again as the pipeline warped it");
        }
        Files.move(dir.resolve("set-aside.exr"), stored);

        run(film, out, new NullProgressMonitor());
        try (RunFolder run = RunFolder.open(out)) {
            assertTrue(run.finished());
            assertEquals(List.of(), run.unfinished());
            for (int f = 0; f < FRAMES; f++) {
                assertTrue(run.read(f, Layer.RESULT).present());
                assertTrue(run.read(f, Layer.BASELINE).present());
            }
        }

        // the scan moved away: the frames cannot be listed, and the viewer is told where it was looked for
        Files.move(film.scan, dir.resolve("moved"));
        try (RunFolder run = RunFolder.open(out)) {
            assertEquals(0, run.frameCount());
            assertTrue(run.scanProblem().contains(film.scan.toString()), run.scanProblem());
        }
    }

    private static void run(Film film, Path out, IProgressMonitor monitor) throws IOException, EmulsionException {
        try (FrameSource scan = Film.open(film.scan); FrameSource reference = Film.open(film.reference)) {
            RestorationPipeline.run(Film.job(scan, film.scan, reference, film.reference, out, Film.aligner(), Film.training(100),
                    Granularity.SEQUENCE), monitor);
        }
    }

    /** Mean absolute difference where both are finite. */
    private static double meanDifference(Image a, Image b) {
        double sum = 0;
        long n = 0;
        for (int i = 0; i < a.data().length; i++) {
            float d = Math.abs(a.data()[i] - b.data()[i]);
            if (Float.isFinite(d)) {
                sum += d;
                n++;
            }
        }
        assertTrue(n > a.data().length / 2, "mostly covered");
        return sum / n;
    }

    private static int count(Path folder) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return (int) files.filter(f -> !f.getFileName().toString().startsWith(".")).count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The first frame index whose result is (or is not) in {@code frames}. */
    private static int firstWith(Path frames, boolean written) {
        for (int f = 0; f < FRAMES; f++) {
            if (Files.isRegularFile(frames.resolve(String.format("scan_%04d.tif", f))) == written) {
                return f;
            }
        }
        throw new AssertionError("no frame " + (written ? "" : "not ") + "written in " + frames);
    }

    private static Path keptReference(Path out) throws IOException {
        try (Stream<Path> files = Files.list(out.resolve("resume/references"))) {
            return files.sorted().findFirst().orElseThrow();
        }
    }
}
