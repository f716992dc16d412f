package org.emulsion.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.ProgressMonitorWrapper;
import org.eclipse.core.runtime.SubMonitor;
import org.emulsion.bench.internal.BenchOutput;
import org.emulsion.bench.internal.CaseSpec;
import org.emulsion.bench.internal.ProcessStats;
import org.emulsion.bench.internal.RestoreCase;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.extensions.WorkflowContribution;
import org.emulsion.core.extensions.WorkflowRegistry;
import org.emulsion.core.extensions.WorkflowResult;
import org.emulsion.pipeline.OutputDirectory;
import org.emulsion.pipeline.WorkflowLauncher;
import org.emulsion.simulator.Truth;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * {@code bench restore}: the timing case, a simulated 720×576 PAL DVD release of a
 * 300-frame faded scan restored with the installed {@code dvd-chroma} workflow end to end, as a
 * user runs it. Stage times come from the workflow's own progress task names: everything before
 * training is alignment (temporal and spatial), then training, then inference with the frame,
 * baseline and report writing.
 */
public final class RestoreBenchmark {
    public static final String WORKFLOW = "dvd-chroma";
    /** Issue acceptance: training within its budget plus at most this much alignment and inference. */
    public static final double TARGET_ALIGN_INFER_MINUTES = 10;
    public static final int WIDTH = 720;
    public static final int HEIGHT = 576;
    private static final int SHOTS = 6;
    private static final long SEED = 61;

    /**
     * @param frames       scan frames to simulate (the case: 300)
     * @param trainMinutes the workflow's {@code --train-minutes}
     * @param json         where to write the results; must not exist yet
     * @param work         a new or empty folder for the simulated elements and the restore, or null
     *                     for a folder next to {@code json}
     */
    public record Options(int frames, int trainMinutes, Path json, Path work) {
    }

    private RestoreBenchmark() {
    }

    public static JsonObject run(Options options, PrintStream out, IProgressMonitor monitor) throws EmulsionException {
        BenchOutput.refuseExisting(options.json());
        WorkflowContribution workflow = WorkflowRegistry.get().find(WORKFLOW).orElseThrow(() -> new EmulsionException(
                "bench restore runs the " + WORKFLOW + " workflow, which is not installed; install org.emulsion.workflow.dvd.feature"));
        String stem = options.json().getFileName().toString().replaceFirst("\\.json$", "");
        Path work = OutputDirectory.prepare(options.work() != null ? options.work()
                : options.json().toAbsolutePath().resolveSibling(stem + "-work"));
        SubMonitor progress = SubMonitor.convert(monitor, 100);
        long start = System.nanoTime();
        RestoreCase material;
        progress.setTaskName("Simulating a " + options.frames() + "-frame scan and its PAL DVD");
        try (Truth truth = Truth.create(new Truth.Spec(WIDTH, HEIGHT, options.frames(), SHOTS, SEED))) {
            material = RestoreCase.simulate(truth, CaseSpec.ReferenceKind.DVD, SEED, work.resolve("case"));
        } catch (IOException e) {
            throw new EmulsionException("bench restore: " + e.getMessage(), e);
        }
        progress.worked(10);
        Map<String, String> arguments = new LinkedHashMap<>();
        arguments.put("scan", material.scan().toString());
        arguments.put("reference", material.reference().toString());
        arguments.put("train-minutes", Integer.toString(options.trainMinutes()));
        double[] loadBefore = ProcessStats.loadAverage();
        double cpuBefore = ProcessStats.cpuSeconds();
        StageClock clock = new StageClock(progress.split(90));
        WorkflowResult result = WorkflowLauncher.launch(workflow, arguments, work.resolve("restore"), clock);
        clock.done();

        JsonObject report;
        try {
            report = JsonParser.parseString(Files.readString(result.report())).getAsJsonObject();
        } catch (IOException e) {
            throw new EmulsionException(result.report() + ": " + e.getMessage(), e);
        }
        JsonObject run = BenchOutput.runHeader(false, start);
        run.addProperty("work", work.toString());
        run.add("loadAverageBefore", array(loadBefore));
        run.add("loadAverageAfter", array(ProcessStats.loadAverage()));
        run.addProperty("cpuSeconds", ProcessStats.cpuSeconds() - cpuBefore);
        JsonObject root = new JsonObject();
        root.add("run", run);
        JsonObject job = new JsonObject();
        job.addProperty("workflow", WORKFLOW);
        job.addProperty("frames", options.frames());
        job.addProperty("size", WIDTH + "x" + HEIGHT);
        job.addProperty("reference", "simulated PAL DVD (MPEG-2, 25 fps, lead-in, own grade)");
        job.addProperty("trainMinutes", options.trainMinutes());
        job.addProperty("trainingSteps", report.getAsJsonObject("training").get("steps").getAsInt());
        job.addProperty("trainingPairs", report.getAsJsonObject("training").get("pairs").getAsInt());
        job.addProperty("output", result.outputDirectory().toString());
        root.add("job", job);
        JsonObject stages = clock.stages();
        root.add("stages", stages);
        JsonObject targets = new JsonObject();
        targets.addProperty("trainingMinutes", options.trainMinutes());
        targets.addProperty("alignmentPlusInferenceMinutes", TARGET_ALIGN_INFER_MINUTES);
        root.add("targets", targets);
        BenchOutput.writeJson(options.json(), root);
        double alignInfer = stages.get("alignmentSeconds").getAsDouble() + stages.get("inferenceWriteSeconds").getAsDouble();
        out.printf(Locale.ROOT, "%d frames %dx%d, %s: alignment %.1f s, training %.1f s (%d steps), inference+write %.1f s, total %.1f s%n",
                options.frames(), WIDTH, HEIGHT, WORKFLOW, stages.get("alignmentSeconds").getAsDouble(),
                stages.get("trainingSeconds").getAsDouble(), job.get("trainingSteps").getAsInt(),
                stages.get("inferenceWriteSeconds").getAsDouble(), stages.get("totalSeconds").getAsDouble());
        out.printf(Locale.ROOT, "alignment + inference %.1f min (target <= %.0f min); load average %.2f before, %.2f after, %d cores%n",
                alignInfer / 60, TARGET_ALIGN_INFER_MINUTES, loadBefore[0], ProcessStats.loadAverage()[0],
                Runtime.getRuntime().availableProcessors());
        return root;
    }

