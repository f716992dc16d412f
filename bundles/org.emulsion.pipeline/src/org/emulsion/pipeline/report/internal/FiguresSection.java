package org.emulsion.pipeline.report.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;

import org.emulsion.pipeline.report.internal.Html.Cell;

import com.google.gson.JsonObject;

/** The numbers, formatted for people: held-out scores, scores against a known truth, the material, the training settings. */
final class FiguresSection implements Section {
    /** A scored row of the held-out table: its label and the key suffix of its figures. */
    private static final String[][] SCORED = {{"Result", "Result"}, {"Baseline", "Baseline"}, {"Scan as it is", "Scan"}};

    @Override
    public boolean present(Page page) {
        JsonObject r = page.report();
        return Json.has(r, "heldOut") || Json.has(r, "metrics") || Json.has(r, "inputs") || Json.has(r, "training");
    }

    @Override
    public void write(Page page, Html h) {
        JsonObject report = page.report();
        h.raw("<section id=\"figures\">\n");
        h.element("h2", "", "Figures");
        heldOut(page, h, Json.object(report, "heldOut"));
        truth(h, Json.object(report, "metrics"));
        material(page, h);
        training(h, Json.object(report, "training"), Json.object(report, "granularity"), Json.object(report, "luma"));
        h.raw("</section>\n");
    }

    private static void heldOut(Page page, Html h, JsonObject heldOut) {
        if (heldOut == null) {
            return;
        }
        h.element("h3", "", "Held-out frames");
        h.element("p", "", "Frames " + String.join(", ", Verdict.heldOutFrames(heldOut)) + ", measured against "
                + Json.text(heldOut, "against") + (Json.has(heldOut, "coveredFraction") ? " (" + Figures.percent(Json.number(heldOut,
                        "coveredFraction")) + " of the picture)" : "") + "; a lower ΔE2000, a higher PSNR or SSIM is closer.");
        record Measure(String prefix, String label, DoubleFunction<String> format) {
        }
        List<Measure> measures = List.of(new Measure("deltaE2000Chroma", "ΔE2000, colour on the scan's luma", Figures::deltaE),
                new Measure("deltaE2000", "ΔE2000, whole picture", Figures::deltaE),
                new Measure("psnr", "PSNR, restored areas", Figures::decibels), new Measure("ssim", "SSIM, restored areas", Figures::ssim))
                .stream().filter(m -> heldOut.has(m.prefix() + "Result")).toList();
        h.raw("<table><tr><th></th>");
        measures.forEach(m -> h.raw("<th>" + Html.esc(m.label()) + "</th>"));
        h.raw("</tr>\n");
        for (String[] row : SCORED) {
            String label = row[1].equals("Baseline") ? BeforeAfter.capital(page.baselineName().replaceFirst("^the ", "")) : row[0];
            h.raw("<tr><th>" + Html.esc(label) + "</th>");
            measures.forEach(m -> h.raw("<td>" + Html.esc(m.format().apply(Json.number(heldOut, m.prefix() + row[1]))) + "</td>"));
            h.raw("</tr>\n");
        }
        h.tableEnd();
    }

    /** Scores against the truth a simulated film comes with. */
    private static void truth(Html h, JsonObject metrics) {
        if (metrics == null) {
            return;
        }
        h.element("h3", "", "Against the known truth (simulated material)");
        h.tableStart("", "frames", "ΔE2000 result", "result, 95th percentile", "ΔE2000 scan", "scan, 95th percentile",
                "best reachable keeping the scan's luma");
        Map<String, String> groups = Map.of("allFrames", "All frames", "heldOutFrames", "Frames not trained on",
                "framesWithoutReference", "Frames without a reference");
        for (String key : List.of("allFrames", "heldOutFrames", "framesWithoutReference")) {
            JsonObject g = Json.object(metrics, key);
            if (g != null) {
                h.row(Cell.header(groups.get(key)), Cell.count(Json.number(g, "frames")),
                        Cell.text(Figures.deltaE(Json.number(g, "deltaE2000Result"))),
                        Cell.text(Figures.deltaE(Json.number(g, "deltaE2000ResultP95"))),
                        Cell.text(Figures.deltaE(Json.number(g, "deltaE2000Scan"))),
                        Cell.text(Figures.deltaE(Json.number(g, "deltaE2000ScanP95"))),
                        Cell.text(Figures.deltaE(Json.number(g, "deltaE2000ChromaModeCeiling"))));
            }
        }
        h.tableEnd();
    }

