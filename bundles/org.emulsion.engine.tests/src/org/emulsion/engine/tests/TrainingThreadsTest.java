package org.emulsion.engine.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.emulsion.engine.Djl;
import org.emulsion.engine.ModelTrainer;
import org.emulsion.engine.ThreadLayout;
import org.emulsion.engine.TrainedModel;
import org.emulsion.engine.TrainingListener;
import org.emulsion.engine.TrainingLog;
import org.emulsion.engine.TrainingSettings;
import org.emulsion.engine.internal.Checkpoint;
import org.emulsion.engine.internal.TrainingThreads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.Device;
import ai.djl.pytorch.jni.JniUtils;

/** A CPU training run times its first steps in each thread layout and keeps the fastest. */
class TrainingThreadsTest {
    @TempDir
    Path temp;
    private int before;

    /** Two engine threads on this (test) thread, whatever the machine: a choice between 1 and 2. */
    @BeforeEach
    void twoThreads() {
        Djl.engine();
        before = JniUtils.getNumThreads();
        JniUtils.setNumThreads(2);
    }

    @AfterEach
    void restore() {
        JniUtils.setNumThreads(before);
    }

    @Test
    void probeStepsTakeTurnsAndTheFastestLayoutIsKeptThenTheThreadGetsItsOwnCountBack() {
        ThreadLayout one = ThreadLayout.intraOp(1);
        ThreadLayout two = ThreadLayout.intraOp(2);
        ThreadLayout replicas = new ThreadLayout(2, 1);
        try (TrainingThreads threads = TrainingThreads.forRun(Device.cpu(), null)) {
            assertEquals(24, threads.probeSteps()); // 4 rounds of 2 steps in each of 1, 2 and 2x1
            List<String> used = new ArrayList<>();
            for (int step = 1; step <= threads.probeSteps(); step++) {
                ThreadLayout layout = threads.before(step);
                assertEquals(layout.threadsEach(), JniUtils.getNumThreads(), "replica 0 runs on this thread");
                used.add(layout.toString());
                // the first round is slow in every layout (kernels being created): it must not count
                long ms = step <= 6 ? 500 : layout.equals(one) ? 10 : layout.equals(two) ? 20 : 8;
                boolean chose = threads.after(step, ms * 1_000_000);
                assertEquals(step == threads.probeSteps(), chose, "step " + step);
            }
            List<String> round = List.of("1", "1", "2", "2", "2x1", "2x1");
            assertEquals(Collections.nCopies(4, round).stream().flatMap(List::stream).toList(), used);
            assertEquals(replicas, threads.chosen());
            assertEquals(Map.of(one, 10.0, two, 20.0, replicas, 8.0), threads.millisPerStep());
            assertEquals(replicas, threads.before(25));
            assertEquals(1, JniUtils.getNumThreads());
        }
        assertEquals(2, JniUtils.getNumThreads(), "the training thread has the engine's count again");
    }

    @Test
    void aResumedRunKeepsTheLayoutItsCheckpointNamesAndAGpuHasNothingToChoose() {
        try (TrainingThreads threads = TrainingThreads.forRun(Device.cpu(), ThreadLayout.intraOp(2))) {
            assertEquals(0, threads.probeSteps());
            assertEquals(ThreadLayout.intraOp(2), threads.chosen());
        }
        assertEquals(new ThreadLayout(2, 1), ThreadLayout.parse("2x1"));
        assertEquals(ThreadLayout.intraOp(4), ThreadLayout.parse("4"));
        assertThrows(IllegalArgumentException.class, () -> ThreadLayout.parse("two"));
        assertEquals(0, TrainingThreads.probeSteps(Device.gpu()));
        JniUtils.setNumThreads(4);
        assertEquals(4 * 5 * 2, TrainingThreads.probeSteps(Device.cpu()), "four threads: 1, 2 and 4 threads, 2x2 and 4x1");
        JniUtils.setNumThreads(1);
        assertEquals(0, TrainingThreads.probeSteps(Device.cpu()), "one thread: nothing to choose");
    }

    @Test
    void aRealRunLogsAndCheckpointsItsChoiceAndResumesWithoutProbingAgain() throws IOException {
        Path run = temp.resolve("run");
        int probe = ModelTrainer.threadProbeSteps();
        assertEquals(24, probe);
        int steps = probe + 8;
        List<String> chosen = new ArrayList<>();
        NullProgressMonitor monitor = new NullProgressMonitor();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void threadsChosen(int step, ThreadLayout layout, Map<ThreadLayout, Double> millisPerStep) {
                chosen.add(step + ":" + layout + ":" + millisPerStep.keySet());
            }

            @Override
            public void stepFinished(int step, int maxSteps, float loss, float learningRate, Duration elapsed) {
                monitor.setCanceled(step == probe + 4); // killed after the checkpoint of that step
            }
        };
        assertThrows(OperationCanceledException.class, () -> train(run, steps, listener, monitor));
        assertEquals(1, chosen.size(), chosen.toString());
        String[] event = chosen.get(0).split(":");
        assertEquals(String.valueOf(probe), event[0]);
        ThreadLayout layout = ThreadLayout.parse(event[1]);
        assertTrue(List.of("1", "2", "2x1").contains(event[1]), chosen.toString());
        assertEquals("[1, 2, 2x1]", event[2], "every layout was timed");
        assertEquals(2, JniUtils.getNumThreads(), "the training thread has the engine's count again");
        TrainingLog log = new TrainingLog(run);
        log.poll();
        assertEquals(layout, log.threadLayout());
        assertEquals(event[1], Checkpoint.read(run.resolve(Checkpoint.fileName(probe + 4))).header().get("threadLayout").getAsString());

        chosen.clear();
        try (TrainedModel model = train(run, steps, listener, new NullProgressMonitor())) {
            assertEquals(steps, model.steps());
        }
        assertTrue(chosen.isEmpty(), "a resumed run keeps the checkpoint's layout: " + chosen);
        assertEquals(event[1], Checkpoint.read(run.resolve(Checkpoint.fileName(steps))).header().get("threadLayout").getAsString());
    }

    private static TrainedModel train(Path run, int steps, TrainingListener listener, NullProgressMonitor monitor) throws IOException {
        TrainingSettings settings = new TrainingSettings(32, 4, steps, Duration.ofSeconds(300), 3e-3f, Presets.width(8), 3);
        return ModelTrainer.builder(TrainingRecipeTest.chromaNet(), TrainingRecipeTest.pairs(2, 64, 1, 1), settings)
                .runDirectory(run).checkpointEvery(2).contactSheetEvery(0).resume(true).listener(listener).train(monitor);
    }
}
