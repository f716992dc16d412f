package org.emulsion.bench.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.emulsion.bench.AlignmentBenchmark;
import org.emulsion.bench.EngineBenchmark;
import org.emulsion.bench.QualityBenchmark;
import org.emulsion.bench.RestoreBenchmark;
import org.emulsion.cli.Command;
import org.emulsion.cli.CommandLine;
import org.emulsion.cli.TerminalProgress;
import org.emulsion.cli.UsageException;
import org.emulsion.core.EmulsionException;
import org.emulsion.engine.Djl;
import org.emulsion.simulator.MultiPrintCase;

/** {@code ./emulsion bench quality|align|restore|engine|cluster}: the benchmarks' words, contributed to the command line. */
public final class BenchCommand implements Command {

    @Override
    public String usage() {
        return """
                  bench quality [--quick] --json FILE --html DIR [--work DIR] [--case NAME,...] [--steps N]
                                              simulated films with known truth, restored by every
                                              method; prints a table, writes JSON and an HTML report;
                                              --case runs only the named cases, --steps caps training
                                              (a model independent of load, to compare settings)
                  bench align [--quick] --json FILE [--work DIR]
                                              simulated scans against DVD, telecine and print
                                              references: temporal and spatial alignment against
                                              the truth; prints a table, writes JSON
                  bench restore [--workflow dvd-chroma|multiprint] [--prints 2|3] [--frames N] [--train-minutes N]
                                [--size WxH] [--steps N] --json FILE [--work DIR]
                                              a simulated faded scan (720x576, 300 frames by default;
                                              e.g. --size 4400x3300 --frames 8 for an archive scan)
                                              and its PAL DVD restored with dvd-chroma end to end;
                                              --workflow multiprint: --prints prints of one film (3
                                              by default, each with its own damage, density and
                                              splices; 200 frames by default) restored with
                                              multiprint (P9's case, <= 20 min with the defaults);
                                              prints and writes stage times, in all and per frame
                                              (the simulation timed apart)
                  bench engine [--quick] [--preset small|medium|large] [--soak-minutes N] --json FILE
                                              training patches/s (and their share of what the
                                              run's matmul GFLOP/s allows), whether training
                                              repeats bit for bit, inference ms per frame
                                              from 1080p to 4400x3300 (in the inference precision's
                                              type), peak memory (medians); --soak-minutes: a long
                                              training run's resident memory; prints a table, writes JSON
                  bench cluster [--frames N] [--unit-frames N] [--size WxH] --json FILE [--work DIR]
                                              a simulated run (300 frames at 720x576 by default)
                                              rendered on a local Spark cluster of 1 and of 2
                                              one-core workers: speed-up, unit-seconds per
                                              wall-second, a unit's launch and its share of a
                                              unit (at --unit-frames, by default half the
                                              frames, and at the plan's default unit size)
                """;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws EmulsionException {
        if (args.isEmpty() || !List.of("quality", "align", "engine", "restore", "cluster").contains(args.get(0))) {
            throw new UsageException("bench needs a benchmark name: quality, align, engine, restore or cluster");
        }
        String name = args.get(0);
        Djl.checkDevice(); // a GPU asked for and missing: one line before any work
        List<String> rest = new ArrayList<>(args.subList(1, args.size()));
        boolean quick = rest.remove("--quick");
        if (quick && (name.equals("restore") || name.equals("cluster"))) {
            throw new UsageException("bench " + name + " has no --quick; give a smaller --frames");
        }
        Map<String, String> options = CommandLine.options(rest);
        List<String> allowed = switch (name) {
            case "quality" -> List.of("json", "html", "work", "case", "steps");
            case "align" -> List.of("json", "work");
            case "restore" -> List.of("json", "work", "frames", "train-minutes", "size", "steps", "workflow", "prints");
            case "cluster" -> List.of("json", "work", "frames", "unit-frames", "size");
            default -> List.of("json", "preset", "soak-minutes");
        };
        for (String option : options.keySet()) {
            if (!allowed.contains(option)) {
                throw new UsageException("bench " + name + " has no option --" + option);
            }
        }
        if (!options.containsKey("json") || (name.equals("quality") && !options.containsKey("html"))) {
            throw new UsageException(name.equals("quality") ? "bench quality needs --json FILE and --html DIR"
                    : "bench " + name + " needs --json FILE");
        }
        Path work = options.containsKey("work") ? Path.of(options.get("work")) : null;
        TerminalProgress progress = new TerminalProgress(err);
        if (name.equals("engine")) {
            int soak = options.containsKey("soak-minutes") ? CommandLine.intOption(options, "soak-minutes", 0) : 0;
            EngineBenchmark.run(new EngineBenchmark.Options(quick, Path.of(options.get("json")), EngineBenchmark.Sizes.standard(),
                    options.getOrDefault("preset", "small"), soak), out, progress);
            progress.done();
            out.println("Results: " + options.get("json"));
            return OK;
        }
        if (name.equals("cluster")) {
            int[] size = size(options.getOrDefault("size", RestoreBenchmark.WIDTH + "x" + RestoreBenchmark.HEIGHT));
            ClusterBenchmark.run(new ClusterBenchmark.Options(CommandLine.intOption(options, "frames", 300),
                    options.containsKey("unit-frames") ? CommandLine.intOption(options, "unit-frames", 1) : 0,
                    size[0] + "x" + size[1], Path.of(options.get("json")), work), out);
            return OK;
        }
        if (name.equals("restore")) {
            int[] size = size(options.getOrDefault("size", RestoreBenchmark.WIDTH + "x" + RestoreBenchmark.HEIGHT));
            RestoreWorkload workload = RestoreWorkload.of(options.getOrDefault("workflow", RestoreBenchmark.WORKFLOW));
            if (workload == null) {
                throw new UsageException("bench restore times dvd-chroma or multiprint, not '" + options.get("workflow") + "'");
            }
            if (options.containsKey("prints") && !workload.takesPrints()) {
                throw new UsageException("bench restore --prints is for --workflow multiprint");
            }
            int prints = workload.takesPrints() ? CommandLine.intOption(options, "prints", RestoreBenchmark.P9_PRINTS) : 0;
            if (workload.takesPrints() && (prints < 2 || prints > MultiPrintCase.MAX_PRINTS)) {
                throw new UsageException("--prints takes 2 or " + MultiPrintCase.MAX_PRINTS + ", not " + prints);
            }
            int frames = CommandLine.intOption(options, "frames", workload.takesPrints() ? RestoreBenchmark.P9_FRAMES : 300);
            RestoreBenchmark.run(new RestoreBenchmark.Options(frames, CommandLine.intOption(options, "train-minutes", 10),
                    Path.of(options.get("json")), work, size[0], size[1],
                    options.containsKey("steps") ? CommandLine.intOption(options, "steps", 0) : 0, workload, prints), out, progress);
            progress.done();
            out.println("Results: " + options.get("json"));
            return OK;
        }
        if (name.equals("align")) {
            AlignmentBenchmark.run(new AlignmentBenchmark.Options(quick, Path.of(options.get("json")), work), out, progress);
            progress.done();
            out.println("Results: " + options.get("json"));
            return OK;
        }
        List<String> cases = options.containsKey("case") ? List.of(options.get("case").split(",")) : List.of();
        QualityBenchmark.run(new QualityBenchmark.Options(quick, Path.of(options.get("json")), Path.of(options.get("html")), work,
                cases, options.containsKey("steps") ? CommandLine.intOption(options, "steps", 1) : 0), out, progress);
        progress.done();
        out.println("Results: " + options.get("json") + ", report: " + Path.of(options.get("html"), "index.html"));
        return OK;
    }

    /** {@code WIDTHxHEIGHT}, each at least 64. */
    private static int[] size(String value) {
        String[] parts = value.split("x");
        try {
            int[] size = {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
            if (parts.length != 2 || size[0] < 64 || size[1] < 64) {
                throw new NumberFormatException();
            }
            return size;
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new UsageException("--size takes WIDTHxHEIGHT, each at least 64 (e.g. 4400x3300), not '" + value + "'");
        }
    }
}
