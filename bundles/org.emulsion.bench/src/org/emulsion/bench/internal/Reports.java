package org.emulsion.bench.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.emulsion.core.JsonFiles;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** Writes the quality benchmark's results: a terminal table, JSON (case → method → metrics) and HTML. */
public final class Reports {
    private Reports() {
    }

    public static void printTable(List<CaseResult> cases, PrintStream out) {
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-16s %-16s", "case", "method"));
        for (String c : MethodMetrics.COLUMNS) {
            header.append(String.format(Locale.ROOT, " %11s", c));
        }
        out.println(header);
        out.println("-".repeat(header.length()));
        for (CaseResult c : cases) {
            for (Map.Entry<String, MethodMetrics> m : c.methods().entrySet()) {
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-16s %-16s", c.name(), m.getKey()));
                for (double v : m.getValue().values()) {
                    row.append(String.format(Locale.ROOT, " %11s", Double.isNaN(v) ? "-" : Double.isInfinite(v) ? "inf" : String.format(Locale.ROOT, "%.3f", v)));
                }
                out.println(row);
            }
        }
        out.println();
        out.println("Acceptance (emulsion vs " + Acceptance.BASELINE + "): no-ref dE00 >= " + Acceptance.NO_REFERENCE_GAIN_PERCENT
                + " % below, all-frames dE00 below, grain kept >= " + Acceptance.MIN_GRAIN_KEPT + ", temporal excess not above");
        for (CaseResult c : cases) {
            Acceptance a = Acceptance.of(c.methods());
            if (a != null) {
                out.println(a.line(c.name()));
            }
        }
        out.println();
        out.println("Against the reference look (chroma alone: a*, b* on the look's L*): chr look / chr ref / chr no-ref = chroma dE00 "
                + "over all frames / frames with a reference / without; flicker = mean |dCbCr| x 1000 in still areas between "
                + "consecutive frames (flk ref: pairs that both have a reference); " + CaseRunner.PASTED
                + " = the registered reference's own chroma on the scan's luma (" + Acceptance.BASELINE + " where it has none).");
        out.println("Acceptance against the reference look (emulsion): chr ref <= " + Acceptance.WITH_REFERENCE_PERCENT_OF_PASTED
                + " % of " + CaseRunner.PASTED + "'s, chr no-ref >= " + Acceptance.NO_REFERENCE_GAIN_PERCENT + " % below "
                + Acceptance.BASELINE + "'s, grain kept >= " + Acceptance.MIN_GRAIN_KEPT + ", temporal excess not above "
                + Acceptance.BASELINE + "'s, still-area flicker not above the reference's own nor " + Acceptance.BASELINE + "'s");
        for (CaseResult c : cases) {
            Acceptance a = Acceptance.againstReferenceLook(c.methods());
            if (a != null) {
                out.println(a.line(c.name()));
            }
        }
        for (CaseResult c : cases) {
            if (c.errors() != null) {
                out.println();
                c.errors().print(c.name(), out);
            }
        }
        printLuma(cases, out);
        printArtwork(cases, out);
    }

    /** The artwork-chroma cases' own table and acceptance lines (every frame against the truth). */
    private static void printArtwork(List<CaseResult> cases, PrintStream out) {
        List<CaseResult> artwork = cases.stream().filter(c -> c.artwork() != null).toList();
        if (artwork.isEmpty()) {
            return;
        }
        out.println();
        out.println("Artwork cases (artwork-chroma), every frame against the truth: chroma dE00 = a*, b* against the truth's on the "
                + "truth's L*; " + ArtworkFigures.BASELINE + " = the run's baseline (Reinhard transfer from the artwork); dCbCr excess = "
                + "frame-to-frame chroma change beyond the truth's; chr look = chroma dE00 against the artwork's look of the truth (the "
                + "truth in the artist's palette, the colour evidence; a*, b* on the look's L*)");
        ArtworkFigures.printHeader(out);
        for (CaseResult c : artwork) {
            c.artwork().print(c.name(), out);
        }
        out.println("Acceptance: chroma dE00 >= " + ArtworkFigures.GAIN_PERCENT + " % below " + ArtworkFigures.BASELINE + " and < "
                + ArtworkFigures.MAX_CHROMA_DELTA_E + ", grain kept >= " + ArtworkFigures.MIN_GRAIN_KEPT + ", temporal excess not above "
                + ArtworkFigures.BASELINE + "'s; the first two also against the artwork look");
        for (CaseResult c : artwork) {
            out.println(c.artwork().line(c.name()));
        }
    }