    private static void material(Page page, Html h) {
        JsonObject inputs = Json.object(page.report(), "inputs");
        if (inputs == null) {
            return;
        }
        h.element("h3", "", "Material");
        Map<String, Cell> rows = new LinkedHashMap<>();
        rows.put("Scan frames", Cell.count(Json.number(inputs, "frames")));
        rows.put("Scan size", Cell.text(Json.text(inputs, "scanSize").replace('x', '×') + " pixels, "
                + Figures.count(Json.number(inputs, "scanBitDepth")) + "-bit"));
        rows.put("Reference size", Cell.text(Json.text(inputs, "referenceSize").replace('x', '×') + " pixels"));
        rows.put("Shots", Cell.count(page.ranges("shots").size()));
        rows.put("Scenes", Cell.count(page.ranges("scenes").size()));
        rows.put("Output format", Cell.text(Json.text(page.report(), "outputFormat")));
        h.facts(rows);
    }

    private static void training(Html h, JsonObject training, JsonObject granularity, JsonObject luma) {
        if (training == null) {
            return;
        }
        h.element("h3", "", "Training settings");
        Map<String, Cell> rows = new LinkedHashMap<>();
        rows.put("Architecture", Cell.text(Json.text(training, "architecture") + ", preset " + Json.text(training, "preset")));
        rows.put("Base width", Cell.count(Json.number(training, "baseWidth")));
        rows.put("Depth", Cell.count(Json.number(training, "depth")));
        rows.put("Patch size (pixels)", Cell.count(Json.number(training, "patchSize")));
        rows.put("Batch size", Cell.count(Json.number(training, "batchSize")));
        rows.put("Learning rate", Cell.text(Figures.plain(Json.number(training, "learningRate"))));
        rows.put("Seed", Cell.count(Json.number(training, "seed")));
        rows.put("Steps, all models", Cell.count(Json.number(training, "steps")));
        rows.put("Training time, all models", Cell.text(Figures.minutes(Json.number(training, "seconds"))));
        rows.put("Device", Cell.text(Json.text(training, "device")));
        if (Json.has(training, "workScale")) {
            rows.put("Working scale", Cell.text("× " + Figures.plain(Json.number(training, "workScale"))));
        }
        if (Json.has(training, "input")) {
            rows.put("Network input", Cell.value(training.get("input")));
        }
        rows.put("Budget", Cell.text(Json.text(training, "budget")));
        if (granularity != null) {
            rows.put("Granularity", Cell.text(Json.text(granularity, "chosen") + " (requested: " + Json.text(granularity, "requested")
                    + "): " + Json.text(granularity, "reason")));
            if (!Json.array(granularity, "fallbacks").isEmpty()) {
                rows.put("Fallbacks", Cell.value(granularity.get("fallbacks")));
            }
            if (Json.object(granularity, "evidence") != null && !Json.object(granularity, "evidence").isEmpty()) {
                rows.put("Evidence", Cell.value(granularity.get("evidence")));
            }
        }
        if (luma != null) {
            rows.put("Luma", Cell.text(Json.text(luma, "mode") + ": " + Json.text(luma, "method")));
        }
        h.facts(rows);
        List<JsonObject> models = Json.objects(training, "perModel");
        if (!models.isEmpty()) {
            h.tableStart("model", "restores", "pairs", "steps", "time", "weights kept from step", "rollbacks");
            for (JsonObject m : models) {
                h.row(Cell.text(Json.text(m, "id")), Cell.text(Json.text(m, "covers")), Cell.count(Json.number(m, "pairs")),
                        Cell.count(Json.number(m, "steps")), Cell.text(Figures.minutes(Json.number(m, "seconds"))),
                        Cell.count(Json.number(m, "bestStep")), Cell.count(Json.objects(m, "rollbacks").size()));
            }
            h.tableEnd();
        }
    }
}
