package org.emulsion.bench;

import java.io.IOException;
import java.io.PrintStream;
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
import org.emulsion.core.JsonFiles;
import org.emulsion.core.extensions.WorkflowContribution;
import org.emulsion.core.extensions.WorkflowRegistry;
import org.emulsion.core.extensions.WorkflowResult;
import org.emulsion.pipeline.OutputDirectory;
import org.emulsion.pipeline.WorkflowLauncher;
import org.emulsion.simulator.Truth;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * {@code bench restore}: the timing cases, a simulated faded scan (720×576 and 300 frames
 * by default; an archive scan such as 4400×3300 with {@code --size}) and its 720×576 PAL DVD
 * release, restored with the installed {@code dvd-chroma} workflow end to end, as a user runs it.
 * Stage times come from the workflow's own progress task and sub-task names: the temporal match,
 * the registration (shots, the spatial alignment of each frame, the alignment report and the
 * training pairs), training, inference with the frames' writing, and the baseline with the report;
 * each is also given per scan frame, with the peak resident memory of the restore.
 */
public final class RestoreBenchmark {
    public static final String WORKFLOW = "dvd-chroma";
    /** Issue acceptance: training within its budget plus at most this much alignment and inference. */
    public static final double TARGET_ALIGN_INFER_MINUTES = 10;
    /** Issue acceptance (P13) per frame of an archive-size scan: registration, baseline + writing, everything but training. */
    public static final double TARGET_REGISTRATION_SECONDS_PER_FRAME = 0.5;
    public static final double TARGET_BASELINE_SECONDS_PER_FRAME = 3;
    public static final double TARGET_ALL_BUT_TRAINING_SECONDS_PER_FRAME = 12;
    public static final double TARGET_PEAK_GIB = 4;
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
     * @param width        the scan's width (the DVD stays 720×576)
     * @param height       the scan's height
     * @param steps        the workflow's {@code --steps} (a cap besides the time), or 0 for its default
     */
    public record Options(int frames, int trainMinutes, Path json, Path work, int width, int height, int steps) {
        public Options(int frames, int trainMinutes, Path json, Path work) {
            this(frames, trainMinutes, json, work, WIDTH, HEIGHT, 0);
        }
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
        progress.setTaskName("Simulating a " + options.frames() + "-frame " + options.width() + "x" + options.height()
                + " scan and its PAL DVD");
        try (Truth truth = Truth.create(new Truth.Spec(options.width(), options.height(), options.frames(),
                Math.min(SHOTS, options.frames()), SEED))) {
            material = RestoreCase.simulate(truth, CaseSpec.ReferenceKind.DVD, SEED, work.resolve("case"));
        } catch (IOException e) {
            throw new EmulsionException("bench restore: " + e.getMessage(), e);
        }
        progress.worked(10);
        Map<String, String> arguments = new LinkedHashMap<>();
        arguments.put("scan", material.scan().toString());
        arguments.put("reference", material.reference().toString());
        arguments.put("train-minutes", Integer.toString(options.trainMinutes()));
        if (options.steps() > 0) {
            arguments.put("steps", Integer.toString(options.steps()));
        }
        double[] loadBefore = ProcessStats.loadAverage();
        double cpuBefore = ProcessStats.cpuSeconds();
        boolean peakReset = ProcessStats.resetPeak();
        StageClock clock = new StageClock(progress.split(90));
        WorkflowResult result = WorkflowLauncher.launch(workflow, arguments, work.resolve("restore"), clock);
        clock.done();