    /**
     * The luma cases' own table: each method's luma PSNR inside the true damage, over the frame, SSIM (held-out frames,
     * against the scan without its physical damage), the damage maps' scores, and the acceptance.
     */
    private static void printLuma(List<CaseResult> cases, PrintStream out) {
        List<CaseResult> luma = cases.stream().filter(c -> c.luma() != null).toList();
        if (luma.isEmpty()) {
            return;
        }
        out.println();
        out.println("Luma cases (print-luma, multiprint), luma against the element without its physical damage (print-luma: the scan,"
                + " held-out frames; multiprint: the master, every frame): dmg PSNR inside the simulator's damage masks of it, Y PSNR /"
                + " SSIM over the frame; the baseline is the run's (print-luma: the registered, tone-matched print pasted into the"
                + " damage maps; multiprint: the per-pixel median of the registered, tone-matched prints)");
        LumaFigures.printHeader(out);
        for (CaseResult c : luma) {
            c.luma().print(c.name(), out);
        }
        for (CaseResult c : luma) {
            out.println(c.luma().line(c.name()));
        }
    }

    public static JsonObject toJson(List<CaseResult> cases, JsonObject run) {
        JsonObject root = new JsonObject();
        root.add("run", run);
        JsonObject all = new JsonObject();
        for (CaseResult c : cases) {
            JsonObject json = new JsonObject();
            json.addProperty("description", c.description());
            json.addProperty("seconds", c.seconds());
            JsonObject methods = new JsonObject();
            c.methods().forEach((name, m) -> methods.add(name, m.toJson()));
            json.add("methods", methods);
            Acceptance acceptance = Acceptance.of(c.methods());
            if (acceptance != null) {
                json.add("acceptance", acceptance.toJson());
            }
            Acceptance againstLook = Acceptance.againstReferenceLook(c.methods());
            if (againstLook != null) {
                json.add("acceptanceAgainstReferenceLook", againstLook.toJson());
            }
            if (c.errors() != null) {
                json.add("errorAnalysis", c.errors().toJson());
            }
            if (c.luma() != null) {
                json.add("luma", c.luma().toJson());
            }
            if (c.artwork() != null) {
                json.add("artwork", c.artwork().toJson());
            }
            json.add("parameters", c.parameters());
            JsonArray loss = new JsonArray();
            for (double[] p : c.lossCurve()) {
                JsonArray point = new JsonArray();
                point.add(p[0]);
                point.add(p[1]);
                loss.add(point);
            }
            json.add("emulsionLossCurve", loss);
            all.add(c.name(), json);
        }
        root.add("cases", all);
        return root;
    }

