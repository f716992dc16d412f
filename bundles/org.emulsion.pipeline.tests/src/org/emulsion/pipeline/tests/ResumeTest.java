package org.emulsion.pipeline.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.extensions.Aligner;
import org.emulsion.core.image.FrameSource;
import org.emulsion.engine.TrainingSettings;
import org.emulsion.media.ImageFiles;
import org.emulsion.pipeline.internal.RestorationPipeline;
import org.emulsion.pipeline.Granularity;
import org.emulsion.pipeline.OutputDirectory;
import org.emulsion.pipeline.PreparedRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** Re-running into the same output folder resumes an interrupted run; another run's folder is refused. */
class ResumeTest {
    @TempDir
    Path dir;

    @Test
    void anInterruptedRunContinuesWithoutAligningAgainOrRewritingFramesAndEqualsAStraightRun()
            throws IOException, EmulsionException {
        Film film = Film.make(dir, 12, 2, 7, Film.NONE, Film.NONE);
        Path straight = dir.resolve("straight");
        run(film, straight, Film.aligner(), Film.training(12), new NullProgressMonitor());

        Path resumed = dir.resolve("resumed");
        Film.CountingAligner first = new Film.CountingAligner(Film.aligner());
        NullProgressMonitor stopAfterFour = new NullProgressMonitor() {
            @Override
            public boolean isCanceled() {
                return frames(resumed).size() >= 4;
            }
        };
        assertThrows(OperationCanceledException.class, () -> run(film, resumed, first, Film.training(12), stopAfterFour));
        assertTrue(first.alignments > 0);
        Map<Path, FileTime> written = new TreeMap<>();
        for (Path f : frames(resumed)) {
            written.put(f, Files.getLastModifiedTime(f));
        }
        assertTrue(written.size() >= 4 && written.size() < 12, written.keySet().toString());

        Film.CountingAligner second = new Film.CountingAligner(Film.aligner());
        run(film, resumed, second, Film.training(12), new NullProgressMonitor());
        assertEquals(0, second.alignments, "the alignment is reused, not recomputed");
        for (Map.Entry<Path, FileTime> e : written.entrySet()) {
            assertEquals(e.getValue(), Files.getLastModifiedTime(e.getKey()), e.getKey() + " was written again");
        }
        List<Path> straightFrames = frames(straight);
        assertEquals(12, straightFrames.size());
        assertEquals(straightFrames.stream().map(Path::getFileName).toList(), frames(resumed).stream().map(Path::getFileName).toList());
        for (Path f : straightFrames) {
            Path other = resumed.resolve("frames").resolve(f.getFileName());
            assertArrayEquals(ImageFiles.read(f).image().data(), ImageFiles.read(other).image().data(), f.getFileName() + " differs");
            // the same weights made both (exact resume); only the date of writing differs
            Map<String, String> header = new HashMap<>(ImageFiles.readMetadata(f));
            Map<String, String> resumedHeader = new HashMap<>(ImageFiles.readMetadata(other));
            header.remove("date");
            resumedHeader.remove("date");
            assertEquals(header, resumedHeader, f.getFileName() + " provenance");
        }
        JsonObject report = JsonParser.parseString(Files.readString(resumed.resolve("report.json"))).getAsJsonObject();
        assertEquals(12, report.getAsJsonObject("training").get("steps").getAsInt());

        // the same folder with other settings: refused, naming what differs, nothing touched
        FileTime reportTime = Files.getLastModifiedTime(resumed.resolve("report.json"));
        EmulsionException refused = assertThrows(EmulsionException.class,
                () -> run(film, resumed, second, Film.training(13), new NullProgressMonitor()));
        assertTrue(refused.getMessage().contains("another run") && refused.getMessage().contains("training"), refused.getMessage());
        assertEquals(reportTime, Files.getLastModifiedTime(resumed.resolve("report.json")));
    }

    @Test
    void aLaunchFolderIsNewEmptyOrTheSameLaunch() throws IOException, EmulsionException {
        JsonObject launch = new JsonObject();
        launch.addProperty("workflow", "dvd-chroma");
        launch.addProperty("scan", "/films/a");
        Path out = OutputDirectory.prepare(dir.resolve("run"), launch);
        Files.writeString(out.resolve("report.json"), "{}");
        assertEquals(out, OutputDirectory.prepare(out, launch), "the same launch resumes");
        JsonObject other = launch.deepCopy();
        other.addProperty("scan", "/films/b");
        EmulsionException refused = assertThrows(EmulsionException.class, () -> OutputDirectory.prepare(out, other));
        assertTrue(refused.getMessage().contains("another run") && refused.getMessage().contains("scan"), refused.getMessage());
        Path foreign = Files.createDirectories(dir.resolve("foreign"));
        Files.writeString(foreign.resolve("notes.txt"), "mine");
        refused = assertThrows(EmulsionException.class, () -> OutputDirectory.prepare(foreign, launch));
        assertTrue(refused.getMessage().contains("not empty"), refused.getMessage());
        assertEquals("mine", Files.readString(foreign.resolve("notes.txt")));
        assertThrows(EmulsionException.class, () -> OutputDirectory.prepare(out), "plain prepare stays new-or-empty");
    }

    @Test
    void aStagedFolderTakesTheRunWithOtherTrainingSettingsOnceAndAForeignFolderIsRefused() throws IOException, EmulsionException {
        JsonObject prepared = new JsonObject();
        prepared.addProperty("workflow", "dvd-chroma");
        prepared.addProperty("train-minutes", "10");
        Path out = OutputDirectory.stage(dir.resolve("staged"), prepared);
        assertEquals(out, OutputDirectory.stage(out, prepared), "preparing again");
        EmulsionException unprepared = assertThrows(EmulsionException.class, () -> PreparedRun.open(out));
        assertTrue(unprepared.getMessage().contains(out.toString()) && unprepared.getMessage().contains("no finished preparation"),
                unprepared.getMessage());
        JsonObject run = prepared.deepCopy();
        run.addProperty("train-minutes", "3");
        assertEquals(out, OutputDirectory.prepare(out, run), "the run after a preparation chooses its own training settings");
        EmulsionException refused = assertThrows(EmulsionException.class, () -> OutputDirectory.prepare(out, prepared));
        assertTrue(refused.getMessage().contains("train-minutes"), "then they are fixed: " + refused.getMessage());

        Path foreign = Files.createDirectories(dir.resolve("foreign"));
        Files.writeString(foreign.resolve("notes.txt"), "mine");
        refused = assertThrows(EmulsionException.class, () -> OutputDirectory.stage(foreign, prepared));
        assertTrue(refused.getMessage().contains("not empty") && refused.getMessage().contains(foreign.toString()), refused.getMessage());
        try (Stream<Path> left = Files.list(foreign)) {
            assertEquals(List.of(foreign.resolve("notes.txt")), left.toList(), "nothing written into it");
        }
    }

    private static void run(Film film, Path out, Aligner aligner, TrainingSettings training,
            org.eclipse.core.runtime.IProgressMonitor monitor) throws IOException, EmulsionException {
        try (FrameSource scan = Film.open(film.scan); FrameSource reference = Film.open(film.reference)) {
            RestorationPipeline.run(Film.job(scan, film.scan, reference, film.reference, out, aligner, training, Granularity.AUTO), monitor);
        }
    }

    private static List<Path> frames(Path out) {
        Path dir = out.resolve("frames");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tif") && !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
