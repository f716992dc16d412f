package org.emulsion.pipeline.report.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.gson.JsonElement;

/**
 * What a workflow put into {@code report.json} that no section knows (e.g. how a demo's sample
 * was made), as tables: facts are never dropped, and never shown as JSON.
 */
final class OtherFacts implements Section {
    /** The blocks other sections show, or that only machines read (the curves, the homographies are in their sections). */
    static final Set<String> SHOWN = Set.of("workflow", "target", "replaces", "complete", "finished", "inputs", "alignment", "alignmentReport",
            "temporalMethod", "alignmentMethod", "minConfidence", "shots", "scenes", "granularity", "pairs", "training", "metrics",
            "provenance", "baseline", "outputFormat", "heldOut", "damage", "sources", "palette", "luma");

    @Override
    public boolean present(Page page) {
        return !others(page).isEmpty();
    }

    @Override
    public void write(Page page, Html h) {
        h.raw("<section id=\"other-facts\">\n");
        h.element("h2", "", "Other facts");
        for (Map.Entry<String, JsonElement> e : others(page)) {
            h.element("h3", "", BeforeAfter.capital(Figures.words(e.getKey())));
            h.raw("<div>").value(e.getValue()).raw("</div>\n");
        }
        h.raw("</section>\n");
    }

    private static List<Map.Entry<String, JsonElement>> others(Page page) {
        return page.report().entrySet().stream().filter(e -> !SHOWN.contains(e.getKey())).toList();
    }
}
