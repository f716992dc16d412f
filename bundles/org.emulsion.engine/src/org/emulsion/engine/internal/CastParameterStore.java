package org.emulsion.engine.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

/**
 * Hands out the parameters cast to a reduced precision (bfloat16, float16) for inference,
 * leaving the model's own float32 weights untouched: what is saved, exported or trained
 * further stays exact. Each parameter is cast once, on first use; the copies live in
 * {@code copies} until it is closed. Thread-safe, like the frame pipeline's inference threads need.
 */
public final class CastParameterStore extends ParameterStore {
    private final NDManager copies;
    private final DataType type;
    private final Map<String, NDArray> cast = new ConcurrentHashMap<>();

    /** @param copies a manager on the parameters' device that owns the cast copies (closed by the caller) */
    public CastParameterStore(NDManager copies, DataType type) {
        super(copies, false);
        this.copies = copies;
        this.type = type;
    }

    public DataType type() {
        return type;
    }

    @Override
    public NDArray getValue(Parameter parameter, Device device, boolean training) {
        if (parameter == null) {
            return null;
        }
        if (training) {
            throw new IllegalStateException("a cast parameter store serves inference only");
        }
        return cast.computeIfAbsent(parameter.getId(), id -> {
            NDArray master = parameter.getArray();
            NDArray copy = master.toDevice(device, false).toType(type, true);
            copy.attach(copies);
            return copy;
        });
    }
}
