package org.emulsion.cli.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.emulsion.bench.AlignmentBenchmark;
import org.emulsion.bench.EngineBenchmark;
import org.emulsion.bench.QualityBenchmark;
import org.emulsion.bench.RestoreBenchmark;
import org.emulsion.cli.internal.CliApplication.UsageException;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.extensions.WorkflowContribution;
import org.emulsion.core.extensions.WorkflowOption;
import org.emulsion.core.extensions.WorkflowRegistry;
import org.emulsion.core.extensions.WorkflowResult;
import org.emulsion.engine.Djl;
import org.emulsion.pipeline.WorkflowLauncher;

/** The command words and their arguments. */
final class Commands {
    static final String DEMO_WORKFLOW = "demo-chroma";

    private Commands() {
    }

    static String usage() {
        StringBuilder s = new StringBuilder("""
                Emulsion: per-film, reference-guided film restoration.

                Usage: ./emulsion COMMAND [options]

                  plugins [--json]            list every contribution per extension point, with its bundle
                  doctor                      check the JDK, the libtorch used and why others are not,
                                              the ML engine and device, native caches, disk
                  demo --out DIR [options]    the demo: generate a faded sample and restore its colour
                                              (same as: run demo-chroma --out DIR)
                  restore --workflow dvd-chroma|telecine-chroma|print-luma --scan PATH --reference PATH --out DIR
                          [--train-minutes N] [--granularity auto|sequence|scene|shot] [--format tiff|dpx|exr]
                          [--prepare-only]
                                              restore a scan from a reference of the same film (colour
                                              from a DVD or telecine, damaged luma from a print; --masks
                                              DIR for print-luma): --scan a folder of frames or a video file,
                                              --reference a VIDEO_TS folder, a video file or a folder of
                                              frames; writes DIR/frames/ (the scan's frame names),
                                              DIR/baseline/ (3D-LUT match grade), DIR/report.html,
                                              DIR/report.json, DIR/provenance.json; --prepare-only stops
                                              after alignment and pair curation (DIR/alignment/,
                                              DIR/pairs.json to review), the same command without it
                                              then resumes there
                """ + UnitCommands.USAGE + ClusterCommand.USAGE + """
                  run WORKFLOW --out DIR [--OPTION VALUE ...]
                                              run an installed workflow
                  bench quality [--quick] --json FILE --html DIR [--work DIR] [--case NAME,...] [--steps N]
                                              simulated films with known truth, restored by every
                                              method; prints a table, writes JSON and an HTML report;
                                              --case runs only the named cases, --steps caps training
                                              (a model independent of load, to compare settings)
                  bench align [--quick] --json FILE [--work DIR]
                                              simulated scans against DVD, telecine and print
                                              references: temporal and spatial alignment against
                                              the truth; prints a table, writes JSON
                  bench restore [--frames N] [--train-minutes N] [--size WxH] [--steps N] --json FILE [--work DIR]
                                              a simulated faded scan (720x576, 300 frames by default;
                                              e.g. --size 4400x3300 --frames 8 for an archive scan)
                                              and its PAL DVD restored with dvd-chroma end to end;
                                              prints and writes stage times, in all and per frame
                  bench engine [--quick] [--preset small|medium|large] [--soak-minutes N] --json FILE
                                              training patches/s (and their share of what the
                                              run's matmul GFLOP/s allows), inference ms per frame
                                              from 1080p to 4400x3300 (in the inference precision's
                                              type), peak memory (medians); --soak-minutes: a long
                                              training run's resident memory; prints a table, writes JSON
                  help                        this text

                Options of demo, restore, run, bench and doctor:
                  --device auto|cpu|gpu       where training and inference run (default: the preference,
                                              auto: a GPU when a CUDA libtorch and a GPU are found)
                  --precision fp32|bf16|fp16  the number format of inference (default fp32; bf16 uses
                                              AVX-512 BF16 CPUs and CUDA GPUs, the output stays float)

                Workflows and their options:
                """);
        for (WorkflowContribution w : WorkflowRegistry.get().all()) {
            s.append("  ").append(w.id()).append(" - ").append(w.name()).append('\n');
            for (WorkflowOption o : w.options()) {
                s.append(String.format("      --%-16s %s%s%n", o.name() + " " + o.type().toUpperCase(java.util.Locale.ROOT),
                        o.description(), o.required() ? " (required)" : " (default " + o.defaultValue() + ")"));
            }
        }
        return s.toString();
    }

