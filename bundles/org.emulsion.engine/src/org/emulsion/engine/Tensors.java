package org.emulsion.engine;

import java.nio.FloatBuffer;

import org.emulsion.core.image.Image;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Conversions between {@link Image} (HWC) and NCHW tensors. */
public final class Tensors {
    private Tensors() {
    }

    /** A (1, C, H, W) tensor of {@code image}. */
    public static NDArray toTensor(NDManager manager, Image image) {
        NDArray hwc = manager.create(FloatBuffer.wrap(image.data()), new Shape(image.height(), image.width(), image.channels()));
        return hwc.transpose(2, 0, 1).expandDims(0);
    }

    /** The first item of an (N, C, H, W) tensor as an image. */
    public static Image toImage(NDArray nchw) {
        Shape s = nchw.getShape();
        int c = (int) s.get(1);
        int h = (int) s.get(2);
        int w = (int) s.get(3);
        float[] data = nchw.get(0).transpose(1, 2, 0).toFloatArray();
        return new Image(w, h, c, data);
    }
}
