package org.emulsion.workflow.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.emulsion.bench.internal.CaseSpec;
import org.emulsion.bench.internal.RestoreCase;
import org.emulsion.core.image.Image;
import org.emulsion.media.ImageFiles;
import org.emulsion.core.JsonFiles;
import org.emulsion.pipeline.report.ReportPage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The report page of a real small {@code dvd-chroma} run as a curator's browser shows it
 * (headless Chromium): the verdict sentence computed from the held-out figures, the before/after
 * strip whose pictures load, the alignment time line of every frame, no JSON and no
 * float-formatted count in any cell; its screenshot and PDF are kept in
 * {@code bundles/org.emulsion.workflow.tests/target/report/}. The sections of other workflows
 * (damage, sources, palette) and training rollbacks appear when, and only when, a run has their data.
 */
class ReportPageTest {
    /** Where the screenshot and the PDF are kept (the build's target folder of this bundle). */
    private static final Path ARTEFACTS = Path.of(System.getProperty("emulsion.report.artefacts", "target/report")).toAbsolutePath();
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 2400;

    @TempDir
    static Path dir;
    private static Path out;
    private static JsonObject report;

    /** One restore for every test: tiny, but real (simulated DVD, temporal match, registration, training, baseline). */
    @BeforeAll
    static void restore() throws IOException {
        RestoreCase material = Cli.simulate(CaseSpec.ReferenceKind.DVD, 73, dir.resolve("case"));
        out = dir.resolve("out");
        // 200 steps: two validations and two contact sheets, a few seconds of training
        Cli.Run run = Cli.run("restore", "--workflow", "dvd-chroma", "--scan", material.scan().toString(), "--reference",
                material.reference().toString(), "--out", out.toString(), "--steps", "200", "--train-minutes", "5");
        assertEquals(0, run.exit(), run.err());
        report = JsonParser.parseString(Files.readString(out.resolve("report.json"))).getAsJsonObject();
    }

