package org.emulsion.bench.internal;

import java.util.Arrays;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** Repeated measurements of one figure (after warm-up), summarised by their median. */
public record Series(double[] values) {

    public Series {
        if (values.length == 0) {
            throw new IllegalArgumentException("a series needs at least one measurement");
        }
        values = values.clone();
    }

    public double median() {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    public double min() { return Arrays.stream(values).min().orElseThrow(); }

    public double max() { return Arrays.stream(values).max().orElseThrow(); }

    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("median", median());
        json.addProperty("min", min());
        json.addProperty("max", max());
        JsonArray runs = new JsonArray();
        Arrays.stream(values).forEach(runs::add);
        json.add("runs", runs);
        return json;
    }
}
