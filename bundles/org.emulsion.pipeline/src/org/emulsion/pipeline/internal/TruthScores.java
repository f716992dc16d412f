package org.emulsion.pipeline.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonObject;

/**
 * The target's scores of each rendered frame against the known truth (simulated material),
 * averaged over all frames, the frames no model trained on and the frames without a reference.
 * Thread-safe: frames are added from the writer thread.
 */
final class TruthScores {
    private record Row(boolean training, boolean hasReference, Map<String, Double> scores) {
    }

    private final List<Row> rows = new ArrayList<>();

    synchronized void add(boolean training, boolean hasReference, Map<String, Double> scores) {
        rows.add(new Row(training, hasReference, scores));
    }

    synchronized boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Mean of each score over all frames. */
    synchronized Map<String, Double> allFrames() {
        return means(rows);
    }

    /** Mean of each score over the frames no model trained on. */
    synchronized Map<String, Double> heldOut() {
        return means(rows.stream().filter(r -> !r.training()).toList());
    }

    synchronized JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.add("allFrames", json(rows));
        json.add("heldOutFrames", json(rows.stream().filter(r -> !r.training()).toList()));
        json.add("framesWithoutReference", json(rows.stream().filter(r -> !r.hasReference()).toList()));
        return json;
    }

    private static JsonObject json(List<Row> group) {
        JsonObject json = new JsonObject();
        json.addProperty("frames", group.size());
        means(group).forEach(json::addProperty);
        return json;
    }

    private static Map<String, Double> means(List<Row> group) {
        Map<String, Double> sums = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Row r : group) {
            r.scores().forEach((k, v) -> {
                sums.merge(k, v, Double::sum);
                counts.merge(k, 1, Integer::sum);
            });
        }
        Map<String, Double> means = new LinkedHashMap<>();
        sums.forEach((k, v) -> means.put(k, v / counts.get(k)));
        return means;
    }
}
