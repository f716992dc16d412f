package org.emulsion.cli.internal;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.emulsion.cli.CommandLine;
import org.emulsion.cli.TerminalProgress;
import org.emulsion.cli.UsageException;
import org.emulsion.core.EmulsionException;
import org.emulsion.pipeline.RunLayout;
import org.emulsion.pipeline.RunUnits;

/**
 * {@code cluster --master URL --out DIR}: plans the prepared run when it has no plan yet and
 * prints the {@code spark-submit} line that runs its units on an Apache Spark cluster (the
 * {@code cluster/} module's application), for the facility's Spark installation to run.
 */
final class ClusterCommand {
    static final String USAGE = """
              cluster --master URL --out DIR [--launcher PATH] [--jar PATH] [--executor-cores N]
                                          plan the prepared run DIR (if not planned yet) and print
                                          the spark-submit line that runs its units on a Spark
                                          cluster (spark://HOST:7077, yarn, k8s://...); DIR and
                                          --launcher (this launcher by default) must be the same
                                          paths on every worker
            """;

    private ClusterCommand() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) throws EmulsionException {
        java.util.Map<String, String> options = CommandLine.options(args);
        for (String name : options.keySet()) {
            if (!List.of("master", "out", "launcher", "jar", "executor-cores").contains(name)) {
                throw new UsageException("cluster has no option --" + name);
            }
        }
        if (!options.containsKey("master") || !options.containsKey("out")) {
            throw new UsageException("cluster needs --master URL and --out DIR (a prepared run)");
        }
        RunLayout layout = new RunLayout(Path.of(options.get("out")).toAbsolutePath().normalize());
        if (!Files.isRegularFile(layout.plan())) {
            TerminalProgress progress = new TerminalProgress(err);
            RunUnits.plan(layout.root(), RunUnits.DEFAULT_UNIT_FRAMES, progress);
            progress.done();
        }
        String launcher = options.getOrDefault("launcher", System.getenv().getOrDefault("EMULSION_LAUNCHER", "emulsion"));
        String cores = options.getOrDefault("executor-cores", "4");
        List<String> line = new ArrayList<>(List.of("spark-submit", "--master", options.get("master"),
                "--class", "org.emulsion.cluster.ClusterRun",
                // one unit per executor at a time; the unit's engine uses every core Spark gives it (OMP_NUM_THREADS)
                "--executor-cores", cores, "--conf", "spark.task.cpus=" + cores,
                "--conf", "spark.task.maxFailures=4", "--conf", "spark.speculation=true",
                options.getOrDefault("jar", "emulsion-cluster.jar"),
                "--plan", layout.plan().toString(), "--out", layout.root().toString(), "--launcher", launcher,
                "--report", layout.clusterReport().toString()));
        out.println(String.join(" ", line));
        return CliApplication.OK;
    }
}
