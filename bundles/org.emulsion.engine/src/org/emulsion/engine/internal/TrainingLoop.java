package org.emulsion.engine.internal;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.emulsion.engine.extensions.FullyConvolutional;
import org.emulsion.engine.extensions.ModelArchitecture;
import org.emulsion.core.image.Image;
import org.emulsion.engine.Augmentation;
import org.emulsion.engine.ContactSheets;
import org.emulsion.engine.Djl;
import org.emulsion.engine.LearningRateSchedule;
import org.emulsion.engine.MemoryBudget;
import org.emulsion.engine.PixelLoss;
import org.emulsion.engine.Rollback;
import org.emulsion.engine.TensorBuffer;
import org.emulsion.engine.ThreadLayout;
import org.emulsion.engine.TrainingListener;
import org.emulsion.engine.TrainingLog;
import org.emulsion.engine.TrainingPair;
import org.emulsion.engine.TrainingSettings;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;

/**
 * The training recipe: masked loss on augmented crops, Adam on a schedule, validation with
 * early stopping, contact sheets and checkpoints at fixed step intervals, exact resume.
 * <p>
 * Exactness: step {@code s} draws its crops from a generator seeded by (seed, s) alone, and a
 * checkpoint holds the weights, Adam's moments and update counts, the loss history and the
 * early-stopping state; so a run continued from the checkpoint after step {@code s} computes
 * what the uninterrupted run computes. Each step's tensors live in a sub-manager closed after
 * the step (DJL keeps an op's result in its input's manager; otherwise memory grows by tens of
 * MB per step).
 */
public final class TrainingLoop {
    private static final int VALIDATION_CROPS_PER_PAIR = 8;
    private static final int SHEET_TILE = 256;
    private static final int TRAINING_ROWS = 2;
    private final Plan plan;
    private final TrainingSettings settings;
    private final Listeners listeners;
    /** Patches per step: the settings' batch, or fewer when that would not fit the device's memory ({@link MemoryBudget}). */
    private int batch;
    /** Input, target and mask of a batch, reused from step to step. */
    private final TensorBuffer[] batchBuffers = {new TensorBuffer(), new TensorBuffer(), new TensorBuffer()};

    /** What to train and how; see {@code ModelTrainer.Builder} for the meaning of each option. */
    public record Plan(ModelArchitecture architecture, List<TrainingPair> pairs, TrainingSettings settings,
            List<TrainingPair> validation, int validateEvery, int patience, List<TrainingPair> previews, Path runDirectory,
            int contactSheetEvery, int checkpointEvery, boolean resume, PixelLoss loss, LearningRateSchedule schedule,
            Augmentation augmentation, List<TrainingListener> listeners, String name, IntPredicate poisonLoss,
            ThreadLayout threadLayout) {
    }

    /** The trained network and its history. */
    public record Result(Model model, List<Float> losses, List<float[]> validation, long nanos, boolean stoppedEarly,
            int bestStep, int outputChannels, List<Rollback> rollbacks) {
    }

    /** Everything a checkpoint must carry besides tensors. */
    private static final class RunState {
        int step;
        long elapsedBefore;
        final List<Float> losses = new ArrayList<>();
        final List<float[]> validation = new ArrayList<>();
        float best = Float.POSITIVE_INFINITY;
        int bestStep = -1;
        int sinceBest;
        boolean stoppedEarly;
        Map<String, float[]> bestParameters;
        int lastCheckpoint = -1;
        final List<Rollback> rollbacks = new ArrayList<>();
        /** The thread layout chosen ({@link TrainingThreads}), null while not chosen. */
        ThreadLayout layout;
    }

    private TrainingLoop(Plan plan) {
        this.plan = plan;
        this.settings = plan.settings();
        this.listeners = new Listeners(plan.listeners());
    }

    /**
     * Trains.
     *
     * @throws OperationCanceledException when the monitor is cancelled (checkpoints already written stay)
     * @throws IOException naming the file when a checkpoint or contact sheet cannot be read or written
     */
    public static Result run(Plan plan, IProgressMonitor monitor) throws IOException {
        TrainingLoop loop = new TrainingLoop(plan);
        if (plan.runDirectory() == null) {
            return loop.train(monitor);
        }
        // a run with a folder keeps a live log there, for monitors in this or another process
        try (TrainingLog.Writer log = TrainingLog.Writer.append(plan.runDirectory(), plan.settings())) {
            loop.listeners.add(log);
            Result result = loop.train(monitor);
            log.finished(result.losses().size(), result.bestStep(), Duration.ofNanos(result.nanos()));
            return result;
        }
    }

