package org.emulsion.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The page a restorer reads after a run, rendered from {@code report.json}: provenance,
 * alignment summary and table, training pairs, loss and validation curves (inline SVG), the
 * latest contact sheets from the training folder and the held-out metrics. Self-contained
 * except for the contact sheets, which it links relative to the output folder.
 */
public final class ReportHtml {
    public static final String FILE = "report.html";
    private static final int SHEETS = 4;
    private static final int CHART_W = 640;
    private static final int CHART_H = 240;

    private ReportHtml() {
    }

    /** Writes {@value #FILE} into {@code outputDirectory} from {@code report}. */
    public static void write(Path outputDirectory, JsonObject report) throws IOException {
        JsonFiles.writeText(outputDirectory.resolve(FILE), render(report, contactSheets(outputDirectory)));
    }

    static String render(JsonObject report, List<String> contactSheets) {
        StringBuilder h = new StringBuilder(16_384);
        String workflow = text(report, "workflow");
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Emulsion: ").append(esc(workflow))
                .append("</title>\n<style>body{font-family:sans-serif;margin:2em;max-width:72em}table{border-collapse:collapse}"
                        + "td,th{border:1px solid #ccc;padding:2px 8px;text-align:left}th{background:#eee}"
                        + "img{max-width:100%}svg{background:#fafafa;border:1px solid #ccc}</style></head><body>\n");
        h.append("<h1>Emulsion restore: ").append(esc(workflow)).append("</h1>\n<p>Finished ")
                .append(esc(text(report, "finished"))).append(". Frames: <a href=\"").append(RunLayout.FRAMES)
                .append("/\">frames/</a>, baseline: <a href=\"").append(RunLayout.BASELINE)
                .append("/\">baseline/</a>, data: <a href=\"report.json\">report.json</a>, <a href=\"")
                .append(Provenance.SIDECAR).append("\">").append(Provenance.SIDECAR).append("</a>.</p>\n");

        h.append("<h2>Provenance</h2>\n");
        keyValues(h, report.getAsJsonObject("provenance"), "models");
        table(h, report.has("provenance") ? report.getAsJsonObject("provenance").getAsJsonArray("models") : null,
                "id", "covers", "steps", "checkpoint", "checkpointSha256");
        h.append("<h2>Inputs</h2>\n");
        keyValues(h, report.getAsJsonObject("inputs"));

        h.append("<h2>Held-out frames</h2>\n<p>CIEDE2000 against the reference registered on the scan, on confidently aligned"
                + " frames the model never trained on (lower is better; \"chroma\": against the reference's colour on the"
                + " scan's luma).</p>\n");
        keyValues(h, report.getAsJsonObject("heldOut"));
        if (report.has("metrics")) {
            h.append("<h2>Against the known truth</h2>\n");
            for (Map.Entry<String, JsonElement> group : report.getAsJsonObject("metrics").entrySet()) {
                h.append("<h3>").append(esc(group.getKey())).append("</h3>\n");
                keyValues(h, group.getValue().getAsJsonObject());
            }
        }

        JsonObject granularity = report.getAsJsonObject("granularity");
        if (granularity != null) {
            h.append("<h2>Shots, scenes and models</h2>\n<p>").append(size(report, "shots")).append(" shots in ")
                    .append(size(report, "scenes")).append(" scenes; granularity ").append(esc(text(granularity, "chosen")))
                    .append(" (requested ").append(esc(text(granularity, "requested"))).append("): ")
                    .append(esc(text(granularity, "reason"))).append(".</p>\n");
            keyValues(h, granularity, "requested", "chosen", "reason", "models");
        }
        JsonObject pairs = report.getAsJsonObject("pairs");
        if (pairs != null) {
            h.append("<h2>Training pairs</h2>\n");
            keyValues(h, pairs, "candidates");
            h.append("<details><summary>Every candidate</summary>\n");
            table(h, pairs.getAsJsonArray("candidates"), "scanFrame", "referenceFrame", "shot", "chosen", "tried", "rejected", "override");
            h.append("</details>\n");
        }

        JsonObject training = report.getAsJsonObject("training");
        h.append("<h2>Training</h2>\n");
        if (training != null) {
            keyValues(h, training, "lossCurve", "validationCurve", "perModel");
            JsonArray perModel = training.getAsJsonArray("perModel");
            for (JsonElement e : perModel == null ? new JsonArray() : perModel) {
                JsonObject m = e.getAsJsonObject();
                h.append("<h3>Model ").append(esc(text(m, "id"))).append(" (").append(esc(text(m, "covers"))).append(")</h3>\n");
                h.append(chart("training loss", m.getAsJsonArray("lossCurve"), "validation loss", m.getAsJsonArray("validationCurve")));
                keyValues(h, m, "lossCurve", "validationCurve");
            }
        }
        if (!contactSheets.isEmpty()) {
            h.append("<h3>Contact sheets (input | target | output)</h3>\n");
            contactSheets.forEach(s -> h.append("<p>").append(esc(s)).append("<br><img src=\"").append(esc(s)).append("\"></p>\n"));
        }
        alignment(h, report);
        h.append("</body></html>\n");
        return h.toString();
    }

