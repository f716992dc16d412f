package org.emulsion.bench.internal;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.google.gson.JsonObject;

/** What the figures of the luma and artwork cases write alike: per-method JSON and the acceptance line. */
final class CaseTables {
    private CaseTables() {
    }

    /** An acceptance check's outcome: null (not applicable) where its figure is missing. */
    static Boolean check(boolean ok, double value) {
        return Double.isNaN(value) ? null : ok;
    }

    /** The case's acceptance on one line: each check PASS, FAIL or n/a. */
    static String line(String name, Map<String, Boolean> acceptance) {
        StringBuilder s = new StringBuilder(name).append(':');
        acceptance.forEach((k, v) -> s.append(' ').append(k).append(' ').append(v == null ? "n/a" : v ? "PASS" : "FAIL").append(';'));
        return s.substring(0, s.length() - 1);
    }

    /**
     * Per method (named by {@code label}), its figures: {@code figures} maps each JSON key to its
     * figure of every method.
     */
    static JsonObject perMethod(List<String> methods, UnaryOperator<String> label, Map<String, Map<String, Double>> figures) {
        JsonObject json = new JsonObject();
        for (String m : methods) {
            JsonObject o = new JsonObject();
            figures.forEach((key, values) -> o.addProperty(key, values.get(m)));
            json.add(label.apply(m), o);
        }
        return json;
    }

    /** The acceptance as JSON: check → true, false or null. */
    static JsonObject acceptance(Map<String, Boolean> acceptance) {
        JsonObject json = new JsonObject();
        acceptance.forEach(json::addProperty);
        return json;
    }
}