    private Result train(IProgressMonitor monitor) throws IOException {
        List<TrainingPair> usable = largeEnough(plan.pairs());
        if (usable.isEmpty()) {
            throw new IllegalArgumentException("no training pair is at least " + settings.patchSize() + "px square");
        }
        int multiple = plan.architecture().sizeMultiple(settings.preset());
        if (settings.patchSize() % multiple != 0) {
            throw new IllegalArgumentException("patch size " + settings.patchSize() + " is not a multiple of " + multiple);
        }
        int inC = usable.get(0).input().channels();
        int outC = usable.get(0).target().channels();
        PatchSampler sampler = new PatchSampler(usable, settings.patchSize(), plan.augmentation());
        List<TrainingPair> validation = largeEnough(plan.validation());
        PatchSampler.Batch validationCrops = validation.isEmpty() ? null
                : PatchSampler.fixedCrops(validation, settings.patchSize(), VALIDATION_CROPS_PER_PAIR);
        PatchSampler.Batch sheetCrops = plan.runDirectory() == null || plan.contactSheetEvery() <= 0 ? null : sheetCrops(usable, multiple);

        Djl.engine().setRandomSeed((int) settings.seed());
        Model model = Model.newInstance("emulsion", Djl.device(), Djl.ENGINE);
        try {
            Block block = plan.architecture().newBlock(settings.preset());
            model.setBlock(block);
            batch = block instanceof FullyConvolutional network
                    ? MemoryBudget.training(Djl.device()).trainingBatch(network, settings.patchSize(), settings.batchSize())
                    : settings.batchSize();
            NDManager optimizerState = model.getNDManager().newSubManager();
            ResumableAdam adam = new ResumableAdam(plan.schedule().tracker(settings.learningRate(), settings.maxSteps()), optimizerState);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l1Loss()) // unused: the masked loss is computed below
                    .optInitializer(new XavierInitializer(), Parameter.Type.WEIGHT)
                    .optOptimizer(adam)
                    .optDevices(new ai.djl.Device[] {Djl.device()});
            RunState state = new RunState();
            long start = System.nanoTime();
            try (Trainer trainer = model.newTrainer(config)) {
                int p = settings.patchSize();
                trainer.initialize(new Shape(batch, inC, p, p));
                if (plan.resume() && plan.runDirectory() != null) {
                    resume(block, adam, state, inC, outC);
                }
                MonitorReporter reporter = new MonitorReporter(monitor, settings, state.step, state.elapsedBefore);
                listeners.add(reporter);
                NumericGuard guard = new NumericGuard(plan.name(), state.rollbacks);
                adam.setRateScale(guard.rateScale());
                try (TrainingThreads threads = TrainingThreads.forRun(Djl.device(), state.layout != null ? state.layout
                        : plan.threadLayout());
                        Replicas replicas = new Replicas(trainer.getManager());
                        CropsAhead cropsAhead = new CropsAhead(sampler, batch)) {
                    state.layout = threads.chosen();
                    while (state.step < settings.maxSteps() && !state.stoppedEarly) {
                        if (reporter.isCanceled()) {
                            throw new OperationCanceledException();
                        }
                        long elapsed = state.elapsedBefore + System.nanoTime() - start;
                        if (elapsed > settings.timeBudget().toNanos()) {
                            break;
                        }
                        if (guard.due(state.step)) {
                            guard.snapshot(block, adam, state.step, state.losses.size(), state.validation.size(), state.best,
                                    state.bestStep, state.sinceBest, state.bestParameters);
                        }
                        // after a rollback the crops differ from the ones that failed (and stay reproducible on resume)
                        PatchSampler.Batch crops = cropsAhead.take(settings.seed() + state.rollbacks.size() * 0x5DEECE66DL, state.step);
                        ThreadLayout layout = threads.before(state.step + 1);
                        long stepStart = System.nanoTime();
                        StepResult result = step(trainer, block, adam, replicas, layout, crops, state.step + 1);
                        if (result.nonFinite() != null) {
                            rollBack(guard, state, state.step + 1, result.nonFinite(), block, adam);
                            continue;
                        }
                        float loss = result.loss();
                        state.step++;
                        state.losses.add(loss);
                        if (threads.after(state.step, System.nanoTime() - stepStart)) {
                            state.layout = threads.chosen();
                            listeners.threadsChosen(state.step, state.layout, threads.millisPerStep());
                        }
                        elapsed = state.elapsedBefore + System.nanoTime() - start;
                        listeners.stepFinished(state.step, settings.maxSteps(), loss, adam.rateAt(state.step), Duration.ofNanos(elapsed));
                        if (validationCrops != null && plan.validateEvery() > 0 && state.step % plan.validateEvery() == 0
                                && !validate(trainer, block, validationCrops, state)) {
                            rollBack(guard, state, state.step, "validation loss", block, adam);
                            continue;
                        }
                        if (sheetCrops != null && state.step % plan.contactSheetEvery() == 0) {
                            writeContactSheet(trainer, sheetCrops, state.step);
                        }
                        if (plan.runDirectory() != null && plan.checkpointEvery() > 0 && state.step % plan.checkpointEvery() == 0) {
                            checkpoint(block, adam, state, elapsed, inC, outC);
                        }
                    }
                }
                // The last weights compete too: a run that ends between evaluations (a time budget) must not
                // fall back to an older, worse state for want of a measurement.
                boolean validatedLast = !state.validation.isEmpty() && state.validation.get(state.validation.size() - 1)[0] == state.step;
                if (validationCrops != null && state.step > 0 && !validatedLast && !state.stoppedEarly) {
                    validate(trainer, block, validationCrops, state); // a non-finite last one is simply not the best
                }
                guard.close();
                long elapsed = state.elapsedBefore + System.nanoTime() - start;
                if (plan.runDirectory() != null && state.lastCheckpoint != state.step && state.step > 0) {
                    checkpoint(block, adam, state, elapsed, inC, outC); // the end state, so a finished run is not redone
                }
                if (state.bestParameters != null) {
                    copy(state.bestParameters, block, Checkpoint.BEST);
                }
                if (state.stoppedEarly) {
                    listeners.stoppedEarly(state.step, state.bestStep);
                }
                return new Result(model, state.losses, state.validation, elapsed, state.stoppedEarly, state.bestStep, outC,
                        List.copyOf(state.rollbacks));
            }
        } catch (RuntimeException | IOException e) {
            model.close();
            throw e;
        }
    }

    private List<TrainingPair> largeEnough(List<TrainingPair> pairs) {
        int p = settings.patchSize();
        return pairs.stream().filter(x -> x.input().width() >= p && x.input().height() >= p).toList();
    }

    /** The generator of step {@code step}: a function of (seed, step) only, so resumed runs draw the same crops. */
    static SplittableRandom stepRandom(long seed, int step) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ (step + 1L) * 0xC2B2AE3D27D4EB4FL);
    }

    /** A step's masked loss, or what was not finite ({@code loss}, {@code gradient}) when the weights were left alone. */
    private record StepResult(float loss, String nonFinite) {
    }

    /**
     * One optimisation step on a batch, its loss and gradients computed by the layout's replicas;
     * a non-finite loss or gradient leaves the weights untouched.
     */
    private StepResult step(Trainer trainer, Block block, ResumableAdam adam, Replicas replicas, ThreadLayout layout,
            PatchSampler.Batch batch, int stepNumber) {
        try (NDManager stepManager = trainer.getManager().newSubManager()) {
            NDArray[] xym = tensors(stepManager, batch);
            // the batch's masked mean: each slice's masked sum over the whole batch's mask weight
            NDArray weight = xym[2].sum().mul(xym[1].getShape().get(1)).add(1e-6f);
            boolean poisoned = plan.poisonLoss() != null && plan.poisonLoss().test(stepNumber);
            float value = replicas.lossAndGradients(layout, batch.n, (weights, from, to) -> {
                NDArray[] slice = from == 0 && to == batch.n ? xym : new NDArray[] {
                    xym[0].get(from + ":" + to), xym[1].get(from + ":" + to), xym[2].get(from + ":" + to)};
                NDArray prediction = block.forward(weights, new NDList(slice[0]), true).singletonOrThrow();
                NDArray loss = plan.loss().perSample(prediction, slice[1]).mul(slice[2]).sum().div(weight);
                return poisoned ? loss.mul(Float.NaN) : loss; // the test hook: a NaN that travels through backward like a real one
            });
            boolean gradientsFinite = Float.isFinite(value) && NumericGuard.gradientsFinite(block, stepManager);
            if (!gradientsFinite) {
                zeroGradients(block);
                return new StepResult(value, Float.isFinite(value) ? "gradient" : "loss");
            }
            replicas.forEachReplica(layout, (replica, shares) -> adam.step(block, replica, shares));
            return new StepResult(value, null);
        }
    }

    /** PyTorch accumulates gradients until an update zeroes them; a skipped update must zero them itself. */
    private static void zeroGradients(Block block) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            NDArray weight = p.getValue().getArray();
            if (weight.hasGradient() && weight instanceof PtNDArray pt) {
                JniUtils.zeroGrad(pt);
            }
        }
    }

    /** Returns to the guard's last good state; the guard throws when the failure recurs. */
    private void rollBack(NumericGuard guard, RunState state, int failedStep, String cause, Block block, ResumableAdam adam) {
        NumericGuard.Snapshot good = guard.rollBack(failedStep, cause, block, adam);
        state.step = good.step();
        state.losses.subList(good.losses(), state.losses.size()).clear();
        state.validation.subList(good.validations(), state.validation.size()).clear();
        state.best = good.best();
        state.bestStep = good.bestStep();
        state.sinceBest = good.sinceBest();
        state.bestParameters = good.bestParameters();
        state.stoppedEarly = false;
        state.rollbacks.add(guard.lastRollback());
        listeners.rolledBack(guard.lastRollback());
    }

    /** The batch as tensors, through buffers reused from step to step (the previous step's tensors are closed by now). */
    private NDArray[] tensors(NDManager manager, PatchSampler.Batch b) {
        return new NDArray[] {
            batchBuffers[0].tensor(manager, b.input, new Shape(b.n, b.inputChannels, b.size, b.size)),
            batchBuffers[1].tensor(manager, b.target, new Shape(b.n, b.targetChannels, b.size, b.size)),
            batchBuffers[2].tensor(manager, b.mask, new Shape(b.n, 1, b.size, b.size))};
    }

    /**
     * Masked loss over all validation crops; tracks the best weights and the patience.
     *
     * @return false when the loss is not finite (nothing is recorded then)
     */
    private boolean validate(Trainer trainer, Block block, PatchSampler.Batch crops, RunState state) {
        double weighted = 0;
        double weights = 0;
        try (NDManager manager = trainer.getManager().newSubManager()) {
            NDArray[] xym = tensors(manager, crops);
            for (int from = 0; from < crops.n; from += batch) {
                int to = Math.min(crops.n, from + batch);
                NDArray x = xym[0].get(from + ":" + to);
                NDArray y = xym[1].get(from + ":" + to);
                NDArray m = xym[2].get(from + ":" + to);
                NDArray prediction = trainer.evaluate(new NDList(x)).singletonOrThrow();
                weighted += plan.loss().perSample(prediction, y).mul(m).sum().getFloat();
                weights += m.sum().getFloat() * y.getShape().get(1);
            }
        }
        float loss = (float) (weighted / Math.max(weights, 1e-6));
        if (!Float.isFinite(loss)) {
            return false;
        }
        state.validation.add(new float[] {state.step, loss});
        if (loss < state.best) {
            state.best = loss;
            state.bestStep = state.step;
            state.sinceBest = 0;
            state.bestParameters = Checkpoint.parameters(block, Checkpoint.BEST);
        } else {
            state.sinceBest++;
            state.stoppedEarly = plan.patience() > 0 && state.sinceBest >= plan.patience();
        }
        listeners.validated(state.step, loss, state.best);
        return true;
    }

    /** Fixed crops of the first training pairs and of every preview frame, at one tile size. */
    private PatchSampler.Batch sheetCrops(List<TrainingPair> usable, int multiple) {
        List<TrainingPair> rows = new ArrayList<>(usable.subList(0, Math.min(TRAINING_ROWS, usable.size())));
        rows.addAll(plan.previews());
        int tile = SHEET_TILE;
        for (TrainingPair r : rows) {
            tile = Math.min(tile, Math.min(r.input().width(), r.input().height()));
        }
        tile = Math.max(multiple, tile / multiple * multiple);
        int size = tile;
        return PatchSampler.fixedCrops(rows.stream().filter(r -> r.input().width() >= size && r.input().height() >= size).toList(),
                tile, 1);
    }

    private void writeContactSheet(Trainer trainer, PatchSampler.Batch crops, int step) throws IOException {
        List<ContactSheet.Row> rows = new ArrayList<>();
        try (NDManager manager = trainer.getManager().newSubManager()) {
            NDArray[] xym = tensors(manager, crops);
            float[] out = trainer.evaluate(new NDList(xym[0])).singletonOrThrow().toFloatArray();
            for (int i = 0; i < crops.n; i++) {
                rows.add(new ContactSheet.Row(item(crops.input, crops.inputChannels, crops.size, i),
                        item(crops.target, crops.targetChannels, crops.size, i), item(out, crops.targetChannels, crops.size, i)));
            }
        }
        Path file = ContactSheets.file(plan.runDirectory(), step);
        Files.createDirectories(file.getParent());
        ContactSheet.write(file, rows);
        listeners.contactSheetWritten(step, file);
    }

    /** Item {@code index} of an NCHW buffer as an HWC image. */
    private static Image item(float[] nchw, int channels, int size, int index) {
        int area = size * size;
        Image image = Image.blank(size, size, channels);
        for (int k = 0; k < channels; k++) {
            int base = (index * channels + k) * area;
            for (int i = 0; i < area; i++) {
                image.data()[i * channels + k] = nchw[base + i];
            }
        }
        return image;
    }

    private String recipe(int inC, int outC) {
        TrainingSettings s = settings;
        return plan.architecture().getClass().getName() + " " + s.preset().name() + " (width " + s.preset().baseWidth() + ", depth " + s.preset().depth() + "), " + inC + "->" + outC + " channels, patch "
                + s.patchSize() + ", batch " + s.batchSize() + ", " + s.maxSteps() + " steps, lr " + s.learningRate() + " ("
                + plan.schedule().describe() + "), loss " + plan.loss().name() + ", seed " + s.seed() + ", " + plan.augmentation();
    }

    private void checkpoint(Block block, ResumableAdam adam, RunState state, long elapsed, int inC, int outC) throws IOException {
        JsonObject header = new JsonObject();
        header.addProperty("recipe", recipe(inC, outC));
        header.addProperty("architecture", plan.architecture().getClass().getName());
        header.addProperty("preset", settings.preset().name());
        header.addProperty("baseWidth", settings.preset().baseWidth());
        header.addProperty("depth", settings.preset().depth());
        header.addProperty("inputChannels", inC);
        header.addProperty("outputChannels", outC);
        header.addProperty("sizeMultiple", plan.architecture().sizeMultiple(settings.preset()));
        header.addProperty("step", state.step);
        header.addProperty("elapsedNanos", elapsed);
        JsonArray losses = new JsonArray();
        state.losses.forEach(losses::add);
        header.add("losses", losses);
        JsonArray validation = new JsonArray();
        for (float[] v : state.validation) {
            JsonArray point = new JsonArray();
            point.add((int) v[0]);
            point.add(v[1]);
            validation.add(point);
        }
        header.add("validation", validation);
        if (Float.isFinite(state.best)) {
            header.addProperty("best", state.best);
        }
        header.addProperty("bestStep", state.bestStep);
        header.addProperty("sinceBest", state.sinceBest);
        header.addProperty("stoppedEarly", state.stoppedEarly);
        if (state.layout != null) {
            header.addProperty("threadLayout", state.layout.toString());
        }
        JsonArray rollbacks = new JsonArray();
        for (Rollback r : state.rollbacks) {
            JsonObject o = new JsonObject();
            o.addProperty("failedStep", r.failedStep());
            o.addProperty("toStep", r.toStep());
            o.addProperty("cause", r.cause());
            o.addProperty("rateScale", r.rateScale());
            rollbacks.add(o);
        }
        header.add("rollbacks", rollbacks);
        Map<String, float[]> tensors = new LinkedHashMap<>(Checkpoint.parameters(block, Checkpoint.PARAMETERS));
        JsonObject updates = new JsonObject();
        Map<String, ResumableAdam.Moments> moments = adam.state();
        for (Pair<String, Parameter> p : block.getParameters()) {
            ResumableAdam.Moments m = moments.get(p.getValue().getId());
            if (m != null) {
                updates.addProperty(p.getKey(), m.updates());
                tensors.put(Checkpoint.ADAM_MEAN + p.getKey(), m.mean().toFloatArray());
                tensors.put(Checkpoint.ADAM_VARIANCE + p.getKey(), m.variance().toFloatArray());
            }
        }
        header.add("adamUpdates", updates);
        if (state.bestParameters != null) {
            tensors.putAll(state.bestParameters);
        }
        Path file = plan.runDirectory().resolve(Checkpoint.fileName(state.step));
        new Checkpoint(file, header, tensors).write();
        state.lastCheckpoint = state.step;
        listeners.checkpointWritten(state.step, file);
    }

    private void resume(Block block, ResumableAdam adam, RunState state, int inC, int outC) throws IOException {
        Optional<Path> latest = Checkpoint.latest(plan.runDirectory());
        if (latest.isEmpty()) {
            return;
        }
        Checkpoint checkpoint = Checkpoint.read(latest.get());
        JsonObject h = checkpoint.header();
        String recipe = recipe(inC, outC);
        if (!h.has("recipe") || !recipe.equals(h.get("recipe").getAsString())) {
            throw new IOException("Checkpoint " + latest.get() + " was written by another recipe (" + (h.has("recipe")
                    ? h.get("recipe").getAsString() : "unknown") + ") than this run's (" + recipe + "). Resume with the same"
                    + " settings, or train into a new run folder");
        }
        checkpoint.copyInto(block, Checkpoint.PARAMETERS);
        JsonObject updates = h.getAsJsonObject("adamUpdates");
        try (NDManager scratch = block.getParameters().get(0).getValue().getArray().getManager().newSubManager()) {
            for (Pair<String, Parameter> p : block.getParameters()) {
                if (updates.has(p.getKey())) {
                    NDArray weight = p.getValue().getArray();
                    NDArray mean = scratch.create(checkpoint.tensors().get(Checkpoint.ADAM_MEAN + p.getKey()), weight.getShape());
                    NDArray variance = scratch.create(checkpoint.tensors().get(Checkpoint.ADAM_VARIANCE + p.getKey()), weight.getShape());
                    adam.restore(p.getValue().getId(), mean, variance, updates.get(p.getKey()).getAsInt());
                }
            }
        }
        state.step = h.get("step").getAsInt();
        state.elapsedBefore = h.get("elapsedNanos").getAsLong();
        h.getAsJsonArray("losses").forEach(l -> state.losses.add(l.getAsFloat()));
        h.getAsJsonArray("validation").forEach(v -> state.validation.add(new float[] {
            v.getAsJsonArray().get(0).getAsFloat(), v.getAsJsonArray().get(1).getAsFloat()}));
        state.best = h.has("best") ? h.get("best").getAsFloat() : Float.POSITIVE_INFINITY;
        state.bestStep = h.get("bestStep").getAsInt();
        state.sinceBest = h.get("sinceBest").getAsInt();
        state.stoppedEarly = h.get("stoppedEarly").getAsBoolean();
        state.layout = h.has("threadLayout") ? ThreadLayout.parse(h.get("threadLayout").getAsString())
                : h.has("intraOpThreads") ? ThreadLayout.intraOp(h.get("intraOpThreads").getAsInt()) : null; // before layouts: a count
        state.rollbacks.addAll(rollbacks(h));
        if (checkpoint.has(Checkpoint.BEST)) {
            state.bestParameters = new LinkedHashMap<>();
            checkpoint.tensors().forEach((k, v) -> {
                if (k.startsWith(Checkpoint.BEST)) {
                    state.bestParameters.put(k, v);
                }
            });
        }
        state.lastCheckpoint = state.step;
        listeners.resumed(state.step, latest.get());
    }

    /** The rollbacks a checkpoint header records (none in checkpoints written before there were any). */
    public static List<Rollback> rollbacks(JsonObject header) {
        List<Rollback> list = new ArrayList<>();
        if (header.has("rollbacks")) {
            header.getAsJsonArray("rollbacks").forEach(e -> {
                JsonObject o = e.getAsJsonObject();
                list.add(new Rollback(o.get("failedStep").getAsInt(), o.get("toStep").getAsInt(), o.get("cause").getAsString(),
                        o.get("rateScale").getAsFloat()));
            });
        }
        return list;
    }

    private static void copy(Map<String, float[]> tensors, Block block, String prefix) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            p.getValue().getArray().set(FloatBuffer.wrap(tensors.get(prefix + p.getKey())));
        }
    }
}
