package org.emulsion.pipeline.report.internal;

import org.emulsion.pipeline.RunLayout;
import org.emulsion.pipeline.Provenance;

import com.google.gson.JsonObject;

/**
 * The provenance as an archive's treatment record: what was used, what was inferred and by which
 * model and checkpoint; the machine-readable sidecar beside it says the same.
 */
final class TreatmentRecord implements Section {
    @Override
    public boolean present(Page page) {
        return Json.object(page.report(), "provenance") != null;
    }

    @Override
    public void write(Page page, Html h) {
        JsonObject report = page.report();
        JsonObject p = Json.object(report, "provenance");
        JsonObject inputs = Json.object(report, "inputs");
        JsonObject training = Json.object(report, "training");
        h.raw("<section id=\"treatment-record\">\n");
        h.element("h2", "", "Treatment record");
        h.raw("<dl class=\"record\">");
        item(h, "Source element", Json.text(p, "sourceElement") + (inputs == null ? "" : " — " + Figures.of(Json.number(inputs,
                "frames"), "frame", "frames") + ", " + Json.text(inputs, "scanSize").replace('x', '×') + ", "
                + Figures.count(Json.number(inputs, "scanBitDepth")) + "-bit") + ". Read only; never modified.");
        String kind = page.referenceKind();
        item(h, "Reference used as evidence", Json.text(p, "reference") + (kind.isBlank() ? "" : " — " + kind)
                + (inputs == null ? "" : ", " + Json.text(inputs, "referenceSize").replace('x', '×')) + ". Matched to the scan frame by "
                + "frame and registered on it; the training pairs are listed above and in " + Provenance.SIDECAR + ".");
        if (Json.has(report, "replaces")) {
            item(h, "What was replaced", Json.text(report, "replaces") + ".");
        }
        item(h, "What was inferred", Json.text(p, "note"));
        StringBuilder models = new StringBuilder();
        for (JsonObject m : Json.objects(p, "models")) {
            models.append(models.isEmpty() ? "" : " ").append("Model ").append(Json.text(m, "id")).append(" (").append(Json.text(m,
                    "covers")).append("): ").append(Json.text(training, "architecture")).append(", trained for ")
                    .append(Figures.of(Json.number(m, "steps"), "step", "steps")).append(" on ")
                    .append(Figures.of(Json.array(m, "pairs").size(), "pair", "pairs")).append("; weights ")
                    .append(Json.text(m, "checkpoint")).append(", SHA-256 ").append(Json.text(m, "checkpointSha256")).append('.');
        }
        item(h, "By which model", models.toString());
        JsonObject baseline = Json.object(report, "baseline");
        if (baseline != null) {
            item(h, "Baseline for comparison", Json.text(baseline, "method") + ", in " + Json.text(baseline, "frames")
                    + "; not part of the restored element.");
        }
        item(h, "Marked as", "IPTC digital source type " + Json.text(p, "digitalSourceType") + ", in every restored frame's header "
                + "with the model, checkpoint and pairs that made it.");
        item(h, "Made by", Json.text(p, "tool") + " " + Json.text(p, "toolVersion") + ", " + Figures.date(Json.text(p, "date")) + ".");
        h.raw("</dl>\n");
        h.raw("<p>Machine-readable: " + Summary.link(Provenance.SIDECAR) + " (the sidecar) and " + Summary.link(RunLayout.REPORT_JSON) + ".</p>\n");
        h.raw("</section>\n");
    }

    private static void item(Html h, String term, String text) {
        h.raw("<dt>" + Html.esc(term) + "</dt><dd>" + Html.esc(text) + "</dd>");
    }
}
