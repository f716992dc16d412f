package org.emulsion.pipeline.report.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.emulsion.pipeline.RunFolder.Layer;

import com.google.gson.JsonObject;

/**
 * Colour taken from artwork: the artwork each shot drew on (thumbnails beside the shot's first
 * frame), the palette learnt (swatches with their share) and how sure the model is of each part of
 * the picture. Reads {@code report.json}'s {@code artwork.folder}, the {@code referenceFrame} (artwork
 * file name) of each {@code alignment} row and the {@code shots}, {@code palette.colours[]}
 * ({@code rgb} as {@code #rrggbb}, optional {@code name} and {@code share} 0–1) and the confidence
 * maps in the run folder.
 */
final class PaletteSection implements Section {
    @Override
    public boolean present(Page page) {
        return !Json.objects(page.report(), "palette", "colours").isEmpty() || !artworkFolder(page).isEmpty()
                || page.run() != null && page.run().hasMaps(Layer.CONFIDENCE_MAP);
    }

    /** The artwork folder the run drew on, or "". */
    private static String artworkFolder(Page page) {
        return Json.text(Json.object(page.report(), "artwork"), "folder");
    }

    @Override
    public void write(Page page, Html h) throws IOException {
        List<JsonObject> colours = Json.objects(page.report(), "palette", "colours");
        h.raw("<section id=\"palette\">\n");
        h.element("h2", "", "Colour evidence");
        writeArtworkByShot(page, h);
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

    /** Per shot, its first frame and the artwork its frames drew on, each with how many frames took it. */
    private static void writeArtworkByShot(Page page, Html h) throws IOException {
        String folder = artworkFolder(page);
        if (folder.isEmpty()) {
            return;
        }
        List<FrameChoice.Shot> shots = page.ranges("shots");
        if (shots.isEmpty() && page.frameCount() > 0) {
            shots = List.of(new FrameChoice.Shot(0, page.frameCount() - 1));
        }
        List<AlignmentChart.Frame> frames = page.frames();
        h.raw("<table id=\"artwork-by-shot\" class=\"strip\"><tr><th></th><th>First frame (scan)</th><th>Artwork drawn on "
                + "(frames that took it)</th></tr>\n");
        for (int s = 0; s < shots.size(); s++) {
            FrameChoice.Shot shot = shots.get(s);
            Map<String, Integer> taken = new TreeMap<>();
            for (int f = shot.first(); f <= shot.last() && f < frames.size(); f++) {
                String artwork = frames.get(f).referenceFrame();
                if (artwork != null) {
                    taken.merge(artwork, 1, Integer::sum);
                }
            }
            h.raw("<tr><th class=\"frame\">shot " + Figures.count(s + 1) + "<br><span class=\"name\">" + Html.esc(page.nameOf(shot.first()))
                    + " – " + Html.esc(page.nameOf(shot.last())) + "</span></th><td>"
                    + page.figure(shot.first(), Previews.View.SCAN, "Scan", null, false) + "</td><td class=\"artwork\">");
            for (Map.Entry<String, Integer> a : taken.entrySet()) {
                h.raw(page.figure(Path.of(folder).resolve(a.getKey()), "artwork", Html.esc(a.getKey()) + " (" + Figures.count(a.getValue())
                        + ")"));
            }
            h.raw(taken.isEmpty() ? "no artwork" : "");
            h.raw("</td></tr>\n");
        }
        h.raw("</table>\n");
    }
}
