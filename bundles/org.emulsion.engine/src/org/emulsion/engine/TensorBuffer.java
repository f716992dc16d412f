package org.emulsion.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * A direct, native-order buffer reused for tensor after tensor (a training step's batch, an
 * inference pass's tiles). DJL copies a heap array into a fresh direct buffer for every tensor it
 * creates from one, and such buffers are only freed when the Java heap is next collected: at a
 * batch per step that is hundreds of MB of native memory in flight and fresh pages faulted in for
 * every step. A direct buffer is read in place instead. The owner must not refill it while a tensor
 * created from it is still in use (tensors are closed with their step's or pass's manager first).
 */
public final class TensorBuffer {
    private ByteBuffer bytes;

    /** The buffer, at least {@code floats} floats long, position 0, limit {@code floats} floats. */
    public ByteBuffer floats(long floats) {
        long needed = floats * Float.BYTES;
        if (bytes == null || bytes.capacity() < needed) {
            bytes = ByteBuffer.allocateDirect(Math.toIntExact(needed)).order(ByteOrder.nativeOrder());
        }
        return bytes.duplicate().order(ByteOrder.nativeOrder()).position(0).limit((int) needed);
    }

    /** A float tensor of {@code shape} holding {@code data} (row-major), through this buffer. */
    public NDArray tensor(NDManager manager, float[] data, Shape shape) {
        ByteBuffer buffer = floats(data.length);
        FloatBuffer view = buffer.asFloatBuffer();
        view.put(data);
        return manager.create(buffer, shape, DataType.FLOAT32);
    }
}
