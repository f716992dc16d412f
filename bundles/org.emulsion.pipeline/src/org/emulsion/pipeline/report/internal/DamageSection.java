package org.emulsion.pipeline.report.internal;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;

import org.emulsion.pipeline.RunFolder.Layer;
import org.emulsion.pipeline.report.internal.Html.Cell;

import com.google.gson.JsonObject;

/**
 * A luma restore's damage: the most damaged frames with the damage found tinted over the scan,
 * beside the result and the reference, and the damaged area per frame. Reads {@code report.json}'s
 * {@code damage.frames[]} ({@code frame}, {@code areaPercent}) and the masks in the run folder.
 */
final class DamageSection implements Section {
    static final int FRAMES = 4;

    @Override
    public boolean present(Page page) {
        return !Json.objects(page.report(), "damage", "frames").isEmpty() || page.run() != null && page.run().hasMaps(Layer.DAMAGE_MASK);
    }

    @Override
    public void write(Page page, Html h) throws IOException {
        List<JsonObject> frames = Json.objects(page.report(), "damage", "frames");
        h.raw("<section id=\"damage\">\n");
        h.element("h2", "", "Damage found");
        List<Integer> shown = frames.isEmpty() ? BeforeAfter.strip(page)
                : frames.stream().sorted(Comparator.comparingDouble(o -> -Json.number(o, "areaPercent"))).limit(FRAMES)
                        .map(o -> page.indexOf(Json.text(o, "frame"))).filter(i -> i >= 0).sorted().toList();
        if (!frames.isEmpty()) {
            double mean = frames.stream().mapToDouble(o -> Json.number(o, "areaPercent")).filter(Double::isFinite).average().orElse(Double.NaN);
            long damaged = frames.stream().filter(o -> Json.number(o, "areaPercent") > 0).count();
            h.element("p", "", Figures.of(damaged, "frame has", "frames have") + " damage, over " + Figures.percentValue(mean)
                    + " of the picture on average; the most damaged are shown" + (Json.has(Json.object(page.report(), "damage"), "method")
                            ? " (" + Json.text(Json.object(page.report(), "damage"), "method") + ")" : "") + ".");
        }
        Strip.write(page, h, "damage-strip", shown, List.of(new Strip.Column("Damage found (red)", Previews.View.DAMAGE),
                new Strip.Column("Result", Previews.View.RESULT), new Strip.Column("Reference, registered", Previews.View.REFERENCE)));
        if (!frames.isEmpty()) {
            h.raw("<details><summary>Damaged area of every frame</summary>");
            h.tableStart("frame", "damaged area");
            frames.forEach(o -> h.row(Cell.text(Json.text(o, "frame")), Cell.text(Figures.percentValue(Json.number(o, "areaPercent")))));
            h.tableEnd().raw("</details>\n");
        }
        h.raw("</section>\n");
    }
}
