package org.emulsion.cli.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.emulsion.cli.Command;
import org.emulsion.cli.CommandContribution;
import org.emulsion.cli.CommandLine;
import org.emulsion.cli.CommandRegistry;
import org.emulsion.cli.TerminalProgress;
import org.emulsion.cli.UsageException;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.extensions.WorkflowContribution;
import org.emulsion.core.extensions.WorkflowOption;
import org.emulsion.core.extensions.WorkflowRegistry;
import org.emulsion.core.extensions.WorkflowResult;
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
                          [--prepare-only] [--luma keep|tone]
                                              restore a scan from a reference of the same film (colour
                                              from a DVD or telecine, damaged luma from a print; --masks
                                              DIR for print-luma; --luma tone for the colour workflows
                                              tone-maps the scan's luma to the reference's): --scan a folder of frames or a video file,
                                              --reference a VIDEO_TS folder, a video file or a folder of
                                              frames; writes DIR/frames/ (the scan's frame names),
                                              DIR/baseline/ (3D-LUT match grade), DIR/report.html,
                                              DIR/report.json, DIR/provenance.json; --prepare-only stops
                                              after alignment and pair curation (DIR/alignment/,
                                              DIR/pairs.json to review), the same command without it
                                              then resumes there
                  restore --workflow artwork-chroma --scan PATH --artwork DIR --out DIR [--assign FILE]
                          [--train-minutes N] [--granularity auto|sequence|scene|shot] [--format tiff|dpx|exr]
                                              colour from artwork of the film's world (paintings, stills)
                                              when no moving-image reference survives: DIR/confidence/
                                              says where the artwork supports it; DIR/baseline/ is a
                                              global colour transfer from the artwork
                """ + UnitCommands.USAGE + ClusterCommand.USAGE + """
                  run WORKFLOW --out DIR [--OPTION VALUE ...]
                                              run an installed workflow
                """);
        // commands contributed to org.emulsion.cli.commands (bench, from the benchmark feature)
        List<String> engineCommands = new java.util.ArrayList<>(List.of("demo", "restore", "run"));
        for (CommandContribution c : CommandRegistry.get().all()) {
            s.append(c.instance().usage());
            if (c.usesEngine()) {
                engineCommands.add(c.id());
            }
        }
        s.append("""
                  help                        this text

                Options of %s and doctor:
                  --device auto|cpu|gpu       where training and inference run (default: the preference,
                                              auto: a GPU when a CUDA libtorch and a GPU are found)
                  --precision fp32|bf16|fp16  the number format of inference (default fp32; bf16 uses
                                              AVX-512 BF16 CPUs and CUDA GPUs, the output stays float)

                Workflows and their options:
                """.formatted(String.join(", ", engineCommands)));
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
            case "plugins" -> PluginsCommand.run(CommandLine.flags(args, List.of("--json")).containsKey("json"), out);
            case "doctor" -> {
                CommandLine.flags(args, List.of());
                yield DoctorCommand.run(out);
            }
            case "demo" -> runWorkflow(DEMO_WORKFLOW, args, out, err);
            case "restore" -> restore(args, out, err);
            case "plan", "train", "render", "finish" -> UnitCommands.run(command, args, out, err);
            case "cluster" -> ClusterCommand.run(args, out, err);
            case "run" -> {
                if (args.isEmpty() || args.get(0).startsWith("--")) {
                    throw new UsageException("run needs a workflow id, one of " + WorkflowRegistry.get().all().stream().map(WorkflowContribution::id).toList());
                }
                yield runWorkflow(args.get(0), args.subList(1, args.size()), out, err);
            }
            default -> CommandRegistry.get().find(command)
                    .orElseThrow(() -> new UsageException("unknown command '" + command + "'"))
                    .instance().run(args, out, err);
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
                    .filter(w -> !w.references().isEmpty()).map(WorkflowContribution::id).toList());
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
        return Command.OK;
    }

    private static Map<String, String> options(List<String> args) {
        return CommandLine.options(args);
    }
}
