package org.emulsion.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntPredicate;

import org.eclipse.core.runtime.IProgressMonitor;
import org.emulsion.engine.extensions.ModelArchitecture;
import org.emulsion.engine.internal.TrainingLoop;
import org.emulsion.engine.internal.TrainingThreads;

/**
 * Trains one architecture on one film's pairs: masked loss on augmented random crops, Adam with
 * a schedule (cosine by default, warm-up or step decay on request), optional validation with
 * early stopping, contact sheets and resumable checkpoints in a run folder.
 *
 * <pre>{@code
 * TrainedModel model = ModelTrainer.builder(architecture, pairs, settings)
 *         .validation(heldOut, 100, 5)
 *         .previews(previewFrames)
 *         .runDirectory(runDir).contactSheetEvery(100).checkpointEvery(1000)
 *         .listener(display)
 *         .train(monitor);
 * }</pre>
 */
public final class ModelTrainer {
    private ModelTrainer() {
    }

    /**
     * Trains with the defaults of {@link Builder} and no run folder (nothing is written).
     *
     * @param monitor reports steps; cancelling throws {@link org.eclipse.core.runtime.OperationCanceledException}
     * @throws IllegalArgumentException when no pair is large enough for a crop
     */
    public static TrainedModel train(ModelArchitecture architecture, List<TrainingPair> pairs, TrainingSettings settings,
            IProgressMonitor monitor) {
        try {
            return builder(architecture, pairs, settings).train(monitor);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // nothing is read or written without a run folder
        }
    }

    public static Builder builder(ModelArchitecture architecture, List<TrainingPair> pairs, TrainingSettings settings) {
        return new Builder(architecture, pairs, settings);
    }

    /**
     * The first steps of a fresh CPU run that take turns at each candidate {@link ThreadLayout}
     * before the run goes on with the fastest ({@link TrainingListener#threadsChosen}); 0 on a GPU
     * or with one thread. A speed measured over a run's steps is the run's own after these.
     */
    public static int threadProbeSteps() {
        return TrainingThreads.probeSteps(Djl.device());
    }

    /** The options of one training run; every one has a default. */
    public static final class Builder {
        private final ModelArchitecture architecture;
        private final List<TrainingPair> pairs;
        private final TrainingSettings settings;
        private List<TrainingPair> validation = List.of();
        private int validateEvery;
        private int patience;
        private List<TrainingPair> previews = List.of();
        private Path runDirectory;
        private int contactSheetEvery = 100;
        private int checkpointEvery = 1000;
        private boolean resume = true;
        private PixelLoss loss = PixelLoss.l1();
        private LearningRateSchedule schedule;
        private Augmentation augmentation = Augmentation.DEFAULT;
        private final List<TrainingListener> listeners = new ArrayList<>();
        private String name;
        private IntPredicate poisonLoss;
        private ThreadLayout threadLayout;

        private Builder(ModelArchitecture architecture, List<TrainingPair> pairs, TrainingSettings settings) {
            this.architecture = Objects.requireNonNull(architecture);
            this.pairs = List.copyOf(pairs);
            this.settings = Objects.requireNonNull(settings);
            // no warm-up by default: runs limited by a time budget (the pipeline's, with a huge step
            // count) stop at an unknown step, and on a loaded machine a warm-up sized by the step
            // count ate their whole budget (the quality benchmark's tiny case ended worse than the
            // scan); Adam's bias correction already tames the first steps of these small networks
            this.schedule = LearningRateSchedule.warmUpCosine(0);
        }

        /**
         * Held-out pairs, evaluated every {@code every} steps on fixed crops. The model returned
         * is the one with the lowest validation loss; training stops when it has not improved
         * for {@code patience} evaluations (0: never stop early).
         */
        public Builder validation(List<TrainingPair> heldOut, int every, int patience) {
            if (every < 1 || patience < 0) {
                throw new IllegalArgumentException("validate every " + every + " steps, patience " + patience);
            }
            this.validation = List.copyOf(heldOut);
            this.validateEvery = every;
            this.patience = patience;
            return this;
        }

        /** Frames outside the training set, shown on every contact sheet to watch generalisation. */
        public Builder previews(List<TrainingPair> frames) {
            this.previews = List.copyOf(frames);
            return this;
        }

