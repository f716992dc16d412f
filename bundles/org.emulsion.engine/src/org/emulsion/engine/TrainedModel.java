package org.emulsion.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import org.emulsion.core.EmulsionPreferences.ComputePrecision;
import org.emulsion.engine.extensions.ArchitecturePreset;
import org.emulsion.engine.extensions.FullyConvolutional;
import org.emulsion.engine.extensions.ModelArchitecture;
import org.emulsion.core.image.Image;
import org.emulsion.engine.internal.CastParameterStore;
import org.emulsion.engine.internal.Checkpoint;
import org.emulsion.engine.internal.TrainingLoop;

import com.google.gson.JsonObject;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;

/** A network trained for one film, ready to infer frames. */
public final class TrainedModel implements AutoCloseable {
    /** System property: MiB of tensors one inference pass may hold before frames are tiled. */
    public static final String BUDGET_PROPERTY = "emulsion.inference.budgetMiB";
    /**
     * The default pass budget: Emulsion's U-Nets hold about 11 times their largest tensor (a
     * decoder's concatenation) in one pass, so at this budget no tensor exceeds 32 MiB, the largest
     * block glibc serves from its heap (anything larger is a fresh mapping, faulted in page by page
     * on every pass), while tiles stay large enough that their overlap costs at most about 1.2×.
     */
    public static final long DEFAULT_BUDGET_MIB = 352;
    /** Core sides (pixels) of the finer tilings {@link #predict(Image, Image)} weighs against the budget's. */
    private static final int[] SPARSE_CORES = {64, 128, 256};
    private final Model model;
    private final int sizeMultiple;
    private final int outputChannels;
    private final List<Float> losses;
    private final long trainingNanos;

    private final List<Validation> validation;
    private final boolean stoppedEarly;
    private final int bestStep;
    private final List<Rollback> rollbacks;
    private final String name;
    /** Reduced-precision copies of the weights for inference, made on first use; null in float32. */
    private CastParameterStore castWeights;
    private NDManager castManager;
    /** The tile batch's input, reused from frame to frame. */
    private final TensorBuffer input = new TensorBuffer();

    /** The loss on the held-out pairs after {@code step}. */
    public record Validation(int step, float loss) {
    }

    TrainedModel(Model model, int sizeMultiple, int outputChannels, List<Float> losses, long trainingNanos, String name) {
        this(model, sizeMultiple, outputChannels, losses, trainingNanos, List.of(), false, -1, List.of(), name);
    }

    TrainedModel(Model model, int sizeMultiple, int outputChannels, List<Float> losses, long trainingNanos,
            List<Validation> validation, boolean stoppedEarly, int bestStep, List<Rollback> rollbacks, String name) {
        this.model = model;
        this.sizeMultiple = sizeMultiple;
        this.outputChannels = outputChannels;
        this.losses = List.copyOf(losses);
        this.trainingNanos = trainingNanos;
        this.validation = List.copyOf(validation);
        this.stoppedEarly = stoppedEarly;
        this.bestStep = bestStep;
        this.rollbacks = List.copyOf(rollbacks);
        this.name = name;
    }

