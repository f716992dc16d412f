package org.emulsion.quality;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;

/** JSON helpers: strict JSON has no NaN or infinity, so such values are written as null. */
final class Json {
    private Json() {
    }

    static void put(JsonObject o, String key, double value) {
        if (Double.isFinite(value)) {
            o.addProperty(key, value);
        } else {
            o.add(key, JsonNull.INSTANCE);
        }
    }
}
