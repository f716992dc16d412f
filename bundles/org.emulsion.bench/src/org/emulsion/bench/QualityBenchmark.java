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
import org.emulsion.bench.internal.Reports;
import org.emulsion.core.EmulsionException;
import org.emulsion.engine.Djl;
import org.emulsion.pipeline.OutputDirectory;

import com.google.gson.JsonObject;

/**
 * {@code bench quality}: simulated films with known truth, restored by every method (scan as is,
 * colour-transfer baselines, Emulsion), scored with the same metrics.
 */
public final class QualityBenchmark {

    /**
     * @param quick a small set of cases (≤ 5 min on 2 cores) instead of the full set (≤ 30 min)
     * @param json  where to write the results (case → method → metrics); must not exist yet
     * @param html  a new or empty folder for the HTML report and its crops
     * @param work  a new or empty folder for the simulated elements and restored frames, or null
     *              for a folder inside {@code html}
     */
    public record Options(boolean quick, Path json, Path html, Path work) {
    }

    private QualityBenchmark() {
    }

    public static List<CaseResult> run(Options options, PrintStream out, IProgressMonitor monitor) throws EmulsionException {
        BenchOutput.refuseExisting(options.json());
        Path html = OutputDirectory.prepare(options.html());
        Path work = OutputDirectory.prepare(options.work() != null ? options.work() : html.resolve("work"));
        List<CaseSpec> cases = options.quick() ? BenchCases.quick() : BenchCases.full();
        SubMonitor progress = SubMonitor.convert(monitor, cases.size());
        List<CaseResult> results = new ArrayList<>();
        long start = System.nanoTime();
        for (CaseSpec spec : cases) {
            progress.setTaskName("Case " + spec.name());
            results.add(CaseRunner.run(spec, work.resolve(spec.name()), html, progress.split(1)));
        }
        JsonObject run = BenchOutput.runHeader(options.quick(), start);
        run.addProperty("device", Djl.device().toString());
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