    static int run(String command, List<String> words, PrintStream out, PrintStream err) throws EmulsionException {
        List<String> args = GlobalOptions.apply(command, words);
        return switch (command) {
            case "plugins" -> PluginsCommand.run(flags(args, List.of("--json")).containsKey("json"), out);
            case "doctor" -> {
                flags(args, List.of());
                yield DoctorCommand.run(out);
            }
            case "demo" -> runWorkflow(DEMO_WORKFLOW, args, out, err);
            case "restore" -> restore(args, out, err);
            case "bench" -> bench(args, out, err);
            case "plan", "train", "render", "finish" -> UnitCommands.run(command, args, out, err);
            case "cluster" -> ClusterCommand.run(args, out, err);
            case "run" -> {
                if (args.isEmpty() || args.get(0).startsWith("--")) {
                    throw new UsageException("run needs a workflow id, one of " + WorkflowRegistry.get().all().stream().map(WorkflowContribution::id).toList());
                }
                yield runWorkflow(args.get(0), args.subList(1, args.size()), out, err);
            }
            default -> throw new UsageException("unknown command '" + command + "'");
        };
    }

    /** {@code restore --workflow ID ...}: a workflow run whose id is an option, the form batch scripts use. */
    private static int restore(List<String> args, PrintStream out, PrintStream err) throws EmulsionException {
        List<String> rest = new java.util.ArrayList<>(args);
        boolean prepareOnly = rest.remove("--prepare-only");
        Map<String, String> options = new LinkedHashMap<>(options(rest));
        String id = options.remove("workflow");
        if (id == null || id.isBlank()) {
            throw new UsageException("restore needs --workflow ID, one of " + WorkflowRegistry.get().all().stream()
                    .filter(w -> w.options().stream().anyMatch(o -> o.name().equals("reference"))).map(WorkflowContribution::id).toList());
        }
        return launch(id, options, prepareOnly, out, err);
    }

    private static int runWorkflow(String id, List<String> args, PrintStream out, PrintStream err) throws EmulsionException {
        return launch(id, new LinkedHashMap<>(options(args)), false, out, err);
    }

    /** @param prepareOnly stop after the preparatory stage, leaving its review files (see {@link WorkflowLauncher#prepare}) */
    private static int launch(String id, Map<String, String> options, boolean prepareOnly, PrintStream out, PrintStream err)
            throws EmulsionException {
        WorkflowContribution workflow = WorkflowRegistry.get().find(id).orElseThrow(() -> new EmulsionException(
                "no workflow '" + id + "' is installed; installed: " + WorkflowRegistry.get().all().stream().map(WorkflowContribution::id).toList()
                        + " (install its feature from the Emulsion update site)"));
        String outDir = options.remove("out");
        if (outDir == null || outDir.isBlank()) {
            throw new UsageException(id + " needs --out DIR, a new or empty folder for the results");
        }
        try {
            workflow.resolveOptions(options); // an unknown, missing or malformed option is wrong usage (exit 2), found before any work
        } catch (EmulsionException e) {
            throw new UsageException(e.getMessage());
        }
        TerminalProgress progress = new TerminalProgress(err);
        WorkflowResult result = prepareOnly ? WorkflowLauncher.prepare(workflow, options, Path.of(outDir), progress)
                : WorkflowLauncher.launch(workflow, options, Path.of(outDir), progress);
        progress.done();
        out.println((prepareOnly ? "Prepared " : "Finished ") + id + ": " + result.outputDirectory());
        result.summary().forEach((k, v) -> out.println("  " + k + ": " + v));
        out.println("  report: " + result.report());
        return CliApplication.OK;
    }

