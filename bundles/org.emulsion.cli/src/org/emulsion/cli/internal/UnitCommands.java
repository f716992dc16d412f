package org.emulsion.cli.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.emulsion.cli.CommandLine;
import org.emulsion.cli.TerminalProgress;
import org.emulsion.cli.UsageException;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.extensions.WorkflowResult;
import org.emulsion.pipeline.RunUnits;

/**
 * {@code plan}, {@code train}, {@code render} and {@code finish}: a prepared run's units of work
 * ({@link RunUnits}), one per call, for a cluster or a render farm.
 */
final class UnitCommands {
    static final String USAGE = """
              plan --out DIR [--unit-frames N]
                                          after restore --prepare-only: write DIR/plan.json, the
                                          models to train and the frame ranges (N frames, default
                                          %d) to render, each a unit of work for a cluster
              train --out DIR --model ID  train one model of the plan (kept when already trained)
              render --out DIR --frames A-B
                                          render frames A to B (from 0) with the trained models,
                                          keeping frames already rendered
              finish --out DIR            after every unit: the baseline, report and provenance
            """.formatted(RunUnits.DEFAULT_UNIT_FRAMES);

    private UnitCommands() {
    }

    static int run(String command, List<String> args, PrintStream out, PrintStream err) throws EmulsionException {
        Map<String, String> options = CommandLine.options(args);
        List<String> allowed = switch (command) {
            case "plan" -> List.of("out", "unit-frames");
            case "train" -> List.of("out", "model");
            case "render" -> List.of("out", "frames");
            default -> List.of("out");
        };
        for (String name : options.keySet()) {
            if (!allowed.contains(name)) {
                throw new UsageException(command + " has no option --" + name + "; its options: " + allowed);
            }
        }
        for (String name : allowed) {
            if (!name.equals("unit-frames") && !options.containsKey(name)) {
                throw new UsageException(command + " needs --" + name);
            }
        }
        Path dir = Path.of(options.get("out"));
        TerminalProgress progress = new TerminalProgress(err);
        WorkflowResult result = switch (command) {
            case "plan" -> RunUnits.plan(dir, CommandLine.intOption(options, "unit-frames", RunUnits.DEFAULT_UNIT_FRAMES), progress);
            case "train" -> RunUnits.train(dir, options.get("model"), progress);
            case "render" -> RunUnits.render(dir, options.get("frames"), progress);
            default -> RunUnits.finish(dir, progress);
        };
        progress.done();
        out.println("Finished " + command + ": " + result.outputDirectory());
        result.summary().forEach((k, v) -> out.println("  " + k + ": " + v));
        out.println("  " + (command.equals("finish") ? "report" : "written") + ": " + result.report());
        return CliApplication.OK;
    }
}