    private static void alignment(StringBuilder h, JsonObject report) {
        JsonArray rows = report.getAsJsonArray("alignment");
        if (rows == null) {
            return;
        }
        int matched = 0;
        int training = 0;
        double confidence = 0;
        List<String> pairs = new ArrayList<>();
        for (JsonElement e : rows) {
            JsonObject r = e.getAsJsonObject();
            if (r.has("confidence")) {
                matched++;
                confidence += r.get("confidence").getAsDouble();
            }
            if (r.get("usedForTraining").getAsBoolean()) {
                training++;
                pairs.add(text(r, "frame") + " ← " + text(r, "referenceFrame"));
            }
        }
        h.append("<h2>Alignment</h2>\n<p>").append(rows.size()).append(" scan frames, ").append(matched)
                .append(" with a reference frame (mean confidence ")
                .append(String.format(Locale.ROOT, "%.3f", matched == 0 ? 0 : confidence / matched)).append("), ").append(training)
                .append(" used as training pairs. Temporal: ").append(esc(text(report, "temporalMethod"))).append("; spatial: ")
                .append(esc(text(report, "alignmentMethod"))).append(". Difference images: <a href=\"")
                .append(esc(text(report, "alignmentReport"))).append("\">").append(esc(text(report, "alignmentReport")))
                .append("</a>.</p>\n<h3>Training pairs (scan frame ← reference frame)</h3>\n<p>")
                .append(esc(String.join(", ", pairs))).append("</p>\n<details><summary>Every frame</summary>\n<table>"
                        + "<tr><th>scan frame</th><th>reference frame</th><th>confidence</th><th>training pair</th></tr>\n");
        for (JsonElement e : rows) {
            JsonObject r = e.getAsJsonObject();
            h.append("<tr><td>").append(esc(text(r, "frame"))).append("</td><td>").append(esc(text(r, "referenceFrame")))
                    .append("</td><td>").append(r.has("confidence") ? String.format(Locale.ROOT, "%.3f", r.get("confidence").getAsDouble()) : "")
                    .append("</td><td>").append(r.get("usedForTraining").getAsBoolean() ? "yes" : "").append("</td></tr>\n");
        }
        h.append("</table></details>\n");
    }