    private static int bench(List<String> args, PrintStream out, PrintStream err) throws EmulsionException {
        if (args.isEmpty() || !List.of("quality", "align", "engine", "restore").contains(args.get(0))) {
            throw new UsageException("bench needs a benchmark name: quality, align, engine or restore");
        }
        String name = args.get(0);
        Djl.checkDevice(); // a GPU asked for and missing: one line before any work
        List<String> rest = new java.util.ArrayList<>(args.subList(1, args.size()));
        boolean quick = rest.remove("--quick");
        if (quick && name.equals("restore")) {
            throw new UsageException("bench restore has no --quick; give a smaller --frames or --train-minutes");
        }
        Map<String, String> options = options(rest);
        List<String> allowed = switch (name) {
            case "quality" -> List.of("json", "html", "work", "case", "steps");
            case "align" -> List.of("json", "work");
            case "restore" -> List.of("json", "work", "frames", "train-minutes", "size", "steps");
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
            int soak = options.containsKey("soak-minutes") ? intOption(options, "soak-minutes", 0) : 0;
            EngineBenchmark.run(new EngineBenchmark.Options(quick, Path.of(options.get("json")), EngineBenchmark.Sizes.standard(),
                    options.getOrDefault("preset", "small"), soak), out, progress);
            progress.done();
            out.println("Results: " + options.get("json"));
            return CliApplication.OK;
        }
        if (name.equals("restore")) {
            int[] size = size(options.getOrDefault("size", RestoreBenchmark.WIDTH + "x" + RestoreBenchmark.HEIGHT));
            RestoreBenchmark.run(new RestoreBenchmark.Options(intOption(options, "frames", 300), intOption(options, "train-minutes", 10),
                    Path.of(options.get("json")), work, size[0], size[1], options.containsKey("steps") ? intOption(options, "steps", 0) : 0),
                    out, progress);
            progress.done();
            out.println("Results: " + options.get("json"));
            return CliApplication.OK;
        }
        if (name.equals("align")) {
            AlignmentBenchmark.run(new AlignmentBenchmark.Options(quick, Path.of(options.get("json")), work), out, progress);
            progress.done();
            out.println("Results: " + options.get("json"));
            return CliApplication.OK;
        }
        List<String> cases = options.containsKey("case") ? List.of(options.get("case").split(",")) : List.of();
        QualityBenchmark.run(new QualityBenchmark.Options(quick, Path.of(options.get("json")), Path.of(options.get("html")), work,
                cases, options.containsKey("steps") ? intOption(options, "steps", 1) : 0), out, progress);
        progress.done();
        out.println("Results: " + options.get("json") + ", report: " + Path.of(options.get("html"), "index.html"));
        return CliApplication.OK;
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

    private static int intOption(Map<String, String> options, String name, int fallback) {
        String value = options.get(name);
        try {
            int v = value == null ? fallback : Integer.parseInt(value);
            if (v < 1) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " takes a whole number of at least 1, not '" + value + "'");
        }
    }

    /** {@code --name value} pairs; a name given without a value is an error. */
    private static Map<String, String> options(List<String> args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--") || a.length() == 2) {
                throw new UsageException("expected --OPTION VALUE, got '" + a + "'");
            }
            String name = a.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq > 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                value = args.get(++i);
            } else {
                throw new UsageException("--" + name + " needs a value");
            }
            options.put(name, value);
        }
        return options;
    }

    /** Flags without values; anything else is an error. */
    private static Map<String, Boolean> flags(List<String> args, List<String> allowed) {
        Map<String, Boolean> flags = new LinkedHashMap<>();
        for (String a : args) {
            if (!allowed.contains(a)) {
                throw new UsageException("unexpected argument '" + a + "'" + (allowed.isEmpty() ? "" : "; allowed: " + allowed));
            }
            flags.put(a.substring(2), true);
        }
        return flags;
    }
}