    public static void writeHtml(Path dir, List<CaseResult> cases, JsonObject run) throws IOException {
        StringBuilder h = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Emulsion quality benchmark</title>
                <style>
                body{font-family:sans-serif;margin:2em;max-width:1400px}
                table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;padding:3px 8px;text-align:right}
                th:first-child,td:first-child{text-align:left}.best{font-weight:bold;background:#e8f4e8}
                figure{display:inline-block;margin:4px;text-align:center}figure img{width:320px;image-rendering:auto}
                .note{color:#555;font-size:90%}
                </style></head><body>
                <h1>Emulsion quality benchmark</h1>
                """);
        h.append("<p class=\"note\">").append(escape(JsonFiles.toJson(run))).append("</p>\n");
        h.append("<p class=\"note\">All methods keep the scan's luma (Colour blend), as chroma restoration requires. "
                + "dE00 chroma: CIEDE2000 against the truth's colour on the scan's luma (what colour recovery can reach; lower is better); "
                + "dE00: against the truth itself (also counts the luma the fade changed); Y PSNR/SSIM: luma against the truth; "
                + "grain kept: correlation of high-frequency luma with the scan (1 = the scan's grain is untouched); "
                + "dCbCr/frame: mean frame-to-frame chroma change (close to the truth's = temporally stable); "
                + "chr look / chr ref / chr no-ref: chroma alone (a*, b* on the look's L*) against the reference's look, over all "
                + "frames / frames with a reference / without; flicker: mean |dCbCr| x 1000 in still areas between consecutive "
                + "frames (flk ref: pairs that both have a reference); pasted reference: the registered reference's own chroma on "
                + "the scan's luma, the match grade where it has none.</p>\n");
        for (CaseResult c : cases) {
            h.append("<h2>").append(escape(c.name())).append("</h2>\n<p>").append(escape(c.description()))
                    .append(String.format(Locale.ROOT, " (%.0f s)", c.seconds())).append("</p>\n");
            h.append("<table><tr><th>method</th>");
            for (String col : MethodMetrics.COLUMNS) {
                h.append("<th>").append(escape(col)).append("</th>");
            }
            h.append("</tr>\n");
            // the ceiling is the truth's colour, not a method: it does not compete
            double best = c.methods().entrySet().stream().filter(m -> !m.getKey().equals(CaseRunner.CEILING))
                    .mapToDouble(m -> m.getValue().deltaE2000Chroma()).filter(Double::isFinite).min().orElse(Double.NaN);
            for (Map.Entry<String, MethodMetrics> m : c.methods().entrySet()) {
                h.append(m.getValue().deltaE2000Chroma() == best ? "<tr class=\"best\">" : "<tr>").append("<td>").append(escape(m.getKey())).append("</td>");
                for (double v : m.getValue().values()) {
                    h.append("<td>").append(Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v)).append("</td>");
                }
                h.append("</tr>\n");
            }
            h.append("</table>\n");
            Acceptance acceptance = Acceptance.of(c.methods());
            if (acceptance != null) {
                h.append("<p>").append(escape(acceptance.line("Acceptance:"))).append("</p>\n");
            }
            Acceptance againstLook = Acceptance.againstReferenceLook(c.methods());
            if (againstLook != null) {
                h.append("<p>").append(escape(againstLook.line("Against the reference look:"))).append("</p>\n");
            }
            if (c.luma() != null) {
                h.append("<p>").append(escape(c.luma().line("Acceptance:"))).append("</p>\n");
            } else if (c.artwork() != null) {
                h.append("<p>").append(escape(c.artwork().line("Acceptance:"))).append("</p>\n").append(barChart(c.methods()));
            } else {
                h.append(barChart(c.methods()));
            }
            h.append(lossChart(c.lossCurve())).append("<div>\n");
            c.crops().forEach((label, file) -> h.append("<figure><img src=\"").append(escape(file)).append("\" alt=\"")
                    .append(escape(label)).append("\"><figcaption>").append(escape(label)).append("</figcaption></figure>\n"));
            h.append("</div>\n");
        }
        h.append("</body></html>\n");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("index.html"), h, StandardCharsets.UTF_8);
    }

    /** Horizontal bars of mean CIEDE2000 per method. */
    private static String barChart(Map<String, MethodMetrics> methods) {
        double max = methods.values().stream().mapToDouble(MethodMetrics::deltaE2000Chroma).filter(Double::isFinite).max().orElse(1);
        int rowHeight = 22;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg width=\"520\" height=\"%d\" role=\"img\" aria-label=\"mean CIEDE2000 of the colour per method\">", methods.size() * rowHeight + 24));
        svg.append("<text x=\"0\" y=\"14\" font-size=\"12\">dE00 chroma: CIEDE2000 to the truth's colour on the scan's luma (lower is better)</text>");
        int y = 22;
        for (Map.Entry<String, MethodMetrics> m : methods.entrySet()) {
            double v = m.getValue().deltaE2000Chroma();
            double w = Double.isFinite(v) ? 300 * v / max : 0;
            svg.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\" font-size=\"12\">%s</text>", y + 14, escape(m.getKey())));
            svg.append(String.format(Locale.ROOT, "<rect x=\"130\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"%s\"/>", y, w,
                    m.getKey().equals("emulsion") ? "#2a7" : "#89a"));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"12\">%.2f</text>", 135 + w, y + 13, v));
            y += rowHeight;
        }
        return svg.append("</svg>\n").toString();
    }

    /** Emulsion's training loss against steps. */
    private static String lossChart(List<double[]> curve) {
        if (curve.size() < 2) {
            return "";
        }
        double maxStep = curve.get(curve.size() - 1)[0];
        double maxLoss = curve.stream().mapToDouble(p -> p[1]).max().orElse(1);
        StringBuilder points = new StringBuilder();
        for (double[] p : curve) {
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", 40 + 420 * p[0] / maxStep, 150 - 130 * p[1] / maxLoss));
        }
        return String.format(Locale.ROOT, "<svg width=\"480\" height=\"170\" role=\"img\" aria-label=\"training loss\">"
                + "<text x=\"40\" y=\"12\" font-size=\"12\">Emulsion training loss (masked L1) over %.0f steps; max %.4f</text>"
                + "<line x1=\"40\" y1=\"150\" x2=\"460\" y2=\"150\" stroke=\"#888\"/><line x1=\"40\" y1=\"20\" x2=\"40\" y2=\"150\" stroke=\"#888\"/>"
                + "<polyline fill=\"none\" stroke=\"#2a7\" stroke-width=\"1.5\" points=\"%s\"/></svg>\n", maxStep, maxLoss, points);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
