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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.emulsion.core.image.Image;
import org.emulsion.engine.FramePipeline;
import org.emulsion.engine.ModelTrainer;
import org.emulsion.engine.NonFiniteValueException;
import org.emulsion.engine.Rollback;
import org.emulsion.engine.TrainedModel;
import org.emulsion.engine.TrainingListener;
import org.emulsion.engine.TrainingLog;
import org.emulsion.engine.TrainingPair;
import org.emulsion.engine.TrainingSettings;
import org.emulsion.engine.internal.Checkpoint;
import org.emulsion.media.ImageFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine never trains on or writes NaN: rollback on a non-finite loss, a clear stop when it recurs, no NaN frame. */
class NumericGuardTest {

    @TempDir
    Path temp;

    private static TrainingSettings settings(int steps) {
        return new TrainingSettings(32, 4, steps, Duration.ofSeconds(120), 3e-3f, Presets.width(8), 11);
    }

    @Test
    void aLossThatTurnsNanMidTrainingIsRolledBackAndReported() throws IOException {
        AtomicBoolean poisoned = new AtomicBoolean();
        List<Rollback> heard = new ArrayList<>();
        Path run = temp.resolve("run");
        try (TrainedModel model = ModelTrainer.builder(TrainingRecipeTest.chromaNet(), TrainingRecipeTest.pairs(3, 64, 4, 1), settings(160))
                .runDirectory(run).contactSheetEvery(0).checkpointEvery(0)
                .poisonLoss(step -> step == 130 && !poisoned.getAndSet(true)) // once: an unlucky step, not a broken recipe
                .listener(new TrainingListener() {
                    @Override
                    public void rolledBack(Rollback rollback) {
                        heard.add(rollback);
                    }
                }).train(new NullProgressMonitor())) {
            assertEquals(160, model.steps(), "the run still trains every step");
            assertTrue(model.lossCurve().stream().allMatch(Float::isFinite), "no NaN in the loss curve");
            assertEquals(List.of(new Rollback(130, 100, "loss", 0.5f)), model.rollbacks());
            assertEquals(model.rollbacks(), heard);
            float[] probe = model.predict(TrainingRecipeTest.pairs(1, 64, 9, 1).get(0).input()).data();
            assertTrue(Arrays.stream(box(probe)).allMatch(Float::isFinite));
        }
        TrainingLog log = new TrainingLog(run);
        log.poll();
        assertEquals(List.of(new Rollback(130, 100, "loss", 0.5f)), log.rollbacks());
        assertEquals(160, log.steps().size(), "the failed attempt's steps are superseded in the log");
        assertTrue(log.finished());
        try (TrainedModel saved = TrainedModel.load(TrainingRecipeTest.chromaNet(), run.resolve(Checkpoint.fileName(160)))) {
            assertEquals(List.of(new Rollback(130, 100, "loss", 0.5f)), saved.rollbacks(), "the checkpoint keeps the rollback");
        }
    }

    @Test
    void aNanThatRecursStopsWithTheModelAndStepNamed() {
        NonFiniteValueException e = assertThrows(NonFiniteValueException.class, () -> ModelTrainer
                .builder(TrainingRecipeTest.chromaNet(), TrainingRecipeTest.pairs(2, 64, 4, 1), settings(200)).name("model scene-2")
                .poisonLoss(step -> step >= 120).train(new NullProgressMonitor()));
        assertTrue(e.getMessage().contains("model scene-2") && e.getMessage().contains("step 120")
                && e.getMessage().contains("back to step 100"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void aModelThatOutputsNanIsRefusedBeforeAnyFrameIsWritten() throws IOException {
        Path run = temp.resolve("nan-model");
        ModelTrainer.builder(TrainingRecipeTest.chromaNet(), TrainingRecipeTest.pairs(2, 64, 4, 1), settings(4)).runDirectory(run)
                .contactSheetEvery(0).train(new NullProgressMonitor()).close();
        Checkpoint good = Checkpoint.read(run.resolve(Checkpoint.fileName(4)));
        Map<String, float[]> broken = new LinkedHashMap<>(good.tensors());
        broken.replaceAll((name, values) -> {
            float[] nan = values.clone();
            Arrays.fill(nan, Float.NaN);
            return nan;
        });
        Path file = temp.resolve("broken.ckpt");
        new Checkpoint(file, good.header(), broken).write();

        Path frames = Files.createDirectories(temp.resolve("frames"));
        List<Image> inputs = TrainingRecipeTest.pairs(3, 64, 5, 1).stream().map(TrainingPair::input).toList();
        try (TrainedModel model = TrainedModel.load(TrainingRecipeTest.chromaNet(), file)) {
            NonFiniteValueException direct = assertThrows(NonFiniteValueException.class, () -> model.predict(inputs.get(0)));
            assertTrue(direct.getMessage().contains(file.toString()) && direct.getMessage().contains("NaN"), direct.getMessage());
            FramePipeline<Integer> pipeline = new FramePipeline<>(inputs::get, model::predict,
                    (frame, result) -> ImageFiles.writeTiff16(frames.resolve("frame-" + frame + ".tif"), result), 2);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> pipeline.run(List.of(0, 1, 2), new NullProgressMonitor()));
            assertTrue(e.getMessage().contains("frame 0") && e.getMessage().contains("NaN"), e.getMessage());
        }
        try (var written = Files.list(frames)) {
            assertEquals(0, written.count(), "no frame was written");
        }
    }

    @Test
    void aFrameHoldingNanIsNeverWritten() {
        Image image = Image.blank(8, 8, 3);
        image.set(3, 2, 1, Float.POSITIVE_INFINITY);
        Path file = temp.resolve("frame.tif");
        IOException e = assertThrows(IOException.class, () -> ImageFiles.writeTiff16(file, image));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("(3, 2)"), e.getMessage());
        assertFalse(Files.exists(file));
    }

    private static Float[] box(float[] values) {
        Float[] out = new Float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