    /** A line chart of one or two [step, value] series on a log scale. */
    static String chart(String name, JsonArray series, String otherName, JsonArray other) {
        List<double[]> a = points(series);
        List<double[]> b = points(other);
        List<double[]> all = new ArrayList<>(a);
        all.addAll(b);
        if (all.isEmpty()) {
            return "<p>No training curve.</p>\n";
        }
        double maxX = all.stream().mapToDouble(p -> p[0]).max().orElse(1);
        double minY = Math.log10(all.stream().mapToDouble(p -> p[1]).min().orElse(1));
        double maxY = Math.log10(all.stream().mapToDouble(p -> p[1]).max().orElse(1));
        double spanY = Math.max(maxY - minY, 1e-6);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">",
                CHART_W, CHART_H, CHART_W, CHART_H, esc(name)));
        polyline(svg, a, maxX, minY, spanY, "#1f77b4");
        polyline(svg, b, maxX, minY, spanY, "#d62728");
        svg.append(String.format(Locale.ROOT, "<text x=\"8\" y=\"16\" font-size=\"12\" fill=\"#1f77b4\">%s</text>"
                + "<text x=\"8\" y=\"32\" font-size=\"12\" fill=\"#d62728\">%s</text>"
                + "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">step %.0f; loss %.4g … %.4g (log scale)</text></svg>\n",
                esc(name), esc(otherName), CHART_W - 6, CHART_H - 6, maxX, Math.pow(10, minY), Math.pow(10, maxY)));
        return svg.toString();
    }

    private static void polyline(StringBuilder svg, List<double[]> points, double maxX, double minY, double spanY, String colour) {
        if (points.isEmpty()) {
            return;
        }
        svg.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"1.5\" points=\"");
        for (double[] p : points) {
            double x = 10 + (CHART_W - 20) * p[0] / Math.max(maxX, 1);
            double y = CHART_H - 20 - (CHART_H - 50) * (Math.log10(p[1]) - minY) / spanY;
            svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        svg.append("\"/>");
    }

    private static List<double[]> points(JsonArray series) {
        List<double[]> points = new ArrayList<>();
        if (series != null) {
            for (JsonElement e : series) {
                JsonArray p = e.getAsJsonArray();
                if (!p.get(1).isJsonNull() && p.get(1).getAsDouble() > 0) {
                    points.add(new double[] {p.get(0).getAsDouble(), p.get(1).getAsDouble()});
                }
            }
        }
        return points;
    }

    private static void keyValues(StringBuilder h, JsonObject object, String... skip) {
        if (object == null) {
            return;
        }
        h.append("<table>\n");
        for (Map.Entry<String, JsonElement> e : object.entrySet()) {
            if (List.of(skip).contains(e.getKey())) {
                continue;
            }
            JsonElement v = e.getValue();
            String value = v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber()
                    ? String.format(Locale.ROOT, "%.4g", v.getAsDouble())
                    : v.isJsonPrimitive() ? v.getAsString() : v.toString();
            h.append("<tr><th>").append(esc(e.getKey())).append("</th><td>").append(esc(value)).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    /** A table of {@code columns} of each object in {@code rows}. */
    private static void table(StringBuilder h, JsonArray rows, String... columns) {
        if (rows == null || rows.isEmpty()) {
            return;
        }
        h.append("<table><tr>");
        for (String c : columns) {
            h.append("<th>").append(esc(c)).append("</th>");
        }
        h.append("</tr>\n");
        for (JsonElement e : rows) {
            h.append("<tr>");
            for (String c : columns) {
                h.append("<td>").append(esc(text(e.getAsJsonObject(), c))).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static int size(JsonObject report, String key) {
        return report.has(key) ? report.getAsJsonArray(key).size() : 0;
    }

    /** The newest contact sheets of each model, relative to the output folder. */
    private static List<String> contactSheets(Path outputDirectory) throws IOException {
        List<String> sheets = new ArrayList<>();
        for (RunFolder.Model model : RunFolder.models(outputDirectory)) {
            List<Path> all = model.contactSheets();
            all.subList(Math.max(0, all.size() - SHEETS), all.size())
                    .forEach(sheet -> sheets.add(outputDirectory.relativize(sheet).toString()));
        }
        return sheets;
    }

    private static String text(JsonObject object, String key) {
        JsonElement e = object == null ? null : object.get(key);
        return e == null || e.isJsonNull() ? "" : e.isJsonPrimitive() ? e.getAsString() : e.toString();
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
