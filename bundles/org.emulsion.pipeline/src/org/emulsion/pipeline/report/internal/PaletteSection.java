package org.emulsion.pipeline.report.internal;

import java.io.IOException;
import java.util.List;

import org.emulsion.pipeline.RunFolder.Layer;

import com.google.gson.JsonObject;

/**
 * Colour taken from artwork: the palette learnt (swatches with their share) and how sure the
 * model is of each part of the picture. Reads {@code report.json}'s {@code palette.colours[]}
 * ({@code rgb} as {@code #rrggbb}, optional {@code name} and {@code share} 0–1) and the confidence
 * maps in the run folder.
 */
final class PaletteSection implements Section {
    @Override
    public boolean present(Page page) {
        return !Json.objects(page.report(), "palette", "colours").isEmpty()
                || page.run() != null && page.run().hasMaps(Layer.CONFIDENCE_MAP);
    }

    @Override
    public void write(Page page, Html h) throws IOException {
        List<JsonObject> colours = Json.objects(page.report(), "palette", "colours");
        h.raw("<section id=\"palette\">\n");
        h.element("h2", "", "Colour evidence");
        if (!colours.isEmpty()) {
            h.raw("<div class=\"palette\">");
            for (JsonObject c : colours) {
                String rgb = Json.text(c, "rgb");
                if (rgb.matches("#[0-9a-fA-F]{6}")) {
                    h.raw("<figure class=\"swatch\"><i style=\"background:" + rgb + "\"></i><figcaption>" + Html.esc(Json.text(c, "name"))
                            + (Json.has(c, "share") ? " " + Html.esc(Figures.percent(Json.number(c, "share"))) : "") + "</figcaption></figure>");
                }
            }
            h.raw("</div>\n");
        }
        if (page.run() != null && page.run().hasMaps(Layer.CONFIDENCE_MAP)) {
            Strip.write(page, h, "confidence-strip", BeforeAfter.strip(page), List.of(new Strip.Column("Confidence (white: sure)",
                    Previews.View.CONFIDENCE), new Strip.Column("Result", Previews.View.RESULT)));
        }
        h.raw("</section>\n");
    }
}
