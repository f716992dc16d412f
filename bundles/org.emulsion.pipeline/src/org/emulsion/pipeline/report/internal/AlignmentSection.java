package org.emulsion.pipeline.report.internal;

import java.util.List;
import java.util.Map;

import com.google.gson.JsonObject;

/** Alignment at a glance: what became of every scan frame, on a time line with the cuts and scenes. */
final class AlignmentSection implements Section {
    @Override
    public boolean present(Page page) {
        return page.frameCount() > 0;
    }

    @Override
    public void write(Page page, Html h) {
        JsonObject report = page.report();
        List<AlignmentChart.Frame> frames = page.frames();
        Map<AlignmentChart.Status, Integer> counts = AlignmentChart.counts(frames);
        long matched = frames.stream().filter(f -> f.referenceFrame() != null).count();
        double meanConfidence = frames.stream().mapToDouble(AlignmentChart.Frame::confidence).filter(Double::isFinite).average()
                .orElse(Double.NaN);
        h.raw("<section id=\"alignment\">\n");
        h.element("h2", "", "Alignment");
        h.element("p", "", Figures.count(matched) + " of " + Figures.of(frames.size(), "scan frame", "scan frames")
                + " have a counterpart in the reference (mean alignment confidence " + Figures.confidence(meanConfidence) + "); "
                + Figures.of(counts.getOrDefault(AlignmentChart.Status.PAIR, 0), "became a training pair", "became training pairs")
                + ", " + Figures.count(counts.getOrDefault(AlignmentChart.Status.HELD_OUT, 0)) + " held out for scoring, "
                + Figures.count(counts.getOrDefault(AlignmentChart.Status.REJECTED, 0)) + " rejected. " + Figures.of(
                        page.ranges("shots").size(), "shot", "shots") + " in " + Figures.of(page.ranges("scenes").size(), "scene", "scenes")
                + ".");
        h.raw("<figure class=\"wide\">").raw(AlignmentChart.svg(frames, page.ranges("shots"), page.ranges("scenes"),
                Json.number(report, "minConfidence")));
        h.raw("<figcaption class=\"legend\">");
        for (AlignmentChart.Status s : AlignmentChart.Status.values()) {
            h.raw("<span><i style=\"background:" + s.colour + "\"></i>" + Html.esc(s.label) + ": <b class=\"count\">"
                    + Figures.count(counts.getOrDefault(s, 0)) + "</b></span> ");
        }
        h.raw("<span>bar height: alignment confidence · dashed line: the least confidence used · black lines: cuts · grey "
                + "bands: alternate scenes</span></figcaption></figure>\n");
        List<AlignmentChart.Frame> rejected = frames.stream().filter(f -> f.status() == AlignmentChart.Status.REJECTED).toList();
        if (!rejected.isEmpty()) {
            h.raw("<details><summary>Rejected frames and why (" + Figures.count(rejected.size()) + ")</summary><ul>");
            rejected.forEach(f -> h.raw("<li>" + Html.esc(f.name() + ": " + f.why()) + "</li>"));
            h.raw("</ul></details>\n");
        }
        h.element("p", "class=\"method\"", "Matched in time by " + orNone(Json.text(report, "temporalMethod"))
                + "; registered per frame by " + orNone(Json.text(report, "alignmentMethod")) + ".");
        h.raw("</section>\n");
    }

    private static String orNone(String s) {
        return s.isBlank() ? "an unrecorded method" : s;
    }
}