        /**
         * Where contact sheets ({@code contact-sheets/step-NNNNNNN.png}), checkpoints
         * ({@code step-NNNNNNN.ckpt}) and the live {@link TrainingLog} go; without one nothing is
         * written and nothing resumes.
         */
        public Builder runDirectory(Path directory) {
            this.runDirectory = directory;
            return this;
        }

        /** Contact sheet interval in steps (default 100; 0: none). */
        public Builder contactSheetEvery(int steps) {
            this.contactSheetEvery = Math.max(0, steps);
            return this;
        }

        /** Checkpoint interval in steps (default 1000; 0: only at the end). */
        public Builder checkpointEvery(int steps) {
            this.checkpointEvery = Math.max(0, steps);
            return this;
        }

        /**
         * Whether to continue from the run folder's latest checkpoint (default true). The
         * checkpoint must come from the same recipe: architecture, settings, loss, schedule and
         * augmentation.
         */
        public Builder resume(boolean resume) {
            this.resume = resume;
            return this;
        }

        /** The loss (default {@link PixelLoss#l1()}). */
        public Builder loss(PixelLoss loss) {
            this.loss = Objects.requireNonNull(loss);
            return this;
        }

        /**
         * The learning-rate schedule (default: cosine from the base rate to 1 % of it at the last
         * step, no warm-up; for long runs with a known step count, {@code warmUpCosine(500)}).
         */
        public Builder schedule(LearningRateSchedule schedule) {
            this.schedule = Objects.requireNonNull(schedule);
            return this;
        }

        /** Crop augmentation (default {@link Augmentation#DEFAULT}). */
        public Builder augmentation(Augmentation augmentation) {
            this.augmentation = Objects.requireNonNull(augmentation);
            return this;
        }

        /** What error messages call the model (default: the run folder's name, else the architecture's class). */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name);
            return this;
        }

        /**
         * For tests of the non-finite guard only: the loss of every step (counted from 1) for
         * which {@code steps} answers true is made NaN before backward, as a numerical failure
         * would make it.
         *
         * @noreference This method is not intended to be referenced by clients other than tests.
         */
        public Builder poisonLoss(IntPredicate steps) {
            this.poisonLoss = steps;
            return this;
        }

        /**
         * On a CPU, computes every step in {@code layout} instead of timing the candidates on the
         * first steps ({@link #threadProbeSteps()}); null, the default, times them. A run resumed
         * from a checkpoint keeps the layout the checkpoint names, so that it computes what the
         * interrupted run would have.
         */
        public Builder threadLayout(ThreadLayout layout) {
            this.threadLayout = layout;
            return this;
        }

        public Builder listener(TrainingListener listener) {
            listeners.add(Objects.requireNonNull(listener));
            return this;
        }

        private String modelName() {
            if (name != null) {
                return name;
            }
            return runDirectory != null ? "model " + runDirectory.getFileName() : architecture.getClass().getSimpleName();
        }

        /**
         * Trains until the settings' step count or time budget, or early stopping. A NaN or
         * infinite loss, gradient or validation loss sends the run back to its last good state
         * with a halved learning rate ({@link TrainingListener#rolledBack}); a second one soon
         * after throws {@link NonFiniteValueException} naming the model and the step.
         *
         * @param monitor reports progress; cancelling throws
         *                {@link org.eclipse.core.runtime.OperationCanceledException} (checkpoints written so far stay)
         * @throws IOException naming the file when a checkpoint cannot be read (corrupt, of another recipe)
         *                     or a checkpoint or contact sheet cannot be written
         * @throws IllegalArgumentException when no pair is large enough for a crop
         */
        public TrainedModel train(IProgressMonitor monitor) throws IOException {
            TrainingLoop.Result r = TrainingLoop.run(new TrainingLoop.Plan(architecture, pairs, settings, validation, validateEvery,
                    patience, previews, runDirectory, contactSheetEvery, checkpointEvery, resume, loss, schedule, augmentation,
                    listeners, modelName(), poisonLoss, threadLayout), monitor);
            List<TrainedModel.Validation> curve = r.validation().stream()
                    .map(v -> new TrainedModel.Validation((int) v[0], v[1])).toList();
            return new TrainedModel(r.model(), architecture.sizeMultiple(settings.preset()), r.outputChannels(), r.losses(), r.nanos(), curve,
                    r.stoppedEarly(), r.bestStep(), r.rollbacks(), modelName());
        }
    }
}
