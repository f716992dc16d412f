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
import org.emulsion.bench.EngineBenchmark;
import org.emulsion.bench.EngineBenchmark.Frame;
import org.emulsion.bench.EngineBenchmark.Sizes;
import org.emulsion.core.EmulsionException;
import org.emulsion.engine.ModelTrainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;

/** The quick engine benchmark end to end on tiny sizes, through the real engine: sane figures in strict JSON. */
class EngineBenchmarkTest {
    private static final Sizes TINY = new Sizes(List.of(16, 32), 2, List.of(new Frame(64, 48), new Frame(100, 60)), 64);

    @TempDir
    Path dir;

    @Test
    void quickRunOnTinySizesWritesPositiveFiniteFigures() throws EmulsionException, IOException {
        Path json = dir.resolve("sub/engine.json");
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        EngineBenchmark.run(new EngineBenchmark.Options(true, json, TINY), new PrintStream(table, true, StandardCharsets.UTF_8),
                new NullProgressMonitor());
        JsonObject root = parseStrictly(Files.readString(json)).getAsJsonObject();

        assertPositiveSeries(root.getAsJsonObject("matmul").getAsJsonObject("gflops"), 2);
        JsonObject training = root.getAsJsonObject("training");
        assertEquals(List.of("16x16x2", "32x32x2"), List.copyOf(training.keySet()));
        // the quick mode's 3 steps are timed after those in which a CPU run chooses its thread count
        int probe = ModelTrainer.threadProbeSteps();
        for (String key : training.keySet()) {
            JsonObject t = training.getAsJsonObject(key);
            assertPositiveSeries(t.getAsJsonObject("patchesPerSecond"), 2);
            assertPositiveSeries(t.getAsJsonObject("patchesPerSecondWithSetup"), 2);
            String timing = t.get("timing").getAsString();
            assertTrue(timing.startsWith("steps " + (Math.max(1, probe) + 1) + " to " + (probe + 3)), timing);
            assertEquals(probe + 3, t.get("stepsPerRun").getAsInt());
            assertPositive(t.get("msPerStepMedian").getAsDouble(), key + " ms per step");
            assertEquals(2, t.getAsJsonArray("threadsChosen").size(), "one entry per run");
            for (JsonElement run : t.getAsJsonArray("threadsChosen")) {
                // each run's choice with the median step time of every layout it timed; nothing to choose on one thread
                assertEquals(probe > 0, run.getAsJsonObject().has("layout"), run.toString());
                if (probe > 0) {
                    assertTrue(run.getAsJsonObject().getAsJsonObject("msPerStep").size() >= 2, run.toString());
                }
            }
        }
        assertTrue(table.toString(StandardCharsets.UTF_8).contains("threads chosen"), table.toString(StandardCharsets.UTF_8));
        // the same steps twice in one fixed layout: the test JVMs run with oneDNN capped (root pom.xml), so they must agree bit for bit
        JsonObject repeatable = root.getAsJsonObject("trainingRepeatable");
        assertEquals(50, repeatable.get("steps").getAsInt());
        assertEquals(16 * 16 * 4 * 4 * 2, repeatable.get("samplesCompared").getAsInt(), "a 64x64 input, Cb and Cr");
        assertTrue(repeatable.get("identical").getAsBoolean(), repeatable.toString());
        assertTrue(table.toString(StandardCharsets.UTF_8).contains("training twice alike (50 steps, "), table.toString(StandardCharsets.UTF_8));
        JsonObject inference = root.getAsJsonObject("inference");
        assertEquals(List.of("64x48", "100x60"), List.copyOf(inference.keySet()));
        for (String key : inference.keySet()) {
            JsonObject f = inference.getAsJsonObject(key);
            assertFalse(f.has("error"), key + ": " + f.get("error"));
            assertPositiveSeries(f.getAsJsonObject("msPerFrame"), 2);
            long peak = f.get("peakResidentBytes").getAsLong();
            assertTrue(peak > 0 && peak >= f.get("residentBytesAfter").getAsLong(), key + ": peak " + peak + " below the resident memory read with it");
        }

        JsonObject run = root.getAsJsonObject("run");
        assertEquals("quick", run.get("mode").getAsString());
        assertEquals(EngineBenchmark.ARCHITECTURE, run.get("architecture").getAsString());
        assertEquals(3, run.getAsJsonArray("loadAverageBefore").size());
        assertEquals(3, run.getAsJsonArray("loadAverageAfter").size());
        JsonObject env = run.getAsJsonObject("environment");
        assertFalse(env.get("device").getAsString().isBlank());
        assertTrue(env.get("intraOpThreads").getAsInt() >= 1 && env.get("interOpThreads").getAsInt() >= 1);
        assertTrue(env.has("jemalloc") && env.has("OMP_NUM_THREADS"));
        assertTrue(env.get("ompWait").getAsString().startsWith("OMP_WAIT_POLICY PASSIVE, GOMP_SPINCOUNT "), env.get("ompWait").getAsString());

        String printed = table.toString(StandardCharsets.UTF_8);
        System.out.println(printed);
        for (String row : List.of("DJL matmul 64", "training 16x16x2", "training 32x32x2", "inference 64x48", "inference 100x60", "peak RSS 100x60")) {
            assertTrue(printed.contains(row), "table lacks " + row + ":\n" + printed);
        }
    }

    @Test
    void refusesToOverwriteEarlierResults() throws IOException {
        Path json = Files.writeString(dir.resolve("earlier.json"), "{}");
        EmulsionException e = assertThrows(EmulsionException.class, () -> EngineBenchmark.run(
                new EngineBenchmark.Options(true, json, TINY), System.out, new NullProgressMonitor()));
        assertTrue(e.getMessage().contains("earlier.json"), e.getMessage());
        assertEquals("{}", Files.readString(json));
    }

    private static void assertPositiveSeries(JsonObject series, int runs) {
        assertEquals(runs, series.getAsJsonArray("runs").size());
        for (JsonElement v : series.getAsJsonArray("runs")) {
            assertPositive(v.getAsDouble(), "run");
        }
        assertPositive(series.get("median").getAsDouble(), "median");
        assertTrue(series.get("min").getAsDouble() <= series.get("median").getAsDouble()
                && series.get("median").getAsDouble() <= series.get("max").getAsDouble(), series.toString());
    }

    private static void assertPositive(double v, String what) {
        assertTrue(v > 0 && Double.isFinite(v), what + " = " + v);
    }

    private static JsonElement parseStrictly(String json) throws IOException {
        try (JsonReader strict = new JsonReader(new StringReader(json))) {
            strict.setStrictness(Strictness.STRICT);
            return JsonParser.parseReader(strict);
        }
    }
}