        JsonObject report;
        try {
            report = JsonFiles.read(result.report());
        } catch (IOException e) {
            throw new EmulsionException(result.report() + ": " + e.getMessage(), e);
        }
        JsonObject run = BenchOutput.runHeader(false, start);
        run.addProperty("work", work.toString());
        run.add("loadAverageBefore", array(loadBefore));
        run.add("loadAverageAfter", array(ProcessStats.loadAverage()));
        run.addProperty("cpuSeconds", ProcessStats.cpuSeconds() - cpuBefore);
        run.addProperty("peakResidentBytes", ProcessStats.memory().peakBytes());
        run.addProperty("peakOf", peakReset ? "the restore" : "the process (the kernel refused to reset the peak)");
        JsonObject root = new JsonObject();
        root.add("run", run);
        JsonObject job = new JsonObject();
        job.addProperty("workflow", WORKFLOW);
        job.addProperty("frames", options.frames());
        job.addProperty("size", options.width() + "x" + options.height());
        job.addProperty("reference", "simulated PAL DVD (MPEG-2, 25 fps, lead-in, own grade)");
        job.addProperty("trainMinutes", options.trainMinutes());
        job.addProperty("trainingSteps", report.getAsJsonObject("training").get("steps").getAsInt());
        job.addProperty("trainingPairs", report.getAsJsonObject("training").get("pairs").getAsInt());
        job.addProperty("output", result.outputDirectory().toString());
        root.add("job", job);
        JsonObject stages = clock.stages();
        root.add("stages", stages);
        JsonObject perFrame = new JsonObject();
        stages.entrySet().forEach(e -> {
            if (e.getValue().isJsonPrimitive()) {
                perFrame.addProperty(e.getKey(), e.getValue().getAsDouble() / options.frames());
            }
        });
        root.add("secondsPerFrame", perFrame);
        JsonObject targets = new JsonObject();
        targets.addProperty("trainingMinutes", options.trainMinutes());
        targets.addProperty("alignmentPlusInferenceMinutes", TARGET_ALIGN_INFER_MINUTES);
        targets.addProperty("registrationSecondsPerFrame", TARGET_REGISTRATION_SECONDS_PER_FRAME);
        targets.addProperty("baselineAndReportSecondsPerFrame", TARGET_BASELINE_SECONDS_PER_FRAME);
        targets.addProperty("allButTrainingSecondsPerFrame", TARGET_ALL_BUT_TRAINING_SECONDS_PER_FRAME);
        targets.addProperty("peakResidentGiB", TARGET_PEAK_GIB);
        root.add("targets", targets);
        BenchOutput.writeJson(options.json(), root);
        print(root, options, out);
        return root;
    }

    /** The stages in all and per frame, against the targets, with the load and the peak memory. */
    private static void print(JsonObject root, Options options, PrintStream out) {
        JsonObject stages = root.getAsJsonObject("stages");
        JsonObject job = root.getAsJsonObject("job");
        JsonObject run = root.getAsJsonObject("run");
        int frames = options.frames();
        out.printf(Locale.ROOT, "%d frames %dx%d, %s, %d training steps%n", frames, options.width(), options.height(), WORKFLOW,
                job.get("trainingSteps").getAsInt());
        String format = "%-34s %10s %12s  %s%n";
        out.printf(Locale.ROOT, format, "stage", "seconds", "s per frame", "target per frame");
        String[][] rows = {
            {"temporal match", "temporalSeconds", ""},
            {"registration (shots, spatial, report, pairs)", "registrationSeconds", fmt(TARGET_REGISTRATION_SECONDS_PER_FRAME)},
            {"  of which spatial alignment", "spatialAlignmentSeconds", ""},
            {"training", "trainingSeconds", ""},
            {"inference + writing frames", "inferenceWriteSeconds", ""},
            {"baseline + report", "baselineReportSeconds", fmt(TARGET_BASELINE_SECONDS_PER_FRAME)},
            {"everything but training", "allButTrainingSeconds", fmt(TARGET_ALL_BUT_TRAINING_SECONDS_PER_FRAME)},
            {"total", "totalSeconds", ""}};
        for (String[] r : rows) {
            double seconds = stages.get(r[1]).getAsDouble();
            double each = seconds / frames;
            String target = r[2].isEmpty() ? "" : "<= " + r[2] + (each <= Double.parseDouble(r[2]) ? " met" : " MISSED");
            out.printf(Locale.ROOT, format, r[0], fmt(seconds), fmt(each), target);
        }
        double peak = run.get("peakResidentBytes").getAsDouble() / (1L << 30);
        out.printf(Locale.ROOT, "peak resident memory %.2f GiB (target <= %.0f GiB %s; %s); load average %s before, %s after; %d cores, "
                + "%.0f s CPU%n", peak, TARGET_PEAK_GIB, peak <= TARGET_PEAK_GIB ? "met" : "MISSED", run.get("peakOf").getAsString(),
                run.get("loadAverageBefore"), run.get("loadAverageAfter"), Runtime.getRuntime().availableProcessors(),
                run.get("cpuSeconds").getAsDouble());
        if (options.width() == WIDTH && options.height() == HEIGHT) {
            double alignInfer = stages.get("temporalSeconds").getAsDouble() + stages.get("registrationSeconds").getAsDouble()
                    + stages.get("inferenceWriteSeconds").getAsDouble();
            out.printf(Locale.ROOT, "alignment + inference %.1f min (target <= %.0f min)%n", alignInfer / 60, TARGET_ALIGN_INFER_MINUTES);
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, v < 10 ? "%.2f" : "%.1f", v);
    }