    /**
     * The network of a checkpoint written by {@link ModelTrainer} (its best weights when the run
     * validated, else its last), ready to infer.
     *
     * @param architecture the architecture it was trained with
     * @throws IOException naming the file when it is not a checkpoint, is damaged, or was
     *                     written for another architecture
     */
    public static TrainedModel load(ModelArchitecture architecture, Path checkpoint) throws IOException {
        Checkpoint c = Checkpoint.read(checkpoint);
        JsonObject h = c.header();
        if (!architecture.getClass().getName().equals(h.get("architecture").getAsString())) {
            throw new IOException("Checkpoint " + checkpoint + " holds a " + h.get("architecture").getAsString() + ", not a "
                    + architecture.getClass().getName() + "; load it with the architecture it was trained with");
        }
        String name = h.get("preset").getAsString();
        ArchitecturePreset preset = new ArchitecturePreset(name, name, h.get("baseWidth").getAsInt(), h.get("depth").getAsInt());
        int m = architecture.sizeMultiple(preset);
        Model model = Model.newInstance("emulsion", Djl.device(), Djl.ENGINE);
        try {
            Block block = architecture.newBlock(preset);
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, h.get("inputChannels").getAsInt(), m, m));
            c.copyInto(block, c.has(Checkpoint.BEST) ? Checkpoint.BEST : Checkpoint.PARAMETERS);
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
        List<Float> losses = new java.util.ArrayList<>();
        h.getAsJsonArray("losses").forEach(l -> losses.add(l.getAsFloat()));
        List<Validation> validation = new java.util.ArrayList<>();
        h.getAsJsonArray("validation").forEach(v -> validation.add(new Validation(v.getAsJsonArray().get(0).getAsInt(),
                v.getAsJsonArray().get(1).getAsFloat())));
        return new TrainedModel(model, m, h.get("outputChannels").getAsInt(), losses, h.get("elapsedNanos").getAsLong(),
                validation, h.get("stoppedEarly").getAsBoolean(), h.get("bestStep").getAsInt(), TrainingLoop.rollbacks(h),
                "the model of " + checkpoint);
    }

    /**
     * A network of {@code preset}'s size with randomly initialised weights (seeded): what
     * inference costs does not depend on training, so benchmarks and tests of inference start here.
     *
     * @param inputChannels channels of the frames it will be given
     */
    public static TrainedModel untrained(ModelArchitecture architecture, ArchitecturePreset preset, int inputChannels,
            long seed) {
        Djl.engine().setRandomSeed((int) seed);
        Model model = Model.newInstance("emulsion", Djl.device(), Djl.ENGINE);
        Block block = architecture.newBlock(preset);
        block.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
        int multiple = architecture.sizeMultiple(preset);
        Shape probe = new Shape(1, inputChannels, multiple, multiple);
        block.initialize(model.getNDManager(), DataType.FLOAT32, probe);
        model.setBlock(block);
        int outputChannels = (int) block.getOutputShapes(new Shape[] {probe})[0].get(1);
        return new TrainedModel(model, multiple, outputChannels, List.of(), 0, "an untrained " + architecture.getClass().getSimpleName());
    }

    /** Loss of every training step, in order. */
    public List<Float> lossCurve() { return losses; }

    public int steps() { return losses.size(); }

    public double trainingSeconds() { return trainingNanos / 1e9; }

    /** Validation losses in step order; empty when the run had no held-out pairs. */
    public List<Validation> validationCurve() { return validation; }

    /** Whether validation stopped the run before its step count. */
    public boolean stoppedEarly() { return stoppedEarly; }

    /** The step whose weights this model holds when the run validated, else -1 (the last step's). */
    public int bestStep() { return bestStep; }

    /** The returns to a last good state its training made after NaN or infinite values, in order. */
    public List<Rollback> rollbacks() { return rollbacks; }

    /** What messages call this model (its run folder, checkpoint or architecture). */
    public String name() { return name; }

    /**
     * The precision {@link #predict} computes in: the engine's ({@link Djl#precision()}) when the
     * network supports mixed precision ({@link FullyConvolutional#mixedPrecision()}), else fp32.
     * Reports record it beside their figures.
     */
    public ComputePrecision precision() {
        return model.getBlock() instanceof FullyConvolutional network && network.mixedPrecision() ? Djl.precision()
                : ComputePrecision.FP32;
    }

    /** The network's parameters by name, as float arrays (for comparison and export). */
    public java.util.Map<String, float[]> parameters() {
        java.util.Map<String, float[]> out = new java.util.LinkedHashMap<>();
        model.getBlock().getParameters().forEach(p -> out.put(p.getKey(), p.getValue().getArray().toFloatArray()));
        return out;
    }

    /**
     * Infers a frame in tiles sized by the inference memory budget ({@value #BUDGET_PROPERTY}, in
     * MiB; default {@value #DEFAULT_BUDGET_MIB}; see {@link TiledInference#forBudget}), a frame that
     * fits one tile whole. Frames whose sides are not multiples of the network's size multiple are
     * extended by edge replication and cropped back. Networks that do not declare their receptive
     * field ({@link FullyConvolutional}) are run on the whole frame.
     *
     * @throws NonFiniteValueException when the network's output holds NaN or infinite values
     */
    public Image predict(Image input) {
        return predict(input, tiling());
    }

    /**
     * The network's output at the pixels where {@code where} (one channel, the input's size) is
     * above 0, and wherever the tiles they lie in reach; 0 elsewhere. Only those tiles are computed,
     * of the budget's tiling or of a finer one ({@link TiledInference#finer}), whichever computes
     * fewer pixels: a fill needed in a few holes costs their surroundings, not the frame. Each pixel
     * read equals {@link #predict(Image)}'s (see {@link TiledInference}).
     *
     * @throws NonFiniteValueException when the network's output holds NaN or infinite values
     */
    public Image predict(Image input, Image where) {
        TiledInference best = tiling();
        List<TiledInference.Tile> tiles = best.tilesOver(where);
        if (model.getBlock() instanceof FullyConvolutional) {
            for (int core : SPARSE_CORES) {
                TiledInference finer = best.finer(core);
                List<TiledInference.Tile> fewer = finer.tilesOver(where);
                if (TiledInference.computedPixels(fewer) < TiledInference.computedPixels(tiles)) {
                    best = finer;
                    tiles = fewer;
                }
            }
        }
        return tiles.isEmpty() ? Image.blank(input.width(), input.height(), outputChannels) : predict(input, best, tiles);
    }

    /** The budget's tiling for this network ({@link #predict(Image)}). */
    private TiledInference tiling() {
        return model.getBlock() instanceof FullyConvolutional network
                ? MemoryBudget.inference(model.getNDManager().getDevice(), Long.getLong(BUDGET_PROPERTY, DEFAULT_BUDGET_MIB) << 20)
                        .tiling(network)
                : TiledInference.whole(sizeMultiple);
    }

    /**
     * Infers a frame in the tiles {@code tiling} cuts it into; one frame at a time (the engine uses
     * every core for each), reusing the input buffer.
     *
     * @throws NonFiniteValueException when the network's output holds NaN or infinite values
     */
    public Image predict(Image input, TiledInference tiling) {
        return predict(input, tiling, tiling.tiles(input.width(), input.height()));
    }

    private synchronized Image predict(Image input, TiledInference tiling, List<TiledInference.Tile> tiles) {
        Image result = tiling.apply(input, tiles, this::forward, this.input);
        int bad = result.firstNonFinite();
        if (bad >= 0) {
            int pixel = bad / result.channels();
            throw new NonFiniteValueException(name + " produced " + result.data()[bad] + " at pixel (" + pixel % result.width()
                    + ", " + pixel / result.width() + "); nothing was written for this frame. Retrain the model (its weights"
                    + " or the frame's values are out of range)");
        }
        return result;
    }

    /**
     * One forward pass without gradients on a batch of tiles whose sides are multiples of the size
     * multiple. Its tensors live in a sub-manager closed before returning (DJL keeps every op's
     * result in its input's manager); the output is read where the engine wrote it. In bf16 or fp16
     * the weights come from a store of cast copies; input and output stay float32.
     */
    private void forward(ByteBuffer input, int count, int channels, int height, int width, Consumer<FloatBuffer> result) {
        JniUtils.setGradMode(false); // per thread: inference needs no autograd graph
        ParameterStore weights = weights(precision());
        try (NDManager batch = model.getNDManager().newSubManager()) {
            NDArray x = batch.create(input, new Shape(count, channels, height, width), DataType.FLOAT32);
            NDList out = model.getBlock().forward(weights != null ? weights : new ParameterStore(batch, false), new NDList(x), false);
            result.accept(out.singletonOrThrow().toByteBuffer(true).asFloatBuffer());
        }
    }

    /** The store of weights cast to {@code precision}, or null for float32 (the weights themselves). */
    private synchronized ParameterStore weights(ComputePrecision precision) {
        if (precision == ComputePrecision.FP32) {
            return null;
        }
        DataType type = Djl.dataType(precision);
        if (castWeights == null || castWeights.type() != type) {
            if (castManager != null) {
                castManager.close();
            }
            castManager = model.getNDManager().newSubManager();
            castWeights = new CastParameterStore(castManager, type);
        }
        return castWeights;
    }

    /** Saves the weights as {@code <dir>/<name>-NNNN.params} (DJL's format). */
    public void save(Path dir, String name) throws IOException {
        model.setProperty("Steps", String.valueOf(steps()));
        model.save(dir, name);
    }

    @Override
    public synchronized void close() {
        if (castManager != null) {
            castManager.close();
        }
        model.close();
    }
}
