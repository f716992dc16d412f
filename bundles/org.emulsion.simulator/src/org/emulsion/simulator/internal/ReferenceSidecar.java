package org.emulsion.simulator.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.emulsion.core.JsonFiles;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** Writes a reference element's description next to it, and JSON helpers. */
public final class ReferenceSidecar {
    private ReferenceSidecar() {
    }

    /** Writes {@code json} pretty-printed to {@code file} (complete or not at all). */
    public static void write(Path file, JsonObject json) throws IOException {
        JsonFiles.write(file, json);
    }

    public static JsonArray ints(List<Integer> values) {
        JsonArray array = new JsonArray();
        values.forEach(array::add);
        return array;
    }

    public static JsonArray strings(List<String> values) {
        JsonArray array = new JsonArray();
        values.forEach(array::add);
        return array;
    }
}
