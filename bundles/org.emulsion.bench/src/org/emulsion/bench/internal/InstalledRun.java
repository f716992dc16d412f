package org.emulsion.bench.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.JsonFiles;
import org.emulsion.core.extensions.WorkflowRegistry;
import org.emulsion.core.extensions.WorkflowResult;
import org.emulsion.pipeline.WorkflowLauncher;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * A benchmark case restored by an installed workflow, as a restorer would start it: the case's
 * material options plus the training budget (whole minutes, as workflows take them), step cap and
 * seed every case gives, run into {@code DIR/emulsion}; its report, and the parameters every case
 * records.
 *
 * @param options what the workflow was given
 * @param out     the run folder
 * @param report  the run's {@code report.json}
 */
public record InstalledRun(Map<String, String> options, Path out, JsonObject report) {

    /**
     * What a case simulated: the material, its simulator sidecar, and the workflow's material
     * options (option, value, option, value…).
     */
    record Material<M>(M written, Path sidecar, String... options) {
    }

    /** Writes a case's material under the case's folder. */
    @FunctionalInterface
    interface Simulation<M> {
        Material<M> write(Path dir) throws IOException;
    }

    /** Scores the run against the material's truth. */
    @FunctionalInterface
    interface Scoring<M> {
        Scored score(M material, InstalledRun run) throws IOException;
    }

    /** A case's scores: the table rows and the figures of its kind (the other null). */
    record Scored(Map<String, MethodMetrics> methods, LumaFigures luma, ArtworkFigures artwork) {
        static Scored of(LumaFigures figures) {
            return new Scored(figures.methods(), figures, null);
        }

        static Scored of(ArtworkFigures figures) {
            return new Scored(figures.methods(), null, figures);
        }
    }

    /**
     * Runs one case with an installed workflow: {@code simulation} writes it ({@code simulating}
     * says what, 10 ticks), {@code workflow} restores it (75), {@code scoring} scores it (15). The
     * case records the common parameters and the run report's {@code recorded} members.
     */
    static <M> CaseResult runCase(String workflow, CaseSpec spec, Path dir, IProgressMonitor monitor, String simulating,
            Simulation<M> simulation, Scoring<M> scoring, String... recorded) throws EmulsionException {
        long start = System.nanoTime();
        SubMonitor progress = SubMonitor.convert(monitor, 100);
        try {
            progress.subTask(simulating);
            Material<M> material = simulation.write(dir);
            progress.worked(10);
            InstalledRun run = launch(workflow, spec, dir, progress, material.options());
            progress.subTask("scoring");
            Scored scored = scoring.score(material.written(), run);
            progress.split(15).done();
            JsonObject parameters = run.parameters(material.sidecar());
            for (String member : recorded) {
                parameters.add(member, run.report().get(member));
            }
            return new CaseResult(spec.name(), spec.description(), parameters, scored.methods(), CaseRunner.lossCurve(run.report()),
                    Map.of(), null, (System.nanoTime() - start) / 1e9, scored.luma(), scored.artwork());
        } catch (IOException e) {
            throw new EmulsionException("benchmark case " + spec.name() + ": " + e.getMessage(), e);
        }
    }

    /** Runs {@code workflow} on the case's {@code material} (option, value, option, value…) for {@code spec}, on 75 ticks of {@code progress}. */
    static InstalledRun launch(String workflow, CaseSpec spec, Path dir, SubMonitor progress, String... material)
            throws EmulsionException, IOException {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < material.length; i += 2) {
            options.put(material[i], material[i + 1]);
        }
        options.put("train-minutes", Integer.toString(Math.max(1, (spec.trainSeconds() + 59) / 60)));
        options.put("steps", Integer.toString(spec.maxSteps()));
        options.put("seed", Long.toString(spec.truth().seed()));
        progress.subTask("restoring with " + workflow);
        return launch(workflow, options, dir.resolve("emulsion"), progress.split(75));
    }

    /** Runs {@code workflow} with {@code options} into {@code out}, as {@code ./emulsion restore} does, and reads its report. */
    public static InstalledRun launch(String workflow, Map<String, String> options, Path out, IProgressMonitor monitor)
            throws EmulsionException {
        WorkflowResult result = WorkflowLauncher.launch(WorkflowRegistry.get().get(workflow), options, out, monitor);
        try {
            return new InstalledRun(options, result.outputDirectory(), JsonFiles.read(result.report()));
        } catch (IOException e) {
            throw new EmulsionException(result.report() + ": " + e.getMessage(), e);
        }
    }

    /** The case's simulator sidecar, the workflow's options and the run's training record. */
    JsonObject parameters(Path sidecar) throws IOException {
        JsonObject parameters = new JsonObject();
        parameters.add("case", JsonFiles.read(sidecar));
        parameters.add("workflowOptions", JsonParser.parseString(new Gson().toJson(options)));
        parameters.add("emulsionTraining", report.getAsJsonObject("training"));
        return parameters;
    }
}