    @Test
    void aCuratorsBrowserShowsTheVerdictTheStripAndTheAlignmentChartWithFiguresForPeople() throws IOException {
        Optional<Chromium> found = Chromium.find(dir);
        Assumptions.assumeTrue(found.isPresent(), "chromium is not installed (apt-get install chromium; .ci/run installs it): "
                + "the report page is not checked in a browser");
        Chromium chromium = found.get();
        Path page = out.resolve(ReportPage.FILE);
        String dom = chromium.dumpDom(page, WIDTH, HEIGHT);

        // the verdict: one sentence from the held-out figures, as report.json has them
        JsonObject heldOut = report.getAsJsonObject("heldOut");
        String verdict = text(only(dom, "<p id=\"verdict\"[^>]*>(.*?)</p>"));
        Matcher v = Pattern.compile("On (\\d+) held-out frames? the result is (\\d+\\.\\d\\d) ΔE2000 from the reference's colour, the "
                + "match grade (\\d+\\.\\d\\d), the faded scan (\\d+\\.\\d\\d) — .+\\.").matcher(verdict);
        assertTrue(v.matches(), verdict);
        assertEquals(heldOut.getAsJsonArray("frameList").size(), Integer.parseInt(v.group(1)), verdict);
        assertEquals(twoDecimals(heldOut, "deltaE2000ChromaResult"), v.group(2), verdict);
        assertEquals(twoDecimals(heldOut, "deltaE2000ChromaBaseline"), v.group(3), verdict);
        assertEquals(twoDecimals(heldOut, "deltaE2000ChromaScan"), v.group(4), verdict);

        // the strip: scan, baseline and result of each frame shown, thumbnails linked to full-size previews that decode
        String strip = only(dom, "(<table id=\"strip\".*?</table>)");
        List<String> rows = all(strip, "(<tr><th class=\"frame\">.*?</tr>)");
        assertTrue(rows.size() >= 3, "frames in the strip: " + rows.size());
        assertTrue(strip.contains("held out"), "the held-out frames are marked");
        int width = Integer.parseInt(report.getAsJsonObject("inputs").get("scanSize").getAsString().split("x")[0]);
        for (String row : rows) {
            List<String> thumbnails = all(row, "<img src=\"([^\"]+)\"");
            List<String> full = all(row, "<a href=\"([^\"]+)\"");
            assertTrue(thumbnails.size() >= 3, "scan, baseline and result in " + row);
            assertEquals(thumbnails.size(), full.size(), row);
            for (int i = 0; i < thumbnails.size(); i++) {
                Image thumbnail = ImageFiles.read(out.resolve(thumbnails.get(i))).image();
                Image large = ImageFiles.read(out.resolve(full.get(i))).image();
                assertTrue(thumbnail.width() > 0 && thumbnail.width() <= 480, thumbnails.get(i));
                assertEquals(Math.min(width, 2048), large.width(), full.get(i) + " is the frame at full size, up to 2048 pixels wide");
            }
        }
        assertEquals(List.of(), all(dom, "data-missing=\"([^\"]*)\""), "pictures the browser could not load");

        // the alignment chart: one mark per scan frame, a line per cut
        String chart = only(dom, "(<svg id=\"alignment-chart\".*?</svg>)");
        int frames = report.getAsJsonObject("inputs").get("frames").getAsInt();
        assertEquals(frames, all(chart, "(<rect class=\"frame )").size(), "a mark per scan frame");
        assertEquals(report.getAsJsonArray("shots").size() - 1, all(chart, "(<line class=\"cut\")").size(), "a line per cut");

        // numbers for people: counts as integers, no JSON, no NaN, no exponent
        List<String> counts = all(dom, "<td class=\"count\">(.*?)</td>");
        assertTrue(counts.size() >= 10, "count cells: " + counts);
        counts.forEach(c -> assertTrue(c.matches("\\d{1,3}(,\\d{3})*|—"), "a count reads '" + c + "'"));
        for (String cell : all(dom, "<td[^>]*>(.*?)</td>")) {
            String t = text(cell);
            assertFalse(t.contains("{\"") || t.contains("\":") || t.contains("[{") || t.contains("[[") || t.contains("NaN")
                    || t.contains("Infinity") || t.matches("(?s).*(\\d\\.\\d+[eE][+-]?\\d|\\d[eE][+-]\\d).*"), "a cell reads '" + t + "'");
        }
        String visible = text(dom.replaceAll("(?s)<(script|style)>.*?</\\1>", ""));
        assertFalse(visible.contains("NaN") || visible.contains("{\""), "no NaN or JSON on the page");

        // kept for people to look at: a screenshot of the top of the page and the page printed to PDF
        Files.createDirectories(ARTEFACTS);
        Path screenshot = ARTEFACTS.resolve("report-dvd-chroma.png");
        chromium.screenshot(page, screenshot, WIDTH, HEIGHT);
        Image shot = ImageFiles.read(screenshot).image();
        assertEquals(WIDTH, shot.width());
        assertTrue(deviation(shot) > 0.05, "the screenshot shows a page, not a blank");
        Path pdf = ARTEFACTS.resolve("report-dvd-chroma.pdf");
        chromium.printToPdf(page, pdf);
        byte[] bytes = Files.readAllBytes(pdf);
        assertTrue(bytes.length > 20_000 && new String(bytes, 0, 5, StandardCharsets.ISO_8859_1).equals("%PDF-"), "a PDF of the page");
        System.out.println("report page: " + screenshot + " and " + pdf + "; verdict: " + verdict);
    }

