package org.emulsion.engine.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.emulsion.engine.extensions.ModelArchitecture;
import org.emulsion.engine.extensions.ModelArchitectureRegistry;
import org.emulsion.core.image.Image;
import org.emulsion.engine.Augmentation;
import org.emulsion.engine.Djl;
import org.emulsion.engine.ModelTrainer;
import org.emulsion.engine.TrainedModel;
import org.emulsion.engine.TrainingListener;
import org.emulsion.engine.TrainingPair;
import org.emulsion.engine.TrainingSettings;
import org.emulsion.media.ImageFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.pytorch.jni.JniUtils;

/** The training recipe on the real chroma network and PyTorch engine (CPU), on small synthetic pairs. */
class TrainingRecipeTest {

    @TempDir
    Path temp;

    /**
     * One PyTorch thread: these machines are 2 shared cores, and OpenMP barriers of several
     * threads stall badly when other processes hold the cores. (Results are the same with more
     * threads; only the wall time suffers.)
     */
    @BeforeAll
    static void oneThread() {
        Djl.engine();
        JniUtils.setNumThreads(1);
    }

    static ModelArchitecture chromaNet() {
        return ModelArchitectureRegistry.get().get("org.emulsion.models.chromaNet").instance();
    }

    /**
     * Pairs whose target is a known colour transform of the input's chroma: desaturate Cb,
     * boost and shift Cr (what a fade correction does). {@code sign} -1 inverts the transform,
     * for held-out pairs the network must not be able to fit.
     */
    static List<TrainingPair> pairs(int count, int size, long seed, int sign) {
        Random random = new Random(seed);
        List<TrainingPair> pairs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
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
                    target.set(x, y, 0, 0.5f + sign * (cb - 0.5f) * 0.5f + 0.05f);
                    target.set(x, y, 1, 0.5f + sign * (cr - 0.5f) * 1.5f - 0.08f);
                    mask.set(x, y, 0, x < 4 ? 0f : 1f); // an unaligned strip: must not pull the network
                }
            }
            pairs.add(new TrainingPair("p" + i, in, target, mask));
        }
        return pairs;
    }

    private static double mean(List<Float> values) {
        return values.stream().mapToDouble(Float::doubleValue).average().orElseThrow();
    }

    @Test
    void learnsAKnownColourTransformTenfold() throws IOException {
        TrainingSettings settings = new TrainingSettings(32, 8, 600, Duration.ofSeconds(300), 3e-3f, Presets.width(8), 3);
        // no exposure augmentation: this transform's offsets (+0.05, -0.08) do not scale with
        // exposure, and the random luma gives the network no way to tell the gain
        try (TrainedModel model = ModelTrainer.builder(chromaNet(), pairs(4, 64, 1, 1), settings)
                .augmentation(new Augmentation(0.05, true, true, 0)).train(new NullProgressMonitor())) {
            List<Float> curve = model.lossCurve();
            assertEquals(600, curve.size());
            double first = mean(curve.subList(0, 10));
            double last = mean(curve.subList(curve.size() - 10, curve.size()));
            System.out.printf("colour transform: loss %.4f -> %.4f in %d steps, %.1f s%n", first, last, curve.size(), model.trainingSeconds());
            assertTrue(last < first / 10, "loss fell from " + first + " to " + last);
        }
    }

    @Test
    void contactSheetsAppearAtTheInterval() throws IOException {
        TrainingSettings settings = new TrainingSettings(32, 4, 7, Duration.ofSeconds(60), 3e-3f, Presets.width(8), 1);
        List<Path> announced = new ArrayList<>();
        try (TrainedModel model = ModelTrainer.builder(chromaNet(), pairs(2, 64, 2, 1), settings)
                .previews(pairs(1, 48, 9, 1)).runDirectory(temp).contactSheetEvery(3).checkpointEvery(0)
                .listener(new TrainingListener() {
                    @Override
                    public void contactSheetWritten(int step, Path file) {
                        announced.add(file);
                    }
                }).train(new NullProgressMonitor())) {
            assertEquals(7, model.steps());
        }
        List<String> sheets;
        try (Stream<Path> files = Files.list(temp.resolve("contact-sheets"))) {
            sheets = files.map(f -> f.getFileName().toString()).sorted().toList();
        }
        assertEquals(List.of("step-0000003.png", "step-0000006.png"), sheets);
        assertEquals(List.of(temp.resolve("contact-sheets/step-0000003.png"), temp.resolve("contact-sheets/step-0000006.png")), announced);
        ImageFiles.Decoded sheet = ImageFiles.read(announced.get(1));
        assertEquals(16, sheet.bitDepth());
        // two training rows and the preview, tiles of 48 px (the preview's size): Input | Target | Output
        assertEquals(3 * 48 + 4 * 4, sheet.image().width());
        assertEquals(3 * 48 + 4 * 4, sheet.image().height());
    }

    @Test
    void progressMonitorShowsStepsLossAndValidation() throws IOException {
        TrainingSettings settings = new TrainingSettings(32, 4, 6, Duration.ofSeconds(60), 3e-3f, Presets.width(8), 1);
        List<String> subTasks = new ArrayList<>();
        double[] worked = {0, 0}; // done, total
        NullProgressMonitor monitor = new NullProgressMonitor() {
            @Override
            public void subTask(String name) {
                subTasks.add(name);
            }

            @Override
            public void beginTask(String name, int totalWork) {
                worked[1] = totalWork;
            }

            @Override
            public void worked(int work) {
                worked[0] += work;
            }

            @Override
            public void internalWorked(double work) {
                worked[0] += work;
            }
        };
        ModelTrainer.builder(chromaNet(), pairs(2, 64, 2, 1), settings).validation(pairs(1, 64, 3, 1), 3, 0).train(monitor).close();
        assertEquals(6, subTasks.size(), subTasks.toString());
        assertTrue(subTasks.get(0).startsWith("step 1/6 · loss "), subTasks.get(0));
        assertTrue(subTasks.get(5).matches("step 6/6 · loss \\d\\.\\d{4} · val \\d\\.\\d{4} \\(best \\d\\.\\d{4}\\) · lr .*"), subTasks.get(5));
        assertTrue(worked[1] > 0 && Math.abs(worked[0] - worked[1]) < 1e-6, "all work reported by the last step: " + worked[0] + " of " + worked[1]);
    }

    /** Parameters of a run of 12 steps; {@code stopAfter} > 0 cancels the run after that step first, then resumes. */
    private Map<String, float[]> run(Path dir, int stopAfter, List<Float> losses) throws IOException {
        TrainingSettings settings = new TrainingSettings(32, 4, 12, Duration.ofSeconds(120), 3e-3f, Presets.width(8), 5);
        List<TrainingPair> pairs = pairs(3, 64, 4, 1);
        if (stopAfter > 0) {
            NullProgressMonitor monitor = new NullProgressMonitor();
            TrainingListener killer = new TrainingListener() {
                @Override
                public void stepFinished(int step, int maxSteps, float loss, float learningRate, Duration elapsed) {
                    if (step == stopAfter) {
                        monitor.setCanceled(true);
                    }
                }
            };
            assertThrows(OperationCanceledException.class, () -> ModelTrainer.builder(chromaNet(), pairs, settings)
                    .runDirectory(dir).checkpointEvery(4).contactSheetEvery(0).listener(killer).train(monitor));
            assertTrue(Files.exists(dir.resolve("step-0000004.ckpt")));
            assertFalse(Files.exists(dir.resolve("step-0000008.ckpt")));
            // what a process killed while writing leaves behind: never taken for a checkpoint
            Files.writeString(dir.resolve("step-0000008.ckpt.part"), "half a checkpoint");
        }
        List<Integer> resumedAt = new ArrayList<>();
        try (TrainedModel model = ModelTrainer.builder(chromaNet(), pairs, settings).runDirectory(dir).checkpointEvery(4)
                .contactSheetEvery(0).listener(new TrainingListener() {
                    @Override
                    public void resumed(int step, Path checkpoint) {
                        resumedAt.add(step);
                    }
                }).train(new NullProgressMonitor())) {
            assertEquals(stopAfter > 0 ? List.of(4) : List.of(), resumedAt);
            losses.addAll(model.lossCurve());
            return model.parameters();
        }
    }

    @Test
    void killedRunResumesWithTheSameParameters() throws IOException {
        List<Float> straightLosses = new ArrayList<>();
        Map<String, float[]> straight = run(temp.resolve("straight"), 0, straightLosses);
        List<Float> resumedLosses = new ArrayList<>();
        Map<String, float[]> resumed = run(temp.resolve("killed"), 6, resumedLosses);
        assertEquals(straight.keySet(), resumed.keySet());
        for (String name : straight.keySet()) {
            assertArrayEquals(straight.get(name), resumed.get(name), 0f, name);
        }
        assertEquals(straightLosses, resumedLosses);
        assertTrue(Files.exists(temp.resolve("killed/step-0000004.ckpt")));
        assertTrue(Files.exists(temp.resolve("killed/step-0000012.ckpt")));
        try (TrainedModel loaded = TrainedModel.load(chromaNet(), temp.resolve("killed/step-0000012.ckpt"))) {
            for (String name : straight.keySet()) {
                assertArrayEquals(straight.get(name), loaded.parameters().get(name), 0f, name);
            }
            assertEquals(12, loaded.steps());
        }
    }

    @Test
    void damagedOrForeignCheckpointIsRefusedWithTheFileNamed() throws IOException {
        TrainingSettings settings = new TrainingSettings(32, 4, 4, Duration.ofSeconds(60), 3e-3f, Presets.width(8), 5);
        List<TrainingPair> pairs = pairs(2, 64, 4, 1);
        ModelTrainer.builder(chromaNet(), pairs, settings).runDirectory(temp).contactSheetEvery(0).train(new NullProgressMonitor())
                .close();
        Path checkpoint = temp.resolve("step-0000004.ckpt");
        assertTrue(Files.exists(checkpoint));
        assertFalse(Files.exists(temp.resolve("step-0000004.ckpt.part")), "no temporary file stays behind");

        TrainingSettings wider = new TrainingSettings(32, 4, 4, Duration.ofSeconds(60), 3e-3f, Presets.width(12), 5);
        IOException foreign = assertThrows(IOException.class,
                () -> ModelTrainer.builder(chromaNet(), pairs, wider).runDirectory(temp).train(new NullProgressMonitor()));
        assertTrue(foreign.getMessage().contains(checkpoint.toString()) && foreign.getMessage().contains("new run folder"),
                foreign.getMessage());

        byte[] bytes = Files.readAllBytes(checkpoint);
        Files.write(checkpoint, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        IOException truncated = assertThrows(IOException.class,
                () -> ModelTrainer.builder(chromaNet(), pairs, settings).runDirectory(temp).train(new NullProgressMonitor()));
        assertTrue(truncated.getMessage().contains(checkpoint.toString()) && truncated.getMessage().contains("truncated")
                && truncated.getMessage().contains("Delete it"), truncated.getMessage());

        Files.writeString(checkpoint, "not a checkpoint");
        IOException garbage = assertThrows(IOException.class, () -> TrainedModel.load(chromaNet(), checkpoint));
        assertTrue(garbage.getMessage().contains(checkpoint.toString()) && garbage.getMessage().contains("not an Emulsion checkpoint"),
                garbage.getMessage());
    }

    @Test
    void validationStopsEarlyAndKeepsTheBestWeights() throws IOException {
        TrainingSettings settings = new TrainingSettings(32, 4, 400, Duration.ofSeconds(120), 3e-3f, Presets.width(8), 6);
        List<int[]> stops = new ArrayList<>();
        // held-out pairs with the inverse transform: fitting the training pairs makes them worse
        try (TrainedModel model = ModelTrainer.builder(chromaNet(), pairs(3, 64, 7, 1), settings)
                .validation(pairs(2, 64, 8, -1), 5, 2)
                .listener(new TrainingListener() {
                    @Override
                    public void stoppedEarly(int step, int bestStep) {
                        stops.add(new int[] {step, bestStep});
                    }
                }).train(new NullProgressMonitor())) {
            assertTrue(model.stoppedEarly());
            assertTrue(model.steps() < 400, model.steps() + " steps");
            List<TrainedModel.Validation> curve = model.validationCurve();
            TrainedModel.Validation best = curve.stream().min((a, b) -> Float.compare(a.loss(), b.loss())).orElseThrow();
            assertEquals(best.step(), model.bestStep());
            assertEquals(model.steps(), best.step() + 2 * 5, "stops after 2 validations without improvement");
            assertEquals(1, stops.size());
            assertArrayEquals(new int[] {model.steps(), best.step()}, stops.get(0));
        }
    }
}
