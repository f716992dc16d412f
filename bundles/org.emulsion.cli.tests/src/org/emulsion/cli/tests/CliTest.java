package org.emulsion.cli.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.emulsion.cli.internal.CliApplication;
import org.emulsion.compose.Luma;
import org.emulsion.media.ImageFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** The command line as a restorer uses it, on the real engine and codecs. */
class CliTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = CliApplication.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void pluginsJsonListsAContributionForEveryExtensionPoint() {
        Run run = cli("plugins", "--json");
        assertEquals(0, run.exit(), run.err());
        var points = JsonParser.parseString(run.out()).getAsJsonObject().getAsJsonArray("extensionPoints");
        assertEquals(List.of("org.emulsion.core.referenceSources", "org.emulsion.core.temporalAligners", "org.emulsion.core.aligners",
                "org.emulsion.engine.modelArchitectures", "org.emulsion.pipeline.restorationTargets", "org.emulsion.core.compositors",
                "org.emulsion.core.workflows", "org.emulsion.cli.commands"), points.asList().stream().map(p -> p.getAsJsonObject().get("extensionPoint").getAsString()).toList());
        for (var p : points) {
            JsonObject point = p.getAsJsonObject();
            assertFalse(point.getAsJsonArray("contributions").isEmpty(), point.get("extensionPoint") + " has no contribution");
            assertTrue(point.getAsJsonArray("rejected").isEmpty(), "rejected: " + point.get("rejected"));
        }
    }

    @Test
    void demoRefusesANonEmptyOutputFolderAndTouchesNothing() throws IOException {
        Path keep = Files.writeString(dir.resolve("keep.txt"), "earlier result");
        Run run = cli("demo", "--out", dir.toString());
        assertEquals(1, run.exit());
        assertOneLineError(run, "not empty");
        assertEquals("earlier result", Files.readString(keep));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void demoRefusesAnUnwritablePath() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertOneLineError(cli("demo", "--out", file.resolve("sub").toString()), "not writable");
        assertOneLineError(cli("demo", "--out", "/proc/emulsion-out"), "not writable");
        assertOneLineError(cli("demo", "--out", file.toString()), "is a file");
    }

    @Test
    void badOptionsAreUsageErrors() {
        Run run = cli("demo", "--out", dir.resolve("o").toString(), "--frames", "many");
        assertEquals(2, run.exit());
        assertOneLineError(run, "--frames takes a whole number");
        assertEquals(2, cli("demo").exit());
        assertEquals(2, cli("frobnicate").exit());
        String out = dir.resolve("r").toString();
        String[] restore = {"restore", "--workflow", "dvd-chroma", "--scan", "s", "--reference", "r", "--out", out};
        run = cli(concat(restore, "--format", "jpeg"));
        assertEquals(2, run.exit());
        assertOneLineError(run, "--format takes one of tiff, dpx, exr, not 'jpeg'");
        run = cli(concat(restore, "--train-minutes", "-3"));
        assertEquals(2, run.exit());
        assertOneLineError(run, "--train-minutes takes a whole number of at least 1, not '-3'");
        run = cli(concat(restore, "--colour", "yes"));
        assertEquals(2, run.exit());
        assertOneLineError(run, "has no option --colour");
        assertEquals(2, cli("restore", "--workflow", "dvd-chroma", "--out", out).exit(), "--scan missing");
        assertFalse(Files.exists(Path.of(out)), "nothing is created on wrong usage");
    }

    private static String[] concat(String[] a, String... b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }

    @Test
    void benchAlignChecksItsOptionsAndKeepsEarlierResults() throws IOException {
        assertOneLineError(cli("bench", "align", "--quick"), "bench align needs --json FILE");
        assertOneLineError(cli("bench", "align", "--json", "x.json", "--html", "h"), "bench align has no option --html");
        Path earlier = Files.writeString(dir.resolve("earlier.json"), "{}");
        assertOneLineError(cli("bench", "align", "--quick", "--json", earlier.toString()), "exists");
        assertEquals("{}", Files.readString(earlier));
    }

    @Test
    void benchClusterChecksItsOptionsAndKeepsEarlierResults() throws IOException {
        assertOneLineError(cli("bench", "cluster", "--frames", "300"), "bench cluster needs --json FILE");
        assertOneLineError(cli("bench", "cluster", "--quick", "--json", "x.json"), "bench cluster has no --quick");
        assertOneLineError(cli("bench", "cluster", "--json", "x.json", "--steps", "5"), "bench cluster has no option --steps");
        Path earlier = Files.writeString(dir.resolve("earlier.json"), "{}");
        assertOneLineError(cli("bench", "cluster", "--json", earlier.toString()), "exists");
        assertEquals("{}", Files.readString(earlier));
    }

    @Test
    void benchEngineChecksItsOptionsAndKeepsEarlierResults() throws IOException {
        assertOneLineError(cli("bench", "engine", "--quick"), "bench engine needs --json FILE");
        assertOneLineError(cli("bench", "engine", "--json", "x.json", "--work", "w"), "bench engine has no option --work");
        Path earlier = Files.writeString(dir.resolve("earlier.json"), "{}");
        assertOneLineError(cli("bench", "engine", "--json", earlier.toString()), "exists");
        assertEquals("{}", Files.readString(earlier));
    }

    @Test
    void doctorSaysWhatDeviceAndThreadsTheEngineUses() {
        Run run = cli("doctor");
        String device = run.out().lines().filter(l -> l.startsWith("Device")).findFirst().orElse("");
        assertTrue(device.contains("cpu()") || device.contains("gpu("), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("CUDA ")), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.matches("Threads +PyTorch intra-op [1-9]\\d*, inter-op [1-9]\\d*; OMP_NUM_THREADS .+; OMP_WAIT_POLICY PASSIVE, GOMP_SPINCOUNT .+")), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("Allocator") && (l.contains("jemalloc (LD_PRELOAD") || l.contains("glibc"))), run.out());
    }

    /** --device and --precision set process-wide properties (the CLI runs in this JVM): none may leak into other tests. */
    @org.junit.jupiter.api.AfterEach
    void noDeviceOrPrecisionOverride() {
        System.clearProperty(org.emulsion.core.EmulsionPreferences.DEVICE_PROPERTY);
        System.clearProperty(org.emulsion.core.EmulsionPreferences.PRECISION_PROPERTY);
    }

    @Test
    void doctorNamesTheLibtorchUsedAndAMissingGpuInOneLine() {
        Run run = cli("doctor", "--device", "gpu");
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("libtorch ") && (l.contains("PYTORCH_LIBRARY_PATH") || l.contains("USED"))),
                run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.contains("bundled CPU natives 2.7.1 (cpu): ")), run.out());
        if (run.out().contains("NOT AVAILABLE: --device gpu: ")) { // a machine without a usable GPU
            assertEquals(1, run.exit(), run.out());
            Run bench = cli("bench", "engine", "--device", "gpu", "--json", dir.resolve("engine.json").toString());
            assertEquals(1, bench.exit());
            assertEquals(1, bench.err().lines().count(), bench.err());
            assertTrue(bench.err().startsWith("emulsion: --device gpu: "), bench.err());
        }
        Run wrong = cli("bench", "engine", "--device", "tpu", "--json", dir.resolve("engine.json").toString());
        assertEquals(2, wrong.exit());
        assertTrue(wrong.err().startsWith("emulsion: --device takes auto, cpu, gpu, not 'tpu'"), wrong.err());
    }

    @Test
    void smallDemoRestoresColourAndKeepsTheScansLuma() throws IOException {
        Path out = dir.resolve("run");
        Run run = cli("demo", "--out", out.toString(), "--frames", "6", "--width", "320", "--height", "192",
                "--train-seconds", "900", "--steps", "300", "--patch", "48"); // bounded by steps: same result under any load
        assertEquals(0, run.exit(), run.err());
        JsonObject report = JsonParser.parseString(Files.readString(out.resolve("report.json"))).getAsJsonObject();
        assertTrue(report.get("complete").getAsBoolean());
        JsonObject all = report.getAsJsonObject("metrics").getAsJsonObject("allFrames");
        double result = all.get("deltaE2000Result").getAsDouble();
        double scan = all.get("deltaE2000Scan").getAsDouble();
        assertTrue(result < scan * 0.7, "ΔE2000 result " + result + " vs scan as is " + scan);
        assertEquals(300, report.getAsJsonObject("training").get("steps").getAsInt());
        assertEquals("http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia",
                report.getAsJsonObject("provenance").get("digitalSourceType").getAsString());
        // The alignment report a restorer checks: every scan frame, and difference images that exist.
        JsonObject alignment = JsonParser.parseString(Files.readString(out.resolve(report.get("alignmentReport").getAsString())))
                .getAsJsonObject();
        assertEquals(6, alignment.getAsJsonArray("frames").size());
        assertEquals(6, alignment.get("aligned").getAsInt());
        int images = 0;
        for (var frame : alignment.getAsJsonArray("frames")) {
            JsonObject f = frame.getAsJsonObject();
            assertTrue(f.get("spatialConfidence").getAsDouble() > 0.5, f.toString());
            if (f.has("differenceImage")) {
                assertTrue(Files.size(out.resolve("alignment").resolve(f.get("differenceImage").getAsString())) > 0);
                images++;
            }
        }
        assertTrue(images > 0, "no difference image");
        // The training run (one model: one shot): contact sheets every 100 steps (300 steps: three) and the final checkpoint.
        Path runFolder = out.resolve(report.getAsJsonObject("training").getAsJsonArray("perModel").get(0).getAsJsonObject()
                .get("runFolder").getAsString());
        try (Stream<Path> sheets = Files.list(runFolder.resolve("contact-sheets"))) {
            assertEquals(3, sheets.count());
        }
        try (Stream<Path> checkpoints = Files.list(runFolder)) {
            assertTrue(checkpoints.anyMatch(p -> p.getFileName().toString().endsWith(".ckpt")));
        }
        assertFalse(report.getAsJsonObject("training").getAsJsonArray("validationCurve").isEmpty());

        List<String> scanNames;
        try (Stream<Path> s = Files.list(out.resolve("sample/scan"))) {
            scanNames = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        List<String> outNames;
        try (Stream<Path> s = Files.list(out.resolve("frames"))) {
            outNames = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(scanNames, outNames, "output frames mirror the scan's names");
        for (String name : scanNames) {
            ImageFiles.Decoded frame = ImageFiles.read(out.resolve("frames").resolve(name));
            assertEquals(16, frame.bitDepth());
            assertArrayEquals(Luma.codes(ImageFiles.read(out.resolve("sample/scan").resolve(name)).image()),
                    Luma.codes(frame.image()), name + ": luma must equal the scan's");
        }
    }

    private static void assertOneLineError(Run run, String text) {
        assertTrue(run.exit() != 0, "exit code");
        String err = run.err().strip();
        assertTrue(err.startsWith("emulsion: ") && err.contains(text), err);
        assertEquals(1, err.lines().count(), "one line: " + err);
    }
}
