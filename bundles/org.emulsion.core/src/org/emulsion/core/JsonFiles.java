package org.emulsion.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * The one way Emulsion reads and writes JSON (reports, sidecars, plans, film projects): pretty-printed
 * standard JSON written atomically, so a reader never sees half a file. One number convention: a figure
 * that does not apply (NaN, infinite) is written as {@code null}, because strict readers (browsers, jq)
 * reject NaN, and a {@code null} reads back as NaN where a number is expected ({@link #number}).
 */
public final class JsonFiles {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create();

    private JsonFiles() {
    }

    /** Pretty-printed standard JSON, non-finite numbers as {@code null}. */
    public static String toJson(JsonElement json) {
        return GSON.toJson(finite(json));
    }

    /** A copy without NaN/infinite numbers. */
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
        return parse(Files.readString(file), file.toString());
    }

    /**
     * Parses one JSON object from {@code text} (a line of a JSON-lines log, a header).
     *
     * @param source what the text came from, for the error
     * @throws IOException naming {@code source} when the text is not a JSON object
     */
    public static JsonObject parse(String text, String source) throws IOException {
        try {
            return JsonParser.parseString(text).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new IOException(source + " is not a JSON object (" + e.getMessage() + "); fix or delete it", e);
        }
    }

    /** The number at {@code key}, or NaN when it is absent, {@code null} (a figure that did not apply) or not a number. */
    public static double number(JsonObject object, String key) {
        JsonElement e = object == null ? null : object.get(key);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber() ? e.getAsDouble() : Double.NaN;
    }

    /** Writes {@code json} to {@code file} atomically. */
    public static void write(Path file, JsonElement json) throws IOException {
        writeText(file, toJson(json) + "\n");
    }

    /** Writes {@code text} as UTF-8 under a temporary name beside {@code file}, then renames it into place. */
    public static void writeText(Path file, String text) throws IOException {
        TextFiles.writeAtomically(file, text);
    }
}
