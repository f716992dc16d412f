package org.emulsion.pipeline.report.internal;

import java.nio.file.Path;
import java.util.Locale;

import org.emulsion.pipeline.RunLayout;
import org.emulsion.pipeline.Provenance;

import com.google.gson.JsonObject;

/** The top of the page: the element, the workflow, when, and the verdict in one sentence. */
final class Summary implements Section {
    @Override
    public boolean present(Page page) {
        return true;
    }

    @Override
    public void write(Page page, Html h) {
        JsonObject report = page.report();
        JsonObject provenance = Json.object(report, "provenance");
        String element = Json.text(provenance, "sourceElement");
        h.raw("<header>\n");
        h.element("p", "class=\"kicker\"", "Restoration report");
        h.element("h1", "", element.isBlank() ? page.workflowName() : name(element));
        StringBuilder line = new StringBuilder(page.workflowName());
        if (!page.workflowName().equals(Json.text(report, "workflow"))) {
            line.append(" (").append(Json.text(report, "workflow")).append(')');
        }
        String reference = Json.text(provenance, "reference");
        if (!reference.isBlank()) {
            line.append(" · reference ").append(name(reference));
            if (!page.referenceKind().isBlank()) {
                line.append(", ").append(page.referenceKind());
            }
        }
        line.append(" · ").append(Json.has(report, "finished") ? "finished " + Figures.date(Json.text(report, "finished"))
                : "not finished");
        h.element("p", "class=\"subtitle\"", line.toString());
        Verdict verdict = Verdict.of(report, page.baselineName());
        if (verdict != null) {
            h.element("p", "id=\"verdict\" class=\"verdict " + verdict.outcome().name().toLowerCase(Locale.ROOT) + "\"", verdict.sentence());
        }
        h.raw("<p class=\"links noprint\">Restored frames: " + link(RunLayout.FRAMES + "/") + " · baseline: "
                + link(RunLayout.BASELINE + "/") + " · data: " + link(RunLayout.REPORT_JSON) + " · " + link(Provenance.SIDECAR));
        if (Json.has(report, "alignmentReport")) {
            h.raw(" · alignment: " + link(Json.text(report, "alignmentReport")));
        }
        h.raw("</p>\n</header>\n");
    }

    static String link(String relative) {
        return "<a href=\"" + Html.esc(relative) + "\">" + Html.esc(relative) + "</a>";
    }

    /** The last part of a path: a scan folder's or a disc's name. */
    static String name(String location) {
        Path path = Path.of(location).getFileName();
        return path == null ? location : path.toString();
    }
}
