package org.emulsion.pipeline.report.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.google.gson.JsonObject;

/** The training pairs per shot as thumbnails (scan beside the registered reference), chosen or rejected and why. */
final class PairsSection implements Section {
    /** Pairs shown as pictures; a feature's further candidates are in the table at the end and in pairs.json. */
    static final int PICTURES = 120;

    @Override
    public boolean present(Page page) {
        return !Json.objects(page.report(), "pairs", "candidates").isEmpty();
    }

    @Override
    public void write(Page page, Html h) throws IOException {
        JsonObject pairs = Json.object(page.report(), "pairs");
        List<JsonObject> candidates = Json.objects(pairs, "candidates");
        Map<Integer, List<JsonObject>> byShot = candidates.stream()
                .collect(Collectors.groupingBy(c -> (int) Json.number(c, "shot"), TreeMap::new, Collectors.toList()));
        h.raw("<section id=\"pairs\">\n");
        h.element("h2", "", "Training pairs");
        h.element("p", "", Figures.of(Json.number(pairs, "chosen"), "pair", "pairs") + " chosen and "
                + Figures.count(Json.number(pairs, "rejected")) + " rejected of " + Figures.count(candidates.size())
                + " frames tried, over " + Figures.of(byShot.size(), "shot", "shots")
                + (Json.number(pairs, "overriddenByRestorer") > 0 ? "; the restorer overrode " + Figures.count(Json.number(pairs,
                        "overriddenByRestorer")) : "")
                + ". Each pair shows the scan frame and the reference registered on it. To change the choice, edit "
                + Json.text(pairs, "file") + ".");
        int shown = 0;
        List<FrameChoice.Shot> shots = page.ranges("shots");
        for (Map.Entry<Integer, List<JsonObject>> shot : byShot.entrySet()) {
            int s = shot.getKey();
            long chosen = shot.getValue().stream().filter(c -> Json.flag(c, "chosen")).count();
            h.element("h3", "", "Shot " + Figures.count(s + 1) + (s >= 0 && s < shots.size() ? ", frames " + Figures.count(shots.get(s)
                    .first() + 1) + "–" + Figures.count(shots.get(s).last() + 1) : "") + ": " + Figures.count(chosen) + " chosen, "
                    + Figures.count(shot.getValue().size() - chosen) + " rejected");
            h.raw("<div class=\"pairs\">\n");
            for (JsonObject c : shot.getValue()) {
                int index = page.indexOf(Json.text(c, "scanFrame"));
                if (index < 0 || shown++ >= PICTURES) {
                    continue;
                }
                boolean ok = Json.flag(c, "chosen");
                String caption = "<b>" + (ok ? "✓ chosen" : "✗ rejected") + "</b> " + Html.esc(Json.text(c, "scanFrame")) + "<br>"
                        + Html.esc(ok ? Json.text(c, "tried") : Json.has(c, "rejected") ? Json.text(c, "rejected") : "not chosen")
                        + (Json.has(c, "override") ? "<br><i>" + Html.esc(Json.text(c, "override")) + "</i>" : "");
                h.raw("<div class=\"pair " + (ok ? "chosen" : "rejected") + "\">"
                        + page.figure(index, Previews.View.SCAN, "scan", null, false)
                        + page.figure(index, Previews.View.REFERENCE, "reference " + Json.text(c, "referenceFrame"), null, false)
                        + "<p>" + caption + "</p></div>\n");
            }
            h.raw("</div>\n");
        }
        if (shown > PICTURES) {
            h.element("p", "class=\"note\"", Figures.count(shown - PICTURES) + " more pairs are listed in the table at the end.");
        }
        h.raw("</section>\n");
    }
}
