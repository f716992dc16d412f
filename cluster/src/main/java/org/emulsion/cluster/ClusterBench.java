package org.emulsion.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The cluster benchmark: a simulated run (the demo workflow's sample, 300 frames at 720×576 by
 * default) prepared, planned and trained by the product, then its render units run on a local
 * standalone cluster of 1 and of 2 one-core workers; prints and writes the render phase's wall
 * time, the sum of the units' times (their ratio: how much the workers overlapped), the speed-up,
 * and the launch cost of a unit (a render of a finished frame: start, open, load the models) as a
 * share of a unit.
 * <p>
 * Started by {@code ./emulsion bench cluster} (the driver's class path and JVM openings are written
 * by this module's build to {@code target/driver/}): {@code --launcher ./emulsion --work DIR --json FILE
 * [--frames 300] [--size 720x576] [--unit-frames 150] [--default-unit-frames 250]}.
 * <p>
 * The launch share is measured at the run's unit size and projected to the plan's default one
 * from the same two measurements: a unit takes its launch plus its frames at the per-frame time
 * the one-worker render showed once the launches are taken out.
 */
public final class ClusterBench {
    private ClusterBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>(Map.of("frames", "300", "size", "720x576", "unit-frames", "150",
                "default-unit-frames", "250"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        for (String required : List.of("launcher", "work", "json")) {
            if (!o.containsKey(required)) {
                System.err.println("cluster bench: needs --" + required);
                System.exit(2);
            }
        }
        String launcher = o.get("launcher");
        Path work = Files.createDirectories(Path.of(o.get("work")).toAbsolutePath());
        Path out = work.resolve("run");
        String[] size = o.get("size").split("x");
        if (!Files.isRegularFile(out.resolve("plan.json"))) {
            emulsion(launcher, work, "restore", "--workflow", "demo-chroma", "--out", out.toString(), "--frames", o.get("frames"),
                    "--width", size[0], "--height", size[1], "--steps", "20", "--prepare-only");
            emulsion(launcher, work, "plan", "--out", out.toString(), "--unit-frames", o.get("unit-frames"));
            emulsion(launcher, work, "train", "--out", out.toString(), "--model", "sequence");
        }
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode json = mapper.createObjectNode();
        json.put("frames", Integer.parseInt(o.get("frames")));
        json.put("size", o.get("size"));
        json.put("unitFrames", Integer.parseInt(o.get("unit-frames")));
        json.put("cores", Runtime.getRuntime().availableProcessors());
        Map<Integer, Double> wall = new LinkedHashMap<>();
        for (int workers : List.of(1, 2)) {
            deleteFrames(out);
            Path report = work.resolve("cluster-" + workers + ".json");
            try (LocalSparkCluster spark = new LocalSparkCluster(work.resolve("spark-" + workers), workers, Map.of());
                    JavaSparkContext context = driver(spark, work, workers)) {
                ClusterRun.run(context, new ClusterRun.Options(out.resolve("plan.json"), out, launcher, report));
            }
            ObjectNode render = (ObjectNode) mapper.readTree(report.toFile()).get("phases").get("render");
            ObjectNode w = json.putObject(workers + "worker" + (workers > 1 ? "s" : ""));
            w.put("renderWallSeconds", render.get("wallSeconds").asDouble());
            w.put("renderUnitSeconds", render.get("unitSeconds").asDouble());
            w.put("unitSecondsPerWallSecond", render.get("unitSeconds").asDouble() / render.get("wallSeconds").asDouble());
            wall.put(workers, render.get("wallSeconds").asDouble());
        }
        json.put("speedUp", wall.get(1) / wall.get(2));
        long start = System.nanoTime();
        emulsion(launcher, work, "render", "--out", out.toString(), "--frames", "0-0"); // finished: only the launch
        double launch = (System.nanoTime() - start) / 1e9;
        int frames = Integer.parseInt(o.get("frames"));
        int unitFrames = Integer.parseInt(o.get("unit-frames"));
        int defaultUnitFrames = Integer.parseInt(o.get("default-unit-frames"));
        int units = (frames + unitFrames - 1) / unitFrames;
        double unit = wall.get(1) * unitFrames / frames;
        double perFrame = Math.max(0, wall.get(1) - units * launch) / frames;
        json.put("launchSeconds", launch);
        json.put("renderSecondsPerFrame", perFrame);
        json.put("launchPerFrameSeconds", launch / unitFrames);
        json.put("launchShareOfUnit", launch / unit);
        json.put("defaultUnitFrames", defaultUnitFrames);
        json.put("launchShareOfDefaultUnit", launch / (launch + defaultUnitFrames * perFrame));
        String text = mapper.writeValueAsString(json);
        Files.writeString(Path.of(o.get("json")), text + "\n");
        System.out.println(text);
    }

    private static JavaSparkContext driver(LocalSparkCluster spark, Path work, int workers) throws InterruptedException {
        SparkConf conf = new SparkConf().setMaster(spark.url()).setAppName("emulsion-cluster-bench")
                .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.executor.memory", "512m").set("spark.executor.cores", "1").set("spark.ui.enabled", "false")
                .set("spark.local.dir", work.resolve("spark-local").toString())
                .set("spark.executor.extraClassPath", ClusterBench.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        JavaSparkContext context = new JavaSparkContext(conf);
        context.setLogLevel("WARN"); // the benchmark prints its own figures; Spark's task chatter would bury them
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (context.sc().getExecutorMemoryStatus().size() < workers + 1 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        return context;
    }

    private static void deleteFrames(Path out) throws IOException {
        Path frames = out.resolve("frames");
        if (Files.isDirectory(frames)) {
            try (Stream<Path> files = Files.walk(frames)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
    }

    private static void emulsion(String launcher, Path work, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(launcher));
        command.addAll(List.of(args));
        int exit = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("emulsion.log").toFile())).start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + exit + "; see " + work.resolve("emulsion.log"));
        }
    }
}
