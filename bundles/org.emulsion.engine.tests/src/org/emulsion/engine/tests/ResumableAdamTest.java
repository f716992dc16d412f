package org.emulsion.engine.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.emulsion.engine.Djl;
import org.emulsion.engine.internal.ResumableAdam;
import org.junit.jupiter.api.Test;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;

/** The engine's optimizer step, on the parameters directly or in shares, is DJL's {@code Trainer.step()}. */
class ResumableAdamTest {
    private static final Shape INPUT = new Shape(2, 3, 8, 8);
    private static final int STEPS = 4;

    /**
     * Bit for bit over several steps: the updates are the same, and so are the gradients each later
     * step starts from (were they zeroed in one of the two and left to accumulate in the other, the
     * second step would differ).
     */
    @Test
    void stepsAsTheTrainerDoesWholeOrInShares() {
        List<float[]> byTrainer = train(Update.TRAINER);
        List<float[]> direct = train(Update.DIRECT);
        List<float[]> shares = train(Update.SHARES);
        assertEquals(byTrainer.size(), direct.size());
        for (int i = 0; i < direct.size(); i++) {
            assertArrayEquals(byTrainer.get(i), direct.get(i), "parameter " + i);
            assertArrayEquals(byTrainer.get(i), shares.get(i), "parameter " + i + ", updated in two shares");
        }
        assertFalse(Arrays.equals(direct.get(0), start(0, direct.get(0).length)), "the weights were updated");
    }

    /** Who updates the parameters: DJL's trainer, {@code ResumableAdam.step} on all, or on two shares, the second first. */
    private enum Update {
        TRAINER, DIRECT, SHARES
    }

    /** The parameters after {@link #STEPS} steps from fixed weights and inputs, updated by the trainer or directly. */
    private static List<float[]> train(Update update) {
        try (Model model = Model.newInstance("adam", Djl.device(), Djl.ENGINE);
                NDManager state = model.getNDManager().newSubManager()) {
            Block block = new SequentialBlock()
                    .add(Conv2d.builder().setFilters(4).setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).build())
                    .add(Activation.reluBlock())
                    .add(Conv2d.builder().setFilters(2).setKernelShape(new Shape(1, 1)).build());
            model.setBlock(block);
            ResumableAdam adam = new ResumableAdam(Tracker.fixed(0.01f), state);
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(adam))) {
                trainer.initialize(INPUT);
                int k = 0;
                for (Pair<String, Parameter> p : block.getParameters()) {
                    NDArray w = p.getValue().getArray();
                    w.set(FloatBuffer.wrap(start(k++, (int) w.size())));
                }
                for (int s = 0; s < STEPS; s++) {
                    try (NDManager step = trainer.getManager().newSubManager()) {
                        NDArray x = step.create(start(100 + s, (int) INPUT.size()), INPUT);
                        try (GradientCollector collector = trainer.newGradientCollector()) {
                            NDArray y = trainer.forward(new NDList(x)).singletonOrThrow();
                            collector.backward(y.sub(0.5f).square().mean());
                        }
                        switch (update) {
                            case TRAINER -> trainer.step();
                            case DIRECT -> adam.step(block);
                            case SHARES -> {
                                adam.step(block, 1, 2);
                                adam.step(block, 0, 2);
                            }
                        }
                    }
                }
                List<float[]> weights = new ArrayList<>();
                for (Pair<String, Parameter> p : block.getParameters()) {
                    weights.add(p.getValue().getArray().toFloatArray());
                }
                return weights;
            }
        }
    }

    /** Fixed values in [-0.5, 0.5), different for each {@code seed}. */
    private static float[] start(int seed, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (((i * 0.6180339887 + seed * 0.4142135623) % 1.0) - 0.5);
        }
        return v;
    }
}
