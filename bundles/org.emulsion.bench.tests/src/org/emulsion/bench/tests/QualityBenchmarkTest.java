package org.emulsion.bench.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.emulsion.bench.QualityBenchmark;
import org.emulsion.bench.internal.BenchOutput;
import org.emulsion.bench.internal.CaseResult;
import org.emulsion.bench.internal.CaseRunner;
import org.emulsion.bench.internal.CaseSpec;
import org.emulsion.bench.internal.Reports;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.JsonFiles;
import org.emulsion.simulator.ScanParameters;
import org.emulsion.simulator.Truth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;

/** One tiny benchmark case through the real simulator, aligner, baselines, engine and metrics. */
class QualityBenchmarkTest {

    @TempDir
    Path dir;

    @Test
    void tinyCaseScoresEveryMethodAndWritesTheReports() throws Exception {
        CaseSpec spec = new CaseSpec("tiny-print", "tiny print case", new Truth.Spec(640, 360, 6, 2, 5),
                ScanParameters.defaults().withSeed(3), CaseSpec.ReferenceKind.PRINT, 1, 600, 32, 300); // bounded by steps, not load
        Path html = Files.createDirectories(dir.resolve("html"));
        CaseResult result = CaseRunner.run(spec, dir.resolve("work"), html, new NullProgressMonitor());
        assertEquals(List.of("scan as is", "reinhard", "poly2", "lut33", "emulsion", "ceiling", "reference look", "pasted reference"),
                List.copyOf(result.methods().keySet()));
        assertEquals(0, result.methods().get("ceiling").deltaE2000Chroma(), 1e-9, "the ceiling is the chroma target itself");
        double scan = result.methods().get("scan as is").deltaE2000Chroma();
        assertTrue(result.methods().get("lut33").deltaE2000Chroma() < scan, "the match grade improves on the faded scan");
        assertTrue(result.methods().get("emulsion").deltaE2000Chroma() < scan, "Emulsion improves on the faded scan: "
                + result.methods().get("emulsion").deltaE2000Chroma() + " vs " + scan);
        // Every method keeps the scan's luma (Colour blend): luma PSNR against the truth is the scan's.
        result.methods().values().forEach(m -> assertEquals(result.methods().get("scan as is").lumaPsnr(), m.lumaPsnr(), 0.01));
        assertEquals(1.0, result.methods().get("emulsion").grainKept(), 1e-3, "grain untouched");
        // Against the reference's look, chroma alone: the look's own chroma on its own L* is no error at all; the print
        // reference pasted where it covers the frame comes close to its own look, far closer than the faded scan.
        result.methods().values().forEach(m -> assertTrue(m.lookChroma() >= 0 && Double.isFinite(m.stillFlicker()), m.toString()));
        double pasted = result.methods().get("pasted reference").lookChromaWithReference();
        assertTrue(pasted < result.methods().get("scan as is").lookChromaWithReference() / 2, "pasted " + pasted);
        assertEquals(result.methods().get("pasted reference").lookChroma(), pasted, 1e-9, "every frame of the print case has a reference");
        assertFalse(result.lossCurve().isEmpty());

        Path json = dir.resolve("results.json");
        BenchOutput.writeJson(json, Reports.toJson(List.of(result), new JsonObject()));
        Reports.writeHtml(html, List.of(result), new JsonObject());
        JsonObject cases = JsonParser.parseString(Files.readString(json)).getAsJsonObject().getAsJsonObject("cases");
        JsonObject emulsion = cases.getAsJsonObject("tiny-print").getAsJsonObject("methods").getAsJsonObject("emulsion");
        assertTrue(emulsion.get("deltaE2000ChromaMean").getAsDouble() > 0);
        assertTrue(emulsion.getAsJsonObject("details").has("perFrame"));
        parseStrictly(Files.readString(json));
        String page = Files.readString(html.resolve("index.html"));
        assertTrue(page.contains("tiny-print") && page.contains("<svg"), "HTML has the case and its charts");
        assertEquals(5, result.crops().size(), "scan | reference | baseline | Emulsion | truth");
        for (String crop : result.crops().values()) {
            assertTrue(Files.size(html.resolve(crop)) > 0, crop);
        }
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        Reports.printTable(List.of(result), new PrintStream(table, true, StandardCharsets.UTF_8));
        String printed = table.toString(StandardCharsets.UTF_8);
        assertEquals(2 + 8 + 3 + 4 + 3 + result.errors().toJson().size(), printed.lines().count(),
                "header, rule, one row per method and reference row; blank, acceptance header, one line per case; blank, legend, "
                        + "acceptance against the look, its line; blank, error analysis title, its header and one row per class");
        assertTrue(printed.contains("no-ref dE00 vs lut33: -  noReference30PercentBelow n/a"), printed);
        assertTrue(printed.contains("withReference85PercentOfPasted"), printed);
        assertTrue(printed.contains("Error analysis, tiny-print"), printed);
        JsonObject errors = cases.getAsJsonObject("tiny-print").getAsJsonObject("errorAnalysis");
        assertEquals(1.0, errors.getAsJsonObject("edges").get("pixelShare").getAsDouble()
                + errors.getAsJsonObject("flat").get("pixelShare").getAsDouble(), 1e-9, "every pixel is on an edge or flat");
        assertEquals(0.2, errors.getAsJsonObject("edges").get("pixelShare").getAsDouble(), 0.01);
        assertTrue(errors.has("shot 1") && errors.has("shot 2"), errors.toString());
        JsonObject acceptance = cases.getAsJsonObject("tiny-print").getAsJsonObject("acceptance");
        assertEquals("lut33", acceptance.get("baseline").getAsString());
        assertTrue(acceptance.getAsJsonObject("passed").has("grainKept"));
    }

    /** A metric that does not apply is written as null, not NaN: browsers and jq reject NaN in JSON. */
    @Test
    void metricsThatDoNotApplyAreNullInStrictJson() throws IOException {
        JsonObject metrics = new JsonObject();
        metrics.addProperty("deltaE2000FramesWithoutReference", Double.NaN);
        metrics.addProperty("lumaPsnrDb", Double.POSITIVE_INFINITY);
        metrics.addProperty("grainKept", 0.99);
        JsonObject read = parseStrictly(JsonFiles.toJson(metrics)).getAsJsonObject();
        assertTrue(read.get("deltaE2000FramesWithoutReference").isJsonNull());
        assertTrue(read.get("lumaPsnrDb").isJsonNull());
        assertEquals(0.99, read.get("grainKept").getAsDouble());
    }

    private static JsonElement parseStrictly(String json) throws IOException {
        try (JsonReader strict = new JsonReader(new StringReader(json))) {
            strict.setStrictness(Strictness.STRICT);
            return JsonParser.parseReader(strict);
        }
    }

    @Test
    void refusesToOverwriteEarlierResults() throws IOException {
        Path json = Files.writeString(dir.resolve("earlier.json"), "{}");
        EmulsionException e = assertThrows(EmulsionException.class, () -> QualityBenchmark.run(
                new QualityBenchmark.Options(true, json, dir.resolve("html"), null), System.out, new NullProgressMonitor()));
        assertTrue(e.getMessage().contains("earlier.json"), e.getMessage());
        assertEquals("{}", Files.readString(json));
    }
}
