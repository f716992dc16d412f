package org.emulsion.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Shell;
import org.emulsion.engine.extensions.ArchitecturePreset;
import org.emulsion.engine.extensions.ModelArchitectureRegistry;
import org.emulsion.core.image.Image;
import org.emulsion.engine.ModelTrainer;
import org.emulsion.engine.TrainedModel;
import org.emulsion.engine.TrainingLog;
import org.emulsion.engine.TrainingPair;
import org.emulsion.engine.TrainingSettings;
import org.emulsion.ui.internal.monitor.TrainingMonitorView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The training monitor on a finished run (what its log holds, plotted) and on a training Job as
 * it runs: live steps, contact sheets as they appear, and Cancel cancelling the Job.
 */
@ExtendWith(Workbench.class)
class MonitorTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void showsAFinishedRunsLossValidationAndContactSheet() throws IOException {
        Path out = TinyRun.finished();
        Shell shell = Ui.ui(() -> Ui.window().getShell());
        TrainingMonitorView view = Ui.ui(() -> TrainingMonitorView.watch(out, null));
        Ui.waitUntil("the run's training log", WAIT, () -> !view.models().isEmpty() && view.models().get(0).finished());
        TrainingMonitorView.ModelState model = Ui.ui(() -> view.models().get(0));
        TrainingLog log = new TrainingLog(out.resolve("training").resolve(model.name()));
        log.poll();
        assertEquals(TinyRun.STEPS, log.lastStep());
        assertEquals(log.steps(), model.steps(), "every logged step");
        assertEquals(log.validations(), model.validations());
        assertTrue(model.newestSheet() != null && model.newestSheet().endsWith("step-0000100.png"), String.valueOf(model.newestSheet()));
        Ui.waitUntil("the plot", WAIT, () -> view.plot().plottedLossPoints() > 20);
        assertTrue(Ui.ui(() -> view.plot().plottedValidationPoints()) >= 1);
        String status = Ui.ui(view::status);
        assertTrue(status.contains("Step " + TinyRun.STEPS + " of " + TinyRun.STEPS) && status.contains("finished"), status);
        Screenshots.save(shell, "monitor-finished-run");
        Ui.run(() -> view.getSite().getPage().hideView(view)); // closed again, for the tests that follow
    }

    @Test
    void followsARunningTrainingJobAndCancelsIt() throws IOException {
        Path out = Files.createTempDirectory(Files.createDirectories(Screenshots.folder().resolveSibling("ui-runs")), "live");
        Path runDirectory = out.resolve("training").resolve("live-model");
        Job training = new Job("Training live-model") {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                TrainingSettings settings = new TrainingSettings(32, 4, 100_000, Duration.ofMinutes(5), 3e-3f,
                        new ArchitecturePreset("test-8", "test, width 8", 8, 2), 5);
                try (TrainedModel model = ModelTrainer.builder(
                        ModelArchitectureRegistry.get().get("org.emulsion.models.chromaNet").instance(), pairs(3, 1), settings)
                        .validation(pairs(1, 2), 10, 0).previews(pairs(1, 3)).runDirectory(runDirectory).contactSheetEvery(20)
                        .train(monitor)) {
                    return Status.OK_STATUS;
                } catch (OperationCanceledException e) {
                    return Status.CANCEL_STATUS;
                } catch (IOException e) {
                    return Status.error(e.getMessage(), e);
                }
            }
        };
        training.schedule();
        try {
            Shell shell = Ui.ui(() -> Ui.window().getShell());
            TrainingMonitorView view = Ui.ui(() -> TrainingMonitorView.watch(out, training));
            Ui.waitUntil("live steps and a contact sheet", WAIT, () -> !view.models().isEmpty()
                    && view.models().get(0).steps().size() >= 40 && view.models().get(0).newestSheet() != null);
            int seen = Ui.ui(() -> view.models().get(0).steps().size());
            // the plot counts its points when it paints, which follows the data asynchronously
            Ui.waitUntil("the loss plot", WAIT, () -> view.plot().plottedLossPoints() > 1);
            // the status line follows the log on its own polls, and the time left needs a few steps' pace
            Ui.waitUntil("the status line to show the steps and the time left", WAIT,
                    () -> view.status().contains("of 100000") && view.status().contains("left"));
            Screenshots.save(shell, "monitor-running-training");

            Ui.run(() -> Ui.click(Ui.button(shell, "Cancel")));
            Ui.waitUntil("the training job to end", WAIT, () -> training.getState() == Job.NONE);
            assertEquals(IStatus.CANCEL, training.getResult().getSeverity());
            Ui.waitUntil("the monitor to see the end", WAIT, () -> view.status().contains("cancelled")
                    && view.status().contains("interrupted"));
            assertTrue(Ui.ui(() -> view.models().get(0).steps().size()) >= seen);
            Screenshots.save(shell, "monitor-cancelled-training");
            Ui.run(() -> view.getSite().getPage().hideView(view));
        } finally {
            // a training left running would hold the engine's one gradient collector for the tests after this one
            training.cancel();
            try {
                training.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Small pairs whose target is a colour transform of the input's chroma (what a fade correction learns). */
    private static List<TrainingPair> pairs(int count, long seed) {
        Random random = new Random(seed);
        List<TrainingPair> pairs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int size = 64;
            Image in = Image.blank(size, size, 3);
            Image target = Image.blank(size, size, 2);
            Image mask = Image.blank(size, size, 1);
            double phase = random.nextDouble() * 6;
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    float cb = 0.5f + 0.3f * (float) Math.sin(x / 7.0 + phase);
                    float cr = 0.5f + 0.3f * (float) Math.cos(y / 9.0 + phase);
                    in.set(x, y, 0, 0.3f + 0.4f * random.nextFloat());
                    in.set(x, y, 1, cb);
                    in.set(x, y, 2, cr);
                    target.set(x, y, 0, 0.5f + (cb - 0.5f) * 0.5f);
                    target.set(x, y, 1, 0.5f + (cr - 0.5f) * 1.5f);
                    mask.set(x, y, 0, 1f);
                }
            }
            pairs.add(new TrainingPair("pair" + i, in, target, mask));
        }
        return pairs;
    }
}
