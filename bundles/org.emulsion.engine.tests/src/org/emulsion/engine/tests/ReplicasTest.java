package org.emulsion.engine.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.emulsion.engine.Djl;
import org.emulsion.engine.ModelTrainer;
import org.emulsion.engine.ThreadLayout;
import org.emulsion.engine.TrainedModel;
import org.emulsion.engine.TrainingListener;
import org.emulsion.engine.TrainingPair;
import org.emulsion.engine.TrainingSettings;
import org.emulsion.engine.internal.Checkpoint;
import org.emulsion.engine.internal.Replicas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.Pair;

/** Replicas that each compute a slice of a batch train what one computing the whole batch trains. */
class ReplicasTest {
    private static final ThreadLayout TWO = new ThreadLayout(2, 1);
    @TempDir
    Path temp;

    @Test
    void replicasGiveTheWholeBatchsLossAndGradientAndTheSameEveryTime() {
        int n = 6;
        try (NDManager manager = Djl.engine().newBaseManager(Djl.device()); Replicas replicas = new Replicas(manager)) {
            Block block = TrainingRecipeTest.chromaNet().newBlock(Presets.width(8));
            block.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
            block.initialize(manager, DataType.FLOAT32, new Shape(n, 3, 32, 32));
            block.getParameters().forEach(p -> p.getValue().getArray().setRequiresGradient(true));
            Random random = new Random(3);
            float[] in = new float[n * 3 * 32 * 32];
            float[] target = new float[n * 2 * 32 * 32];
            for (int i = 0; i < in.length; i++) {
                in[i] = random.nextFloat();
            }
            for (int i = 0; i < target.length; i++) {
                target[i] = random.nextFloat();
            }
            NDArray x = manager.create(in, new Shape(n, 3, 32, 32));
            NDArray y = manager.create(target, new Shape(n, 2, 32, 32));
            Replicas.SliceLoss loss = (weights, from, to) -> block.forward(weights, new NDList(x.get(from + ":" + to)), true)
                    .singletonOrThrow().sub(y.get(from + ":" + to)).abs().sum().div(y.size());

            float whole = replicas.lossAndGradients(ThreadLayout.intraOp(1), n, loss);
            Map<String, float[]> one = gradients(block);
            // two replicas share the weights' gradients; three and four add their own to them afterwards
            for (ThreadLayout layout : List.of(TWO, new ThreadLayout(3, 1), new ThreadLayout(4, 1))) {
                float split = replicas.lossAndGradients(layout, n, loss);
                Map<String, float[]> several = gradients(block);
                float again = replicas.lossAndGradients(layout, n, loss);
                Map<String, float[]> severalAgain = gradients(block);
                assertEquals(whole, split, 1e-5f * whole, layout + ": the slices' losses add up to the batch's");
                assertEquals(split, again, 0f, layout.toString());
                for (String name : one.keySet()) {
                    float scale = 0;
                    for (float g : one.get(name)) {
                        scale = Math.max(scale, Math.abs(g));
                    }
                    assertTrue(scale > 0, name + " has a gradient");
                    assertArrayEquals(one.get(name), several.get(name), 1e-4f * scale,
                            layout + ", " + name + ": the slices' gradients add up to the batch's");
                    assertArrayEquals(several.get(name), severalAgain.get(name), 0f, layout + ", " + name + ": whichever replica finishes first");
                }
            }
        }
    }

    @Test
    void aFailingReplicaFailsTheStepAfterBothHaveFinished() {
        try (NDManager manager = Djl.engine().newBaseManager(Djl.device()); Replicas replicas = new Replicas(manager)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> replicas.lossAndGradients(TWO, 2, (w, from, to) -> {
                if (from == 1) {
                    throw new IllegalStateException("replica 1 failed");
                }
                NDArray weight = manager.create(1f);
                weight.setRequiresGradient(true);
                return weight.mul(2);
            }));
            assertEquals("replica 1 failed", e.getMessage());
        }
    }

    @Test
    void aRunOnReplicasRecordsItsLayoutAndResumesExactly() throws IOException {
        for (ThreadLayout layout : List.of(TWO, new ThreadLayout(3, 1))) {
            Path straightRun = temp.resolve(layout + "-straight");
            Path killedRun = temp.resolve(layout + "-killed");
            Map<String, float[]> straight = train(straightRun, layout, 0);
            Map<String, float[]> resumed = train(killedRun, layout, 4);
            for (String name : straight.keySet()) {
                assertArrayEquals(straight.get(name), resumed.get(name), 0f, layout + ", " + name);
            }
            assertEquals(layout.toString(), Checkpoint.read(killedRun.resolve(Checkpoint.fileName(8))).header().get("threadLayout")
                    .getAsString());
        }
    }

    private static Map<String, float[]> train(Path run, ThreadLayout layout, int killAt) throws IOException {
        TrainingSettings settings = new TrainingSettings(32, 4, 8, Duration.ofSeconds(120), 3e-3f, Presets.width(8), 5);
        List<TrainingPair> pairs = TrainingRecipeTest.pairs(3, 64, 4, 1);
        if (killAt > 0) {
            NullProgressMonitor monitor = new NullProgressMonitor();
            TrainingListener killer = new TrainingListener() {
                @Override
                public void stepFinished(int step, int maxSteps, float loss, float learningRate, Duration elapsed) {
                    monitor.setCanceled(step == killAt);
                }
            };
            assertThrows(OperationCanceledException.class, () -> ModelTrainer.builder(TrainingRecipeTest.chromaNet(), pairs, settings)
                    .runDirectory(run).checkpointEvery(killAt).contactSheetEvery(0).threadLayout(layout).listener(killer).train(monitor));
        }
        // resumed without naming the layout: the checkpoint's is used
        List<Integer> resumedAt = new ArrayList<>();
        try (TrainedModel model = ModelTrainer.builder(TrainingRecipeTest.chromaNet(), pairs, settings).runDirectory(run)
                .checkpointEvery(killAt > 0 ? killAt : 8).contactSheetEvery(0).threadLayout(killAt > 0 ? null : layout)
                .listener(new TrainingListener() {
                    @Override
                    public void resumed(int step, Path checkpoint) {
                        resumedAt.add(step);
                    }
                }).train(new NullProgressMonitor())) {
            assertEquals(killAt > 0 ? List.of(killAt) : List.of(), resumedAt);
            return model.parameters();
        }
    }

    /** Each parameter's gradient, then zeroed for the next pass. */
    private static Map<String, float[]> gradients(Block block) {
        Map<String, float[]> gradients = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            NDArray weight = p.getValue().getArray();
            try (NDArray g = weight.getGradient()) {
                gradients.put(p.getKey(), g.toFloatArray());
            }
            JniUtils.zeroGrad((PtNDArray) weight);
        }
        return gradients;
    }
}
