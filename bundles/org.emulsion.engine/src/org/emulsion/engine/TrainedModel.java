package org.emulsion.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.emulsion.core.extensions.ModelArchitecture;
import org.emulsion.core.image.Image;
import org.emulsion.engine.internal.Checkpoint;

import com.google.gson.JsonObject;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;

/** A network trained for one film, ready to infer frames. */
public final class TrainedModel implements AutoCloseable {
    private final Model model;
    private final int sizeMultiple;
    private final int outputChannels;
    private final List<Float> losses;
    private final long trainingNanos;

    private final List<Validation> validation;
    private final boolean stoppedEarly;
    private final int bestStep;

    /** The loss on the held-out pairs after {@code step}. */
    public record Validation(int step, float loss) {
    }

    TrainedModel(Model model, int sizeMultiple, int outputChannels, List<Float> losses, long trainingNanos) {
        this(model, sizeMultiple, outputChannels, losses, trainingNanos, List.of(), false, -1);
    }

    TrainedModel(Model model, int sizeMultiple, int outputChannels, List<Float> losses, long trainingNanos,
            List<Validation> validation, boolean stoppedEarly, int bestStep) {
        this.model = model;
        this.sizeMultiple = sizeMultiple;
        this.outputChannels = outputChannels;
        this.losses = List.copyOf(losses);
        this.trainingNanos = trainingNanos;
        this.validation = List.copyOf(validation);
        this.stoppedEarly = stoppedEarly;
        this.bestStep = bestStep;
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
        int m = architecture.sizeMultiple();
        Model model = Model.newInstance("emulsion", Djl.device(), Djl.ENGINE);
        try {
            Block block = architecture.newBlock(h.get("baseWidth").getAsInt());
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
                validation, h.get("stoppedEarly").getAsBoolean(), h.get("bestStep").getAsInt());
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

    /** The network's parameters by name, as float arrays (for comparison and export). */
    public java.util.Map<String, float[]> parameters() {
        java.util.Map<String, float[]> out = new java.util.LinkedHashMap<>();
        model.getBlock().getParameters().forEach(p -> out.put(p.getKey(), p.getValue().getArray().toFloatArray()));
        return out;
    }

    /**
     * Infers a whole frame. The frame is padded by edge replication to the network's size
     * multiple and the padding is cropped off again.
     */
    public Image predict(Image input) {
        int w = input.width();
        int h = input.height();
        int pw = (w + sizeMultiple - 1) / sizeMultiple * sizeMultiple;
        int ph = (h + sizeMultiple - 1) / sizeMultiple * sizeMultiple;
        JniUtils.setGradMode(false); // per thread: inference needs no autograd graph
        try (NDManager frame = model.getNDManager().newSubManager()) {
            NDArray x = Tensors.toTensor(frame, pad(input, pw, ph));
            NDList out = model.getBlock().forward(new ParameterStore(frame, false), new NDList(x), false);
            Image full = Tensors.toImage(out.singletonOrThrow());
            return crop(full, w, h);
        }
    }

    /** Saves the weights as {@code <dir>/<name>-NNNN.params} (DJL's format). */
    public void save(Path dir, String name) throws IOException {
        model.setProperty("Steps", String.valueOf(steps()));
        model.save(dir, name);
    }

    @Override
    public void close() {
        model.close();
    }

    private static Image pad(Image image, int w, int h) {
        if (w == image.width() && h == image.height()) {
            return image;
        }
        int c = image.channels();
        Image out = Image.blank(w, h, c);
        for (int y = 0; y < h; y++) {
            int sy = Math.min(y, image.height() - 1);
            for (int x = 0; x < w; x++) {
                int sx = Math.min(x, image.width() - 1);
                System.arraycopy(image.data(), (sy * image.width() + sx) * c, out.data(), (y * w + x) * c, c);
            }
        }
        return out;
    }

    private static Image crop(Image image, int w, int h) {
        if (w == image.width() && h == image.height()) {
            return image;
        }
        int c = image.channels();
        Image out = Image.blank(w, h, c);
        for (int y = 0; y < h; y++) {
            System.arraycopy(image.data(), y * image.width() * c, out.data(), y * w * c, w * c);
        }
        return out;
    }
}