    private static JsonArray array(double[] values) {
        JsonArray a = new JsonArray();
        for (double v : values) {
            a.add(v);
        }
        return a;
    }

    /**
     * Times the stages of a workflow run by its task and sub-task names: the temporal match
     * ("Matching ..."), the registration ("Aligning ...", within it the frames' spatial alignment:
     * "aligning scan frame ..." sub-tasks), training ("Training ..."), inference ("Restoring ...")
     * and the baseline with the report ("Writing ..."). Every task and sub-task name (digits
     * dropped) also gets its own total.
     */
    private static final class StageClock extends ProgressMonitorWrapper {
        private static final Map<String, String> STAGES = Map.of("Matching", "temporalSeconds", "Aligning", "registrationSeconds",
                "Training", "trainingSeconds", "Restoring", "inferenceWriteSeconds", "Writing", "baselineReportSeconds");
        private final long start = System.nanoTime();
        private final Map<String, Double> stageSeconds = new LinkedHashMap<>();
        private final Map<String, Double> segments = new LinkedHashMap<>();
        private String stage;
        private long stageStart = start;
        private String segment;
        private long segmentStart = start;
        private long end;

        StageClock(IProgressMonitor monitor) {
            super(monitor);
        }

        @Override
        public void setTaskName(String name) {
            task(name);
            super.setTaskName(name);
        }

        @Override
        public void beginTask(String name, int totalWork) {
            if (name != null && !name.isEmpty()) {
                task(name);
            }
            super.beginTask(name, totalWork);
        }

        @Override
        public void subTask(String name) {
            segment(name == null ? "" : name);
            super.subTask(name);
        }

        private void task(String name) {
            long now = System.nanoTime();
            String next = STAGES.get(name.split(" ", 2)[0]);
            if (next != null && !next.equals(stage)) {
                if (stage != null) {
                    stageSeconds.merge(stage, (now - stageStart) / 1e9, Double::sum);
                }
                stage = next;
                stageStart = now;
            }
            segment(name.startsWith("Training") ? "Training" : name);
        }

        private void segment(String name) {
            long now = System.nanoTime();
            if (segment != null) {
                segments.merge(segment, (now - segmentStart) / 1e9, Double::sum);
            }
            segment = name.replaceAll("\\d+", "N");
            segmentStart = now;
        }

        @Override
        public void done() {
            if (end == 0) {
                task("done");
                stageSeconds.merge(stage == null ? "other" : stage, (System.nanoTime() - stageStart) / 1e9, Double::sum);
                stage = null;
                end = System.nanoTime();
            }
            super.done();
        }

        JsonObject stages() {
            JsonObject json = new JsonObject();
            for (String key : STAGES.values()) {
                json.addProperty(key, stageSeconds.getOrDefault(key, 0.0));
            }
            json.addProperty("spatialAlignmentSeconds", segments.getOrDefault("aligning scan frame N of N", 0.0));
            json.addProperty("allButTrainingSeconds", (end - start) / 1e9 - stageSeconds.getOrDefault("trainingSeconds", 0.0));
            json.addProperty("totalSeconds", (end - start) / 1e9);
            JsonObject tasks = new JsonObject();
            segments.forEach(tasks::addProperty);
            json.add("tasks", tasks);
            return json;
        }
    }
}
