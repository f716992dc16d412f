package org.emulsion.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.emulsion.core.TextFiles;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/** Reads JSON documents and writes them (reports, sidecars) and other text atomically: a reader never sees half a file. */
public final class JsonFiles {
    private JsonFiles() {
    }

    /** Pretty-printed standard JSON; a metric that does not apply (NaN, infinite) is written as {@code null}. */
    public static String toJson(JsonElement json) {
        return new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(finite(json));
    }

    /** A copy without NaN/infinite numbers, which strict JSON readers (browsers, jq) reject. */
    private static JsonElement finite(JsonElement e) {
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber() && !Double.isFinite(e.getAsDouble())) {
            return JsonNull.INSTANCE;
        }
        if (e.isJsonArray()) {
            JsonArray copy = new JsonArray();
            e.getAsJsonArray().forEach(v -> copy.add(finite(v)));
            return copy;
        }
        if (e.isJsonObject()) {
            JsonObject copy = new JsonObject();
            e.getAsJsonObject().entrySet().forEach(m -> copy.add(m.getKey(), finite(m.getValue())));
            return copy;
        }
        return e;
    }

    /**
     * Reads a JSON object written by {@link #write} (or by a person).
     *
     * @throws IOException naming the file when it is missing, unreadable or not a JSON object
     */
    public static JsonObject read(Path file) throws IOException {
        try {
            return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new IOException(file + " is not a JSON object (" + e.getMessage() + "); fix or delete it", e);
        }
    }

    public static void write(Path file, JsonElement json) throws IOException {
        writeText(file, toJson(json) + "\n");
    }

    /** Writes {@code text} as UTF-8 under a temporary name beside {@code file}, then renames it into place. */
    public static void writeText(Path file, String text) throws IOException {
        TextFiles.writeAtomically(file, text);
    }
}