    @Test
    void anotherWorkflowsDamageSourcesPaletteAndRollbacksAppearOnlyWhenTheRunHasThem() throws IOException {
        String chroma = Files.readString(out.resolve(ReportPage.FILE));
        for (String id : List.of("id=\"damage\"", "id=\"sources\"", "id=\"palette\"", "id=\"other-facts\"")) {
            assertFalse(chroma.contains(id), id + " on a chroma run's page");
        }
        Path copy = Files.createDirectories(dir.resolve("luma"));
        try (var files = Files.walk(out)) {
            for (Path f : files.toList()) {
                Path target = copy.resolve(out.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else if (!Files.exists(target)) {
                    Files.copy(f, target);
                }
            }
        }
        // what a luma, a multi-print and an artwork run add: masks and source maps named after the scan frames, and their figures
        JsonArray alignment = report.getAsJsonArray("alignment");
        String first = alignment.get(0).getAsJsonObject().get("frame").getAsString();
        String stem = first.substring(0, first.lastIndexOf('.'));
        Image scan = ImageFiles.read(copy.resolve("frames").resolve(first)).image();
        Image mask = Image.blank(scan.width(), scan.height(), 1);
        for (int y = 0; y < scan.height() / 2; y++) {
            for (int x = 0; x < scan.width() / 2; x++) {
                mask.set(x, y, 0, 1);
            }
        }
        ImageFiles.write(Files.createDirectories(copy.resolve("masks")).resolve(stem + ".png"), mask, 8);
        Image sources = Image.blank(scan.width(), scan.height(), 1);
        java.util.Arrays.fill(sources.data(), 1 / 255f);
        ImageFiles.write(Files.createDirectories(copy.resolve("sources")).resolve(stem + ".png"), sources, 8);
        JsonObject more = report.deepCopy();
        more.add("damage", JsonParser.parseString("{\"method\":\"test\",\"frames\":[{\"frame\":\"" + first + "\",\"areaPercent\":25.0}]}"));
        more.add("sources", JsonParser.parseString("{\"prints\":[{\"name\":\"nitrate print A\",\"value\":0,\"percent\":40.0,"
                + "\"framesMatched\":24},{\"name\":\"safety print B\",\"value\":1,\"percent\":55.0,\"framesMatched\":23}],"
                + "\"inferredPercent\":5.0}"));
        more.add("palette", JsonParser.parseString("{\"colours\":[{\"rgb\":\"#a03020\",\"name\":\"uniform red\",\"share\":0.2}]}"));
        more.add("sample", JsonParser.parseString("{\"fade\":{\"cyan\":0.5,\"frames\":24},\"seed\":null}"));
        more.getAsJsonObject("training").getAsJsonArray("perModel").get(0).getAsJsonObject().add("rollbacks", JsonParser.parseString(
                "[{\"failedStep\":150,\"toStep\":100,\"cause\":\"loss not finite\",\"learningRateScale\":0.5}]"));
        JsonFiles.write(copy.resolve("report.json"), more);

        String html = Files.readString(ReportPage.write(copy));
        for (String id : List.of("id=\"damage-strip\"", "id=\"sources-strip\"", "id=\"palette\"", "nitrate print A", "uniform red",
                "id=\"other-facts\"", "Training was rolled back 1 time", "at step 150 (loss not finite) back to step 100, learning rate × 0.5")) {
            assertTrue(html.contains(id), id + " on the page");
        }
        assertFalse(html.contains("{\"") || html.replaceAll("(?s)<script>.*?</script>", "").contains("null"), "no JSON");
        // the damage is tinted red over the scan where the mask says so, and only there
        Image damage = ImageFiles.read(copy.resolve(all(only(html, "(<table id=\"damage-strip\".*?</table>)"),
                "<img src=\"([^\"]+)\"").get(0))).image();
        double[] inside = meanRgb(damage, 0, 0, damage.width() / 2, damage.height() / 2);
        double[] outside = meanRgb(damage, damage.width() / 2, damage.height() / 2, damage.width(), damage.height());
        assertTrue(inside[0] - (inside[1] + inside[2]) / 2 > outside[0] - (outside[1] + outside[2]) / 2 + 0.2,
                "red inside the mask: " + java.util.Arrays.toString(inside) + " vs " + java.util.Arrays.toString(outside));
    }

    private static double[] meanRgb(Image image, int x0, int y0, int x1, int y1) {
        double[] sum = new double[3];
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                for (int c = 0; c < 3; c++) {
                    sum[c] += image.get(x, y, c);
                }
            }
        }
        int n = (x1 - x0) * (y1 - y0);
        return new double[] {sum[0] / n, sum[1] / n, sum[2] / n};
    }

    private static double deviation(Image image) {
        double s = 0;
        double ss = 0;
        for (float v : image.data()) {
            s += v;
            ss += v * v;
        }
        double mean = s / image.data().length;
        return Math.sqrt(ss / image.data().length - mean * mean);
    }

    private static String twoDecimals(JsonObject o, String key) {
        return String.format(Locale.ROOT, "%.2f", o.get(key).getAsDouble());
    }

    private static String only(String html, String regex) {
        List<String> found = all(html, regex);
        assertEquals(1, found.size(), regex + " found " + found.size() + " times");
        return found.get(0);
    }

    private static List<String> all(String html, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(html);
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /** The text of markup: tags dropped, entities read. */
    private static String text(String markup) {
        return markup.replaceAll("(?s)<[^>]*>", "").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&amp;", "&").strip();
    }
}
