package org.emulsion.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.emulsion.bench.internal.BenchCases;
import org.emulsion.bench.internal.BenchOutput;
import org.emulsion.bench.internal.CaseResult;
import org.emulsion.bench.internal.CaseRunner;
import org.emulsion.bench.internal.CaseSpec;
import org.emulsion.bench.internal.ArtworkCaseRunner;
import org.emulsion.bench.internal.LumaCaseRunner;
import org.emulsion.bench.internal.MultiPrintCaseRunner;
import org.emulsion.bench.internal.Reports;
import org.emulsion.core.EmulsionException;
import org.emulsion.engine.Djl;
import org.emulsion.pipeline.OutputDirectory;

import com.google.gson.JsonObject;

/**
 * {@code bench quality}: simulated films with known truth, restored by every method (scan as is,
 * colour-transfer baselines, Emulsion), scored with the same metrics; print-luma and multiprint cases
 * run the installed workflow and are scored against the scan (the master) without its physical damage.
 */
public final class QualityBenchmark {

    /**
     * @param quick a small set of cases (≤ 5 min on 2 cores) instead of the full set (≤ 30 min)
     * @param json  where to write the results (case → method → metrics); must not exist yet
     * @param html  a new or empty folder for the HTML report and its crops
     * @param work  a new or empty folder for the simulated elements and restored frames, or null
     *              for a folder inside {@code html}
     * @param cases names of the cases to run (e.g. {@code dvd-chroma}); empty: all of the set
     * @param maxSteps a training step cap besides each case's time budget, 0 for none: with it the
     *              trained model does not depend on the machine's load or speed, so two runs differing
     *              in one setting (the inference precision, the device) can be compared
     */
    public record Options(boolean quick, Path json, Path html, Path work, List<String> cases, int maxSteps) {
        public Options {
            cases = List.copyOf(cases);
        }

        public Options(boolean quick, Path json, Path html, Path work) {
            this(quick, json, html, work, List.of(), 0);
        }
    }

    /** Training budget of a case run with a step cap: a day, so that the cap ends training. */
    private static final int STEP_CAPPED_SECONDS = 24 * 3600;

    private QualityBenchmark() {
    }

    /** The cases {@code options} name (all when none), with its step cap. */
    private static List<CaseSpec> select(List<CaseSpec> set, Options options) throws EmulsionException {
        List<String> names = set.stream().map(CaseSpec::name).toList();
        for (String name : options.cases()) {
            if (!names.contains(name)) {
                throw new EmulsionException("bench quality has no case '" + name + "'" + (options.quick() ? " with --quick" : "")
                        + "; its cases: " + names);
            }
        }
        return set.stream().filter(c -> options.cases().isEmpty() || options.cases().contains(c.name()))
                // with a step cap the steps decide, not the clock: no time budget that a slow machine could hit first
                .map(c -> options.maxSteps() > 0 ? c.withTraining(STEP_CAPPED_SECONDS, options.maxSteps()) : c)
                .toList();
    }

    public static List<CaseResult> run(Options options, PrintStream out, IProgressMonitor monitor) throws EmulsionException {
        BenchOutput.refuseExisting(options.json());
        Path html = OutputDirectory.prepare(options.html());
        Path work = OutputDirectory.prepare(options.work() != null ? options.work() : html.resolve("work"));
        List<CaseSpec> cases = select(options.quick() ? BenchCases.quick() : BenchCases.full(), options);
        SubMonitor progress = SubMonitor.convert(monitor, cases.size());
        List<CaseResult> results = new ArrayList<>();
        long start = System.nanoTime();
        for (CaseSpec spec : cases) {
            progress.setTaskName("Case " + spec.name());
            Path caseDir = work.resolve(spec.name());
            results.add(spec.prints() > 0 ? MultiPrintCaseRunner.run(spec, caseDir, progress.split(1))
                    : spec.decay() != null ? LumaCaseRunner.run(spec, caseDir, progress.split(1))
                    : spec.artwork() != null ? ArtworkCaseRunner.run(spec, caseDir, progress.split(1))
                    : CaseRunner.run(spec, caseDir, html, progress.split(1)));
        }
        JsonObject run = BenchOutput.runHeader(options.quick(), start);
        run.addProperty("device", Djl.device().toString());
        run.addProperty("precision", Djl.precision().id());
        if (options.maxSteps() > 0) {
            run.addProperty("maxSteps", options.maxSteps());
        }
        BenchOutput.writeJson(options.json(), Reports.toJson(results, run));
        try {
            Reports.writeHtml(html, results, run);
        } catch (IOException e) {
            throw new EmulsionException(e.getMessage(), e);
        }
        Reports.printTable(results, out);
        return results;
    }
}
