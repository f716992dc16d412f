package org.emulsion.pipeline.report.internal;

import java.util.ArrayList;
import java.util.List;

import org.emulsion.core.JsonFiles;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Null-safe reads of {@code report.json}: a block, list or figure a run did not write (an older
 * run, another workflow) reads as null, empty or NaN, and the section that needs it is left out.
 */
public final class Json {
    private Json() {
    }

    /** The object at {@code path} under {@code root}, or null. */
    public static JsonObject object(JsonObject root, String... path) {
        JsonElement e = at(root, path);
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
    }

    /** The objects of the array at {@code path} under {@code root} (empty when absent). */
    public static List<JsonObject> objects(JsonObject root, String... path) {
        List<JsonObject> list = new ArrayList<>();
        JsonElement e = at(root, path);
        if (e != null && e.isJsonArray()) {
            e.getAsJsonArray().forEach(o -> {
                if (o.isJsonObject()) {
                    list.add(o.getAsJsonObject());
                }
            });
        }
        return list;
    }

    /** The array at {@code path}, or an empty one. */
    public static JsonArray array(JsonObject root, String... path) {
        JsonElement e = at(root, path);
        return e != null && e.isJsonArray() ? e.getAsJsonArray() : new JsonArray();
    }

    /** The number at {@code key}, or NaN when it is absent, null (a NaN in the run) or not a number. */
    public static double number(JsonObject object, String key) {
        return JsonFiles.number(object, key);
    }

    /** The text at {@code key} (a string, number or boolean), or "" when absent, null or structured. */
    public static String text(JsonObject object, String key) {
        JsonElement e = object == null ? null : object.get(key);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : "";
    }

    public static boolean flag(JsonObject object, String key) {
        JsonElement e = object == null ? null : object.get(key);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean() && e.getAsBoolean();
    }

    public static boolean has(JsonObject object, String key) {
        return object != null && object.has(key) && !object.get(key).isJsonNull();
    }

    private static JsonElement at(JsonObject root, String... path) {
        JsonElement e = root;
        for (String key : path) {
            if (e == null || !e.isJsonObject()) {
                return null;
            }
            e = e.getAsJsonObject().get(key);
        }
        return e;
    }
}
