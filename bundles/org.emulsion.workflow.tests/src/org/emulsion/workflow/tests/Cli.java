package org.emulsion.workflow.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.emulsion.bench.internal.CaseSpec;
import org.emulsion.bench.internal.RestoreCase;
import org.emulsion.cli.internal.CliApplication;
import org.emulsion.pipeline.Provenance;
import org.emulsion.simulator.Truth;

/** The command line as a batch script calls it, and the simulated material the workflow tests restore. */
final class Cli {
    /** Scan frames of the tiny cases: enough for the temporal aligner to find the DVD's speed-up and lead-in. */
    static final int FRAMES = 24;

    record Run(int exit, String out, String err) {
    }

    private Cli() {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = CliApplication.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A restore with step-bounded training (the same result under any load). */
    static Run restore(String workflow, Path scan, Path reference, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("restore", "--workflow", workflow, "--scan", scan.toString(), "--reference",
                reference.toString(), "--out", out.toString(), "--steps", "60", "--train-minutes", "5"));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    /** A small faded 16:9 scan (384×216) and its reference element, simulated from one truth. */
    static RestoreCase simulate(CaseSpec.ReferenceKind kind, long seed, Path dir) throws IOException {
        try (Truth truth = Truth.create(new Truth.Spec(384, 216, FRAMES, 2, seed))) {
            return RestoreCase.simulate(truth, kind, seed, dir);
        }
    }

    static void assertOneLineError(Run run, String... texts) {
        assertTrue(run.exit() != 0, "exit code; out: " + run.out());
        String err = run.err().strip();
        String last = err.lines().reduce((a, b) -> b).orElse("");
        for (String text : texts) {
            assertTrue(last.startsWith("emulsion: ") && last.contains(text), "expected '" + text + "' in: " + err);
        }
        assertEquals(1, err.lines().filter(l -> l.startsWith("emulsion: ")).count(), "one error line: " + err);
    }

    /** SHA-256 of every file under {@code root} (a folder or one file), by path. */
    static Map<Path, String> checksums(Path root) throws IOException {
        Map<Path, String> sums = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                sums.put(f, Provenance.sha256(f));
            }
        }
        return sums;
    }
}
