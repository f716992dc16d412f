package org.emulsion.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.Raster;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A prepared run rendered on a real Spark standalone cluster on this machine (a master and two
 * workers from the Maven jars), each unit run by the headless product built by the reactor:
 * the same pixels as a local run of the units; and a worker killed mid-render still leaves every
 * frame exactly once, its lost units retried on the other worker and listed in the report.
 */
class ClusterRunTest {
    private static final Path ROOT = Path.of(System.getProperty("emulsion.root", "..")).toAbsolutePath().normalize();
    private static final Path PRODUCT = ROOT.resolve("releng/org.emulsion.product/target/products/org.emulsion.headless/linux/gtk/x86_64");
    private static final Path LAUNCHER = ROOT.resolve("emulsion");
    private static final int FRAMES = 12;

    @TempDir
    Path dir;

    @Test
    void aClusterRendersThePixelsOfALocalRun() throws Exception {
        Path cluster = prepare("cluster", 4);
        Path local = prepare("local", 4);
        // Spark gives each unit as many math threads as its executor has cores (OMP_NUM_THREADS); the
        // float sums of training and inference are bit-exact for a given thread count, so the local run uses the same
        Map<String, String> oneThread = Map.of("OMP_NUM_THREADS", "1");
        emulsion(oneThread, "train", "--out", local.toString(), "--model", "sequence");
        emulsion(oneThread, "render", "--out", local.toString(), "--frames", "0-" + (FRAMES - 1));

        // every unit opens the demo's material as prepared, never simulating it again beside another unit reading it
        Path sample = cluster.resolve("sample/sample.json");
        FileTime made = Files.getLastModifiedTime(sample);
        ClusterReport report;
        try (LocalSparkCluster spark = new LocalSparkCluster(dir.resolve("spark"), 2, environment());
                JavaSparkContext context = driver(spark)) {
            report = ClusterRun.run(context, options(cluster));
        }
        assertEquals(made, Files.getLastModifiedTime(sample), "a unit made the sample again");
        assertEquals(pixels(local.resolve("frames")), pixels(cluster.resolve("frames")));
        JsonNode json = new ObjectMapper().readTree(dir.resolve("cluster-report.json").toFile());
        assertEquals(1 + 3 + 1, json.get("units").size(), json.toString());
        assertEquals(3, json.get("phases").get("render").get("units").asInt());
        assertTrue(Files.isRegularFile(cluster.resolve("report.json")), "the finishing unit ran");
        assertTrue(report.failures().isEmpty(), report.failures().toString());
    }

    @Test
    void aWorkerLostMidRenderStillGivesEveryFrameOnceAndTheRetryIsReported() throws Exception {
        Path out = prepare("lost", 3);
        ClusterReport report;
        try (LocalSparkCluster spark = new LocalSparkCluster(dir.resolve("spark"), 2, environment());
                JavaSparkContext context = driver(spark)) {
            CompletableFuture<ClusterReport> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return ClusterRun.run(context, options(out));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            // kill a worker while both run render units: once the first frame of the render phase is on disk
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (count(out.resolve("frames")) == 0 && System.nanoTime() < deadline && !run.isDone()) {
                Thread.sleep(200);
            }
            assertFalse(run.isDone(), "the run ended before a worker could be lost");
            spark.kill(0);
            report = run.get(10, TimeUnit.MINUTES);
        }
        try (Stream<Path> files = Files.list(out.resolve("frames"))) {
            List<String> names = files.map(f -> f.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
            assertEquals(FRAMES, names.size(), names.toString());
            assertEquals(FRAMES, names.stream().distinct().count());
        }
        assertFalse(report.failures().isEmpty(), "no failed attempt reported");
        JsonNode failed = new ObjectMapper().readTree(dir.resolve("cluster-report.json").toFile()).get("failedAttempts");
        assertTrue(failed.size() > 0 && failed.get(0).get("reason").asText().length() > 0, failed.toString());
    }

    /** A small demo run prepared by the product, its plan cut into render units of {@code unitFrames}. */
    private Path prepare(String name, int unitFrames) throws IOException, InterruptedException {
        Path out = dir.resolve(name);
        emulsion("restore", "--workflow", "demo-chroma", "--out", out.toString(), "--frames", Integer.toString(FRAMES), "--width", "128",
                "--height", "96", "--steps", "20", "--prepare-only");
        emulsion("plan", "--out", out.toString(), "--unit-frames", Integer.toString(unitFrames));
        return out;
    }

    private ClusterRun.Options options(Path out) {
        return new ClusterRun.Options(out.resolve("plan.json"), out, LAUNCHER.toString(), dir.resolve("cluster-report.json"));
    }

    /** The product and its JDK, as every worker of a farm has them. */
    private static Map<String, String> environment() {
        return Map.of("EMULSION_PRODUCT", PRODUCT.toString(), "JAVA_HOME", System.getProperty("java.home"), "EMULSION_JAVA_OPTS", "-Xmx1g");
    }

    private JavaSparkContext driver(LocalSparkCluster spark) throws InterruptedException {
        SparkConf conf = new SparkConf().setMaster(spark.url()).setAppName("emulsion-cluster-test")
                .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.executor.memory", "512m").set("spark.executor.cores", "1").set("spark.task.maxFailures", "4")
                .set("spark.ui.enabled", "false").set("spark.local.dir", dir.resolve("spark-local").toString())
                .set("spark.executor.extraClassPath", Path.of("target/classes").toAbsolutePath().toString());
        JavaSparkContext context = new JavaSparkContext(conf);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (context.sc().getExecutorMemoryStatus().size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(200); // both executors up before the first unit, so that units spread over them
        }
        return context;
    }

    private void emulsion(String... args) throws IOException, InterruptedException {
        emulsion(Map.of(), args);
    }

    private void emulsion(Map<String, String> more, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("emulsion.log").toFile()));
        builder.environment().putAll(environment());
        builder.environment().putAll(more);
        assertEquals(0, builder.start().waitFor(), String.join(" ", command) + "; see " + dir.resolve("emulsion.log"));
    }

    private static long count(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> !f.getFileName().toString().startsWith(".")).count();
        }
    }

    /** SHA-256 of each frame's decoded 16-bit samples, by file name (the headers carry each frame's date). */
    private static Map<String, String> pixels(Path frames) throws IOException, NoSuchAlgorithmException {
        Map<String, String> sums = new TreeMap<>();
        try (Stream<Path> files = Files.list(frames)) {
            for (Path f : files.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList()) {
                Raster raster = ImageIO.read(f.toFile()).getData();
                int[] samples = raster.getPixels(0, 0, raster.getWidth(), raster.getHeight(), (int[]) null);
                ByteBuffer bytes = ByteBuffer.allocate(samples.length * Integer.BYTES);
                bytes.asIntBuffer().put(samples);
                sums.put(f.getFileName().toString(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.array())));
            }
        }
        assertEquals(FRAMES, sums.size());
        return sums;
    }
}
