package org.emulsion.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Spark application: reads a prepared run's plan ({@code ./emulsion plan}), runs its training
 * units, then its render units, then the finishing unit, each as a Spark task that starts the
 * Emulsion launcher installed on the worker ({@link UnitTask}). The output folder is on a
 * filesystem every worker sees; units are idempotent, so Spark's retries and speculative copies
 * are safe. Writes what ran where, and every failed attempt, to the report file.
 * <p>
 * {@code spark-submit --class org.emulsion.cluster.ClusterRun emulsion-cluster.jar --plan FILE
 * --out DIR --launcher PATH --report FILE}
 */
public final class ClusterRun {
    private ClusterRun() {
    }

    /** Where the units run and how they went. */
    public record Options(Path plan, Path out, String launcher, Path report) {
    }

    public static void main(String[] args) throws IOException {
        Options options = parse(args);
        SparkConf conf = new SparkConf().setAppName("Emulsion " + options.out().getFileName());
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            run(spark, options);
        }
    }

    /** Runs every unit of the plan on {@code spark} and writes the report; fails when a unit fails after Spark's retries. */
    public static ClusterReport run(JavaSparkContext spark, Options options) throws IOException {
        JsonNode plan = new ObjectMapper().readTree(options.plan().toFile());
        List<List<String>> train = new ArrayList<>();
        plan.get("train").forEach(m -> train.add(List.of("train", "--out", options.out().toString(), "--model", m.get("id").asText())));
        List<List<String>> render = new ArrayList<>();
        plan.get("render").forEach(r -> render.add(List.of("render", "--out", options.out().toString(), "--frames", r.asText())));
        ClusterReport report = new ClusterReport(spark.sc().applicationId(), spark.sc().master(), plan.get("unitFrames").asInt());
        spark.sc().addSparkListener(report.listener());
        Map<String, List<List<String>>> phases = new LinkedHashMap<>();
        phases.put("train", train);
        phases.put("render", render);
        phases.put("finish", List.of(List.of("finish", "--out", options.out().toString())));
        String launcher = options.launcher();
        for (Map.Entry<String, List<List<String>>> phase : phases.entrySet()) {
            if (phase.getValue().isEmpty()) {
                continue;
            }
            spark.setJobDescription("Emulsion " + phase.getKey() + ": " + phase.getValue().size() + " unit(s)");
            long start = System.nanoTime();
            List<UnitTask.Result> results = spark.parallelize(phase.getValue(), phase.getValue().size())
                    .map(unit -> UnitTask.run(launcher, unit)).collect();
            report.phase(phase.getKey(), results, (System.nanoTime() - start) / 1e9);
        }
        report.write(options.report());
        return report;
    }

    private static Options parse(String[] args) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                usage("expected --OPTION VALUE, got '" + args[i] + "'");
            }
            map.put(args[i].substring(2), args[i + 1]);
        }
        for (String required : List.of("plan", "out", "launcher", "report")) {
            if (!map.containsKey(required) || args.length % 2 != 0) {
                usage("needs --" + required);
            }
        }
        Path plan = Path.of(map.get("plan")).toAbsolutePath();
        if (!Files.isRegularFile(plan)) {
            usage(plan + " does not exist; write it with ./emulsion plan --out DIR");
        }
        return new Options(plan, Path.of(map.get("out")).toAbsolutePath(), map.get("launcher"), Path.of(map.get("report")).toAbsolutePath());
    }

    private static void usage(String problem) {
        System.err.println("emulsion-cluster: " + problem
                + "; usage: --plan DIR/plan.json --out DIR --launcher PATH-ON-WORKERS --report FILE");
        System.exit(2);
    }
}
