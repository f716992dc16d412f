package org.emulsion.pipeline.report.internal;

import java.util.List;

import org.emulsion.pipeline.report.internal.Html.Cell;

import com.google.gson.JsonObject;

/** The long lists, folded: every scan frame's alignment, every frame tried as a training pair. */
final class EveryFrame implements Section {
    @Override
    public boolean present(Page page) {
        return page.frameCount() > 0;
    }

    @Override
    public void write(Page page, Html h) {
        h.raw("<section id=\"every-frame\">\n");
        h.element("h2", "", "Every frame");
        List<AlignmentChart.Frame> frames = page.frames();
        h.raw("<details><summary>Alignment of every scan frame (" + Figures.count(frames.size()) + ")</summary>\n");
        h.tableStart("frame", "scan frame", "reference frame", "confidence", "became");
        for (int i = 0; i < frames.size(); i++) {
            AlignmentChart.Frame f = frames.get(i);
            h.row(Cell.count(page.indexOf(f.name()) + 1), Cell.text(f.name()), Cell.text(f.referenceFrame() == null ? Figures.NONE
                    : f.referenceFrame()), Cell.text(Figures.confidence(f.confidence())), Cell.text(f.status().label
                            + (f.why() == null ? "" : ": " + f.why())));
        }
        h.tableEnd().raw("</details>\n");
        List<JsonObject> candidates = Json.objects(page.report(), "pairs", "candidates");
        if (!candidates.isEmpty()) {
            h.raw("<details><summary>Every frame tried as a training pair (" + Figures.count(candidates.size()) + ")</summary>\n");
            h.tableStart("scan frame", "reference frame", "shot", "chosen", "why tried", "why rejected", "restorer's choice");
            for (JsonObject c : candidates) {
                h.row(Cell.text(Json.text(c, "scanFrame")), Cell.text(Json.text(c, "referenceFrame")),
                        Cell.count(Json.number(c, "shot") + 1), Cell.text(Json.flag(c, "chosen") ? "yes" : "no"),
                        Cell.text(Json.text(c, "tried")), Cell.text(Json.text(c, "rejected")), Cell.text(Json.text(c, "override")));
            }
            h.tableEnd().raw("</details>\n");
        }
        h.raw("</section>\n");
    }
}
