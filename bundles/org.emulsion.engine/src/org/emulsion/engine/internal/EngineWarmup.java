package org.emulsion.engine.internal;

import java.nio.FloatBuffer;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The calls that make PyTorch print its one-time warnings, made on tiny tensors while
 * {@link org.emulsion.engine.EngineLog#capture} sends them to the engine log: copying a buffer into
 * a tensor (DJL's JNI uses a deprecated guard there, warned about once per process) and a small
 * convolution without gradients (PyTorch then asks NNPACK whether it can run it; NNPACK warns once
 * when it does not know the CPU).
 */
public final class EngineWarmup {
    private EngineWarmup() {
    }

    public static void run(Engine engine) {
        boolean grad = JniUtils.isGradMode();
        try (NDManager manager = engine.newBaseManager(Device.cpu())) {
            JniUtils.setGradMode(false);
            NDArray x = manager.zeros(new Shape(1, 1, 4, 4));
            x.set(FloatBuffer.wrap(new float[16]));
            Conv2d.conv2d(x, manager.ones(new Shape(1, 1, 1, 1)));
        } finally {
            JniUtils.setGradMode(grad);
        }
    }
}