    private static JsonArray array(double[] values) {
        JsonArray a = new JsonArray();
        for (double v : values) {
            a.add(v);
        }
        return a;
    }

    /**
     * Times the stages of a workflow run by its task names: the first "Training" task ends the
     * alignment, the first "Restoring" task ends the training.
     */
    private static final class StageClock extends ProgressMonitorWrapper {
        private final long start = System.nanoTime();
        private final Map<String, Double> segments = new LinkedHashMap<>();
        private long trainingStart;
        private long inferenceStart;
        private long end;
        private String current;
        private long currentStart = start;

        StageClock(IProgressMonitor monitor) {
            super(monitor);
        }

        @Override
        public void setTaskName(String name) {
            mark(name);
            super.setTaskName(name);
        }

        @Override
        public void beginTask(String name, int totalWork) {
            if (name != null && !name.isEmpty()) {
                mark(name);
            }
            super.beginTask(name, totalWork);
        }

        private void mark(String name) {
            long now = System.nanoTime();
            if (current != null) {
                segments.merge(current, (now - currentStart) / 1e9, Double::sum);
            }
            current = name.startsWith("Training") ? "Training" : name;
            currentStart = now;
            if (name.startsWith("Training") && trainingStart == 0) {
                trainingStart = now;
            } else if (name.startsWith("Restoring") && inferenceStart == 0) {
                inferenceStart = now;
            }
        }

        @Override
        public void done() {
            if (end == 0) {
                mark("done");
                end = System.nanoTime();
            }
            super.done();
        }

        JsonObject stages() {
            JsonObject json = new JsonObject();
            json.addProperty("alignmentSeconds", (trainingStart - start) / 1e9);
            json.addProperty("trainingSeconds", (inferenceStart - trainingStart) / 1e9);
            json.addProperty("inferenceWriteSeconds", (end - inferenceStart) / 1e9);
            json.addProperty("totalSeconds", (end - start) / 1e9);
            JsonObject tasks = new JsonObject();
            segments.forEach(tasks::addProperty);
            json.add("tasks", tasks);
            return json;
        }
    }
}
