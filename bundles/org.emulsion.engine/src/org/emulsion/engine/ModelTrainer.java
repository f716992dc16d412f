package org.emulsion.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;
import org.emulsion.core.extensions.ModelArchitecture;
import org.emulsion.core.image.Image;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/**
 * Trains one architecture on one film's pairs: masked L1 on random crops, Adam. Each step's
 * tensors live in a sub-manager that is closed after the step (DJL keeps an op's result in its
 * input's manager; without this, memory grows by tens of MB per step).
 */
public final class ModelTrainer {
    private static final int PROGRESS_UNITS = 1000;
    private ModelTrainer() {
    }

    /**
     * @param monitor reports steps; cancelling stops training and returns the model as it is
     * @throws IllegalArgumentException when no pair is large enough for a crop or none has evidence
     */
    public static TrainedModel train(ModelArchitecture architecture, List<TrainingPair> pairs, TrainingSettings settings,
            IProgressMonitor monitor) {
        List<TrainingPair> usable = pairs.stream()
                .filter(p -> p.input().width() >= settings.patchSize() && p.input().height() >= settings.patchSize())
                .toList();
        if (usable.isEmpty()) {
            throw new IllegalArgumentException("no training pair is at least " + settings.patchSize() + "px square");
        }
        if (settings.patchSize() % architecture.sizeMultiple() != 0) {
            throw new IllegalArgumentException("patch size " + settings.patchSize() + " is not a multiple of "
                    + architecture.sizeMultiple());
        }
        Engine engine = Djl.engine();
        engine.setRandomSeed((int) settings.seed());
        Model model = Model.newInstance("emulsion", Djl.device(), Djl.ENGINE);
        model.setBlock(architecture.newBlock(settings.baseWidth()));
        int inC = usable.get(0).input().channels();
        int outC = usable.get(0).target().channels();
        Random random = new Random(settings.seed());
        PatchSampler sampler = new PatchSampler(usable, settings.patchSize(), random);
        List<Float> losses = new ArrayList<>();
        long start = System.nanoTime();
        long budget = settings.timeBudget().toNanos();
        // Progress follows whichever limit is nearer: the step count or the time budget.
        SubMonitor progress = SubMonitor.convert(monitor, "Training", PROGRESS_UNITS);
        int reported = 0;
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l1Loss())
                .optInitializer(new XavierInitializer(), ai.djl.nn.Parameter.Type.WEIGHT)
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(settings.learningRate())).build())
                .optDevices(new ai.djl.Device[] {Djl.device()});
        try (Trainer trainer = model.newTrainer(config)) {
            int p = settings.patchSize();
            trainer.initialize(new Shape(settings.batchSize(), inC, p, p));
            for (int step = 0; step < settings.maxSteps(); step++) {
                if (progress.isCanceled()) {
                    throw new OperationCanceledException();
                }
                if (System.nanoTime() - start > budget) {
                    break;
                }
                float[][] batch = sampler.batch(settings.batchSize());
                try (NDManager stepManager = trainer.getManager().newSubManager()) {
                    NDArray x = stepManager.create(batch[0], new Shape(settings.batchSize(), inC, p, p));
                    NDArray y = stepManager.create(batch[1], new Shape(settings.batchSize(), outC, p, p));
                    NDArray m = stepManager.create(batch[2], new Shape(settings.batchSize(), 1, p, p));
                    try (GradientCollector collector = trainer.newGradientCollector()) {
                        NDArray prediction = trainer.forward(new NDList(x)).singletonOrThrow();
                        NDArray loss = prediction.sub(y).abs().mul(m).sum().div(m.sum().mul(outC).add(1e-6f));
                        collector.backward(loss);
                        losses.add(loss.getFloat());
                    }
                    trainer.step();
                }
                double fraction = Math.max((step + 1.0) / settings.maxSteps(), (System.nanoTime() - start) / (double) budget);
                int units = (int) Math.min(PROGRESS_UNITS, fraction * PROGRESS_UNITS);
                if (units > reported) {
                    progress.worked(units - reported);
                    reported = units;
                }
                progress.subTask(String.format("step %d, loss %.4f", step + 1, losses.get(losses.size() - 1)));
            }
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        return new TrainedModel(model, architecture.sizeMultiple(), outC, losses, System.nanoTime() - start);
    }

    /** Random crops that hold evidence (mask mostly set), packed as NCHW float batches. */
    private static final class PatchSampler {
        private final List<TrainingPair> pairs;
        private final int size;
        private final Random random;

        PatchSampler(List<TrainingPair> pairs, int size, Random random) {
            this.pairs = pairs;
            this.size = size;
            this.random = random;
        }

        float[][] batch(int n) {
            TrainingPair first = pairs.get(0);
            int area = size * size;
            float[] x = new float[n * first.input().channels() * area];
            float[] y = new float[n * first.target().channels() * area];
            float[] m = new float[n * area];
            for (int i = 0; i < n; i++) {
                TrainingPair pair = pairs.get(random.nextInt(pairs.size()));
                int[] at = pickCrop(pair);
                copyPlanar(pair.input(), at[0], at[1], x, i);
                copyPlanar(pair.target(), at[0], at[1], y, i);
                copyPlanar(pair.mask(), at[0], at[1], m, i);
            }
            return new float[][] {x, y, m};
        }

        /** A crop whose mask is at least half set, tried a few times before settling for any. */
        private int[] pickCrop(TrainingPair pair) {
            int[] at = null;
            for (int attempt = 0; attempt < 8; attempt++) {
                at = new int[] {random.nextInt(pair.input().width() - size + 1), random.nextInt(pair.input().height() - size + 1)};
                if (maskMean(pair.mask(), at[0], at[1]) > 0.5) {
                    break;
                }
            }
            return at;
        }

        private double maskMean(Image mask, int x0, int y0) {
            double sum = 0;
            for (int y = y0; y < y0 + size; y += 4) {
                for (int x = x0; x < x0 + size; x += 4) {
                    sum += mask.get(x, y, 0);
                }
            }
            return sum / ((double) ((size + 3) / 4) * ((size + 3) / 4));
        }

        /** Copies a crop from HWC into item {@code index} of an NCHW buffer. */
        private void copyPlanar(Image image, int x0, int y0, float[] into, int index) {
            int c = image.channels();
            int area = size * size;
            int base = index * c * area;
            float[] src = image.data();
            for (int y = 0; y < size; y++) {
                int row = ((y0 + y) * image.width() + x0) * c;
                for (int x = 0; x < size; x++) {
                    for (int k = 0; k < c; k++) {
                        into[base + k * area + y * size + x] = src[row + x * c + k];
                    }
                }
            }
        }
    }
}
