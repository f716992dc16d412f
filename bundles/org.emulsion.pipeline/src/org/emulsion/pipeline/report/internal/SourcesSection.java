package org.emulsion.pipeline.report.internal;

import java.io.IOException;
import java.util.List;

import org.emulsion.pipeline.RunFolder.Layer;
import org.emulsion.pipeline.report.internal.Html.Cell;

import com.google.gson.JsonObject;

/**
 * A composite of several prints: which print each part of the picture came from (the source
 * maps, a colour per print) and each print's share. Reads {@code report.json}'s
 * {@code sources.prints[]} ({@code name}, {@code value} — its pixel value in the maps —,
 * {@code percent}, optional {@code framesMatched} and {@code confidence}), {@code sources.inferredPercent}
 * and the maps in the run folder.
 */
final class SourcesSection implements Section {
    @Override
    public boolean present(Page page) {
        return !Json.objects(page.report(), "sources", "prints").isEmpty() || page.run() != null && page.run().hasMaps(Layer.SOURCE_MAP);
    }

    /** The map value of each print, in the order the page lists them. */
    static List<Integer> values(JsonObject report) {
        return Json.objects(report, "sources", "prints").stream().map(p -> (int) Json.number(p, "value")).toList();
    }

    @Override
    public void write(Page page, Html h) throws IOException {
        JsonObject sources = Json.object(page.report(), "sources");
        List<JsonObject> prints = Json.objects(sources, "prints");
        h.raw("<section id=\"sources\">\n");
        h.element("h2", "", "Where each part of the picture came from");
        h.raw("<p class=\"legend\">");
        for (int i = 0; i < prints.size(); i++) {
            h.raw("<span><i style=\"background:" + Previews.sourceColour(i) + "\"></i>" + Html.esc(Json.text(prints.get(i), "name"))
                    + "</span> ");
        }
        h.raw("<span><i style=\"background:" + Previews.sourceColour(-1) + "\"></i>inferred by the model (no print intact)</span></p>\n");
        Strip.write(page, h, "sources-strip", BeforeAfter.strip(page), List.of(new Strip.Column("Source map", Previews.View.SOURCES),
                new Strip.Column("Result", Previews.View.RESULT)));
        if (!prints.isEmpty()) {
            h.tableStart("print", "share of the pixels", "frames matched", "mean registration confidence");
            for (JsonObject p : prints) {
                h.row(Cell.text(Json.text(p, "name")), Cell.text(Figures.percentValue(Json.number(p, "percent"))),
                        Cell.count(Json.number(p, "framesMatched")), Cell.text(Figures.confidence(Json.number(p, "confidence"))));
            }
            h.row(Cell.text("inferred"), Cell.text(Figures.percentValue(Json.number(sources, "inferredPercent"))), Cell.text(""),
                    Cell.text(""));
            h.tableEnd();
        }
        List<String> missing = Json.array(sources, "framesInNoPrint").asList().stream().map(e -> e.getAsString()).toList();
        if (!missing.isEmpty()) {
            h.element("p", "", "Frames no print has: " + String.join(", ", missing) + ".");
        }
        h.raw("</section>\n");
    }
}
