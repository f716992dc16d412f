package org.emulsion.workflow.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.emulsion.core.JsonFiles;
import org.emulsion.simulator.MultiPrintCase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;

/**
 * {@code bench restore --workflow multiprint} (issue P9's timing) on a tiny case: the simulated
 * prints are restored by the installed workflow end to end, every master frame is written, and the
 * results give the stages the run went through (registration with its damage detection, training,
 * rendering), the end to end time without the simulation, per frame, and the target judged only
 * for P9's own case. Wrong usage is refused before any work.
 */
class MultiPrintTimingTest {
    private static final int FRAMES = 8;

    @TempDir
    Path dir;

    @Test
    void benchRestoreTimesTheMultiPrintWorkflowEndToEnd() throws IOException {
        Path json = dir.resolve("multiprint.json");
        Path work = dir.resolve("work");
        Cli.Run run = Cli.run("bench", "restore", "--workflow", "multiprint", "--prints", "2", "--frames", Integer.toString(FRAMES),
                "--size", "320x240", "--train-minutes", "1", "--steps", "10", "--json", json.toString(), "--work", work.toString());
        assertEquals(0, run.exit(), run.err());

        JsonObject results = JsonFiles.read(json);
        JsonObject job = results.getAsJsonObject("job");
        assertEquals("multiprint", job.get("workflow").getAsString());
        assertEquals(2, job.get("prints").getAsInt());
        assertTrue(job.getAsJsonObject("sourcePercent").has("inferred"), job.toString());
        assertEquals(10, job.get("trainingSteps").getAsInt(), "the step cap reached the workflow");
        JsonObject stages = results.getAsJsonObject("stages");
        for (String stage : new String[] {"temporalSeconds", "registrationSeconds", "spatialAlignmentSeconds", "damageDetectionSeconds",
            "trainingSeconds", "inferenceWriteSeconds", "baselineReportSeconds"}) {
            assertTrue(stages.get(stage).getAsDouble() > 0, stage + " measured: " + stages);
        }
        double total = stages.get("totalSeconds").getAsDouble();
        double sum = Stream.of("temporalSeconds", "registrationSeconds", "trainingSeconds", "inferenceWriteSeconds", "baselineReportSeconds")
                .mapToDouble(s -> stages.get(s).getAsDouble()).sum();
        assertTrue(sum <= total + 1e-6 && sum > 0.9 * total, "the stages make up the run: " + stages);
        assertTrue(stages.get("registrationSeconds").getAsDouble() >= stages.get("damageDetectionSeconds").getAsDouble(),
                "damage detection is part of the registration: " + stages);
        assertEquals(total / FRAMES, results.getAsJsonObject("secondsPerFrame").get("totalSeconds").getAsDouble(), 1e-9);
        JsonObject header = results.getAsJsonObject("run");
        double simulation = header.get("simulationSeconds").getAsDouble();
        assertTrue(simulation > 0 && total <= header.get("seconds").getAsDouble() - simulation + 1e-6,
                "the simulation is timed apart: " + header);
        assertTrue(header.get("peakResidentBytes").getAsLong() > 0 && header.get("cores").getAsInt() > 0
                && header.getAsJsonArray("loadAverageBefore").size() == 3, header.toString());
        JsonObject targets = results.getAsJsonObject("targets");
        assertEquals(20, targets.get("endToEndMinutes").getAsDouble());
        assertFalse(targets.get("isThatCase").getAsBoolean());
        assertFalse(targets.has("met"), "P9's target is judged on its own case only");

        // every frame of the master (the complete first print) restored and written
        JsonObject sidecar = JsonFiles.read(work.resolve("case").resolve(MultiPrintCase.SIDECAR));
        int masterFrames = sidecar.getAsJsonArray("prints").get(0).getAsJsonObject().get("frames").getAsInt();
        assertEquals(FRAMES, masterFrames);
        try (Stream<Path> frames = Files.list(Path.of(job.get("output").getAsString()).resolve("frames"))) {
            assertEquals(masterFrames, frames.filter(Files::isRegularFile).count());
        }
        assertTrue(run.out().contains("of which damage detection") && run.out().contains("end to end")
                && run.out().contains("not judged: another case"), run.out());
    }

    @Test
    void wrongUsageIsRefusedBeforeAnyWork() {
        Path json = dir.resolve("x.json");
        Cli.assertOneLineError(Cli.run("bench", "restore", "--workflow", "multiprint", "--prints", "4", "--json", json.toString()),
                "--prints takes 2 or 3");
        Cli.assertOneLineError(Cli.run("bench", "restore", "--prints", "3", "--json", json.toString()),
                "--prints is for --workflow multiprint");
        Cli.assertOneLineError(Cli.run("bench", "restore", "--workflow", "print-luma", "--json", json.toString()),
                "times dvd-chroma or multiprint");
        assertFalse(Files.exists(json) || Files.exists(dir.resolve("x-work")), "nothing is written on wrong usage");
    }
}
