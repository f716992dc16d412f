package org.emulsion.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.emulsion.bench.internal.AlignCase;
import org.emulsion.bench.internal.AlignCaseResult;
import org.emulsion.bench.internal.AlignCaseRunner;
import org.emulsion.bench.internal.BenchOutput;
import org.emulsion.core.EmulsionException;
import org.emulsion.pipeline.OutputDirectory;

import com.google.gson.JsonObject;

/**
 * {@code bench align}: simulated scans against DVD, telecine and print references of the same
 * film; the temporal and spatial alignment scored against the simulator's truth (exact-frame
 * temporal matches, frames without counterpart reported NONE and, its complement, falsely matched,
 * wrong decisions taken with a confidence of at least 0.9, spatial RMS error in scan pixels,
 * milliseconds per pair).
 */
public final class AlignmentBenchmark {
    /** Issue acceptance targets. */
    public static final double TARGET_TEMPORAL_PERCENT = 99;
    public static final double TARGET_NONE_PERCENT = 99;
    /** Frames without counterpart (a censor cut) matched to some reference frame anyway. */
    public static final double TARGET_FALSE_MATCH_PERCENT = 1;
    public static final double TARGET_RMS_PX = 0.25;
    public static final double TARGET_MS_PER_PAIR = 100;

    /**
     * @param quick three short cases (≈ 3 min on 2 cores) instead of four longer ones
     * @param json  where to write the results; must not exist yet
     * @param work  a new or empty folder for the simulated elements and the alignment reports, or null
     *              for a folder next to {@code json}
     */
    public record Options(boolean quick, Path json, Path work) {
    }

    private AlignmentBenchmark() {
    }

    public static List<AlignCaseResult> run(Options options, PrintStream out, IProgressMonitor monitor) throws EmulsionException {
        BenchOutput.refuseExisting(options.json());
        String stem = options.json().getFileName().toString().replaceFirst("\\.json$", "");
        Path work = OutputDirectory.prepare(options.work() != null ? options.work()
                : options.json().toAbsolutePath().resolveSibling(stem + "-work"));
        List<AlignCase> cases = options.quick() ? AlignCase.quick() : AlignCase.full();
        SubMonitor progress = SubMonitor.convert(monitor, cases.size());
        List<AlignCaseResult> results = new ArrayList<>();
        long start = System.nanoTime();
        for (AlignCase spec : cases) {
            progress.setTaskName("Case " + spec.name());
            results.add(AlignCaseRunner.run(spec, work.resolve(spec.name()), progress.split(1)));
        }
        JsonObject run = BenchOutput.runHeader(options.quick(), start);
        run.addProperty("work", work.toString());
        run.addProperty("temporalAligner", AlignCaseRunner.TEMPORAL_ALIGNER);
        run.addProperty("globalAligner", AlignCaseRunner.GLOBAL_ALIGNER);
        run.addProperty("localAligner", AlignCaseRunner.LOCAL_ALIGNER);
        JsonObject targets = new JsonObject();
        targets.addProperty("temporalExactPercent", TARGET_TEMPORAL_PERCENT);
        targets.addProperty("nonePercent", TARGET_NONE_PERCENT);
        targets.addProperty("falseMatchPercent", TARGET_FALSE_MATCH_PERCENT);
        targets.addProperty("rmsPx", TARGET_RMS_PX);
        targets.addProperty("msPerPairMedian", TARGET_MS_PER_PAIR);
        run.add("targets", targets);
        BenchOutput.writeJson(options.json(), toJson(results, run));
        printTable(results, out);
        return results;
    }

    static JsonObject toJson(List<AlignCaseResult> results, JsonObject run) {
        JsonObject root = new JsonObject();
        root.add("run", run);
        JsonObject cases = new JsonObject();
        for (AlignCaseResult r : results) {
            JsonObject c = new JsonObject();
            c.addProperty("description", r.description());
            if (r.skipped() != null) {
                c.addProperty("skipped", r.skipped());
            } else {
                c.addProperty("seconds", r.seconds());
                JsonObject metrics = new JsonObject();
                r.metrics().forEach(metrics::addProperty);
                c.add("metrics", metrics);
                c.addProperty("report", r.name() + "/report/alignment.json");
            }
            cases.add(r.name(), c);
        }
        root.add("cases", cases);
        return root;
    }

    public static void printTable(List<AlignCaseResult> results, PrintStream out) {
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-16s", "case"));
        AlignCaseResult.COLUMNS.keySet().forEach(c -> header.append(String.format(Locale.ROOT, " %10s", c)));
        out.println(header);
        out.println("-".repeat(header.length()));
        for (AlignCaseResult r : results) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-16s", r.name()));
            if (r.skipped() != null) {
                row.append(" skipped: ").append(r.skipped());
            } else {
                for (Map.Entry<String, String> c : AlignCaseResult.COLUMNS.entrySet()) {
                    double v = r.metrics().getOrDefault(c.getValue(), Double.NaN);
                    String text = Double.isNaN(v) ? "-" : v == Math.rint(v) && Math.abs(v) < 1e6 && !c.getValue().startsWith("rms")
                            && !c.getValue().startsWith("ms") ? String.format(Locale.ROOT, "%.0f", v)
                            : String.format(Locale.ROOT, v < 10 ? "%.3f" : "%.1f", v);
                    row.append(String.format(Locale.ROOT, " %10s", text));
                }
            }
            out.println(row);
        }
        out.printf(Locale.ROOT, "targets: temporal >= %.0f %%, NONE >= %.0f %% (false matches <= %.0f %%), RMS <= %.2f px, "
                + "<= %.0f ms per pair (median); sure wrong: wrong decisions with temporal confidence >= %.1f%n",
                TARGET_TEMPORAL_PERCENT, TARGET_NONE_PERCENT, TARGET_FALSE_MATCH_PERCENT, TARGET_RMS_PX, TARGET_MS_PER_PAIR,
                AlignCaseRunner.SURE);
    }
}
