package org.emulsion.engine.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.emulsion.core.image.Image;
import org.emulsion.engine.ContactSheets;
import org.emulsion.engine.Djl;
import org.emulsion.engine.ModelTrainer;
import org.emulsion.engine.TrainedModel;
import org.emulsion.engine.TrainingListener;
import org.emulsion.engine.TrainingLog;
import org.emulsion.engine.TrainingSettings;
import org.emulsion.media.ImageFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.pytorch.jni.JniUtils;

/** The live training log a run folder gets: what a short real training wrote, read back as a monitor reads it. */
class TrainingLogTest {
    @TempDir
    Path run;

    @BeforeAll
    static void oneThread() {
        Djl.engine();
        JniUtils.setNumThreads(1);
    }

    private static ModelTrainer.Builder training(int steps) {
        TrainingSettings settings = new TrainingSettings(32, 4, steps, Duration.ofSeconds(120), 3e-3f, Presets.width(8), 11);
        return ModelTrainer.builder(TrainingRecipeTest.chromaNet(), TrainingRecipeTest.pairs(2, 64, 3, 1), settings)
                .validation(TrainingRecipeTest.pairs(1, 64, 4, 1), 2, 0).previews(TrainingRecipeTest.pairs(1, 48, 5, 1))
                .contactSheetEvery(3).checkpointEvery(4);
    }

    @Test
    void holdsEveryStepAndEventOfARunAndCanBeFollowedWhileItTrains() throws IOException {
        TrainingLog live = new TrainingLog(run);
        List<Integer> seenAtStepSix = new ArrayList<>();
        try (TrainedModel model = training(7).runDirectory(run).listener(new TrainingListener() {
            @Override
            public void stepFinished(int step, int maxSteps, float loss, float learningRate, Duration elapsed) {
                if (step == 6) {
                    try {
                        live.poll();
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                    seenAtStepSix.add(live.lastStep());
                    seenAtStepSix.add(live.validations().size());
                }
            }
        }).train(new NullProgressMonitor())) {
            // while training, the log already held what came before the last event (validation after step 4)
            assertTrue(seenAtStepSix.get(0) >= 4, "steps seen at step 6: " + seenAtStepSix);
            assertEquals(2, seenAtStepSix.get(1), "validations after steps 2 and 4");

            TrainingLog log = new TrainingLog(run);
            assertTrue(log.poll());
            assertFalse(log.poll(), "nothing new after the end");
            assertEquals(7, log.maxSteps());
            assertEquals(Duration.ofSeconds(120), log.timeBudget());
            assertEquals(IntStream.rangeClosed(1, 7).boxed().toList(), log.steps().stream().map(TrainingLog.Step::step).toList());
            assertEquals(model.lossCurve(), log.steps().stream().map(TrainingLog.Step::loss).toList());
            assertEquals(List.of(2, 4, 6, 7), log.validations().stream().map(TrainingLog.Validation::step).toList(),
                    "every 2 steps and after the last");
            assertEquals(model.validationCurve().stream().map(TrainedModel.Validation::loss).toList(),
                    log.validations().stream().map(TrainingLog.Validation::loss).toList());
            assertEquals(List.of(run.resolve("contact-sheets/step-0000003.png"), run.resolve("contact-sheets/step-0000006.png")),
                    log.contactSheets().stream().map(TrainingLog.Written::file).toList());
            assertEquals(List.of(run.resolve("step-0000004.ckpt"), run.resolve("step-0000007.ckpt")),
                    log.checkpoints().stream().map(TrainingLog.Written::file).toList());
            log.checkpoints().forEach(c -> assertTrue(Files.isRegularFile(c.file()), c.file().toString()));
            assertEquals(log.contactSheets().stream().map(TrainingLog.Written::file).toList(), ContactSheets.list(run));
            // two training rows and the preview, taken apart again into square Input | Target | Output tiles of 48 px
            Image sheet = ImageFiles.read(ContactSheets.file(run, 6)).image();
            List<ContactSheets.Row> rows = ContactSheets.rows(sheet);
            assertEquals(3, rows.size());
            for (ContactSheets.Row row : rows) {
                for (Image tile : List.of(row.input(), row.target(), row.output())) {
                    assertEquals(48, tile.width());
                    assertEquals(48, tile.height());
                }
            }
            assertEquals(sheet.get(ContactSheets.GAP + 47, 2 * ContactSheets.GAP + 48 + 5, 1), rows.get(1).input().get(47, 5, 1));
            assertEquals(sheet.get(3 * ContactSheets.GAP + 96, ContactSheets.GAP, 0), rows.get(0).output().get(0, 0, 0));
            assertThrows(IllegalArgumentException.class, () -> ContactSheets.rows(Image.blank(100, 60, 3)));
            assertTrue(log.finished());
            assertEquals(model.bestStep(), log.bestStep());
            assertEquals(7, log.lastStep());
            assertTrue(log.elapsed().toNanos() > 0 && log.elapsed().toNanos() <= Duration.ofSeconds(120).toNanos());
            assertEquals(null, log.remaining(), "nothing remains after the end");
        }
    }

    @Test
    void anInterruptedRunSaysSoAndItsResumedStepsReplaceTheLostOnes() throws IOException {
        NullProgressMonitor stopAfterSix = new NullProgressMonitor();
        assertThrows(OperationCanceledException.class, () -> training(9).runDirectory(run).listener(new TrainingListener() {
            @Override
            public void stepFinished(int step, int maxSteps, float loss, float learningRate, Duration elapsed) {
                stopAfterSix.setCanceled(step == 6);
            }
        }).train(stopAfterSix));
        TrainingLog log = new TrainingLog(run);
        log.poll();
        assertTrue(log.interrupted());
        assertEquals(6, log.lastStep());
        assertTrue(log.remaining() == null);

        try (TrainedModel model = training(9).runDirectory(run).train(new NullProgressMonitor())) {
            assertTrue(log.poll());
            assertTrue(log.finished() && !log.interrupted());
            // resumed from the checkpoint after step 4: steps 5 and 6 of the first run are superseded
            assertEquals(IntStream.rangeClosed(1, 9).boxed().toList(), log.steps().stream().map(TrainingLog.Step::step).toList());
            assertEquals(model.lossCurve(), log.steps().stream().map(TrainingLog.Step::loss).toList());
        }
    }
}
