package org.emulsion.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.emulsion.core.image.Image;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;

/** A network trained for one film, ready to infer frames. */
public final class TrainedModel implements AutoCloseable {
    private final Model model;
    private final int sizeMultiple;
    private final int outputChannels;
    private final List<Float> losses;
    private final long trainingNanos;

    TrainedModel(Model model, int sizeMultiple, int outputChannels, List<Float> losses, long trainingNanos) {
        this.model = model;
        this.sizeMultiple = sizeMultiple;
        this.outputChannels = outputChannels;
        this.losses = List.copyOf(losses);
        this.trainingNanos = trainingNanos;
    }

    /** Loss of every training step, in order. */
    public List<Float> lossCurve() { return losses; }

    public int steps() { return losses.size(); }

    public double trainingSeconds() { return trainingNanos / 1e9; }

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
