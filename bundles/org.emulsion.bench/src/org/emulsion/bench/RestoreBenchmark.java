package org.emulsion.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.ProgressMonitorWrapper;
import org.eclipse.core.runtime.SubMonitor;
import org.emulsion.bench.internal.BenchOutput;
import org.emulsion.bench.internal.InstalledRun;
import org.emulsion.bench.internal.ProcessStats;
import org.emulsion.bench.internal.RestoreWorkload;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.extensions.WorkflowRegistry;
import org.emulsion.pipeline.OutputDirectory;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * {@code bench restore}: the issues' timing cases, restored with an installed workflow end to end,
 * as a user runs it. By default a simulated faded scan (720×576 and 300 frames by default; an
 * archive scan such as 4400×3300 with {@code --size}) and its 720×576 PAL DVD release, restored
 * with {@code dvd-chroma}; with {@code --workflow multiprint}, two or three simulated prints of one
 * film restored with {@code multiprint} (P9: three prints, 200 frames of 720×576 in at most 20
 * minutes with ten of training). The material's simulation is timed apart. Stage times come from
 * the workflow's own progress task and sub-task names: the temporal match (with the choice of the
 * master among prints), the registration (shots, the spatial alignment of each frame, the
 * alignment report, damage detection, the training pairs), training, inference with the
 * compositing and the frames' writing, and the baseline with the report; each is also given per
 * frame, with the peak resident memory of the restore.
 */
public final class RestoreBenchmark {
    public static final String WORKFLOW = RestoreWorkload.DVD_CHROMA.workflow();
    /** Issue P9's acceptance: the multiprint case end to end, simulation apart. */
    public static final double TARGET_MULTIPRINT_MINUTES = 20;
    /** The case P9's target is set for: prints, frames, size and training minutes. */
    public static final int P9_PRINTS = 3;
    public static final int P9_FRAMES = 200;
    public static final int P9_TRAIN_MINUTES = 10;
    /** Issue acceptance: training within its budget plus at most this much alignment and inference. */
    public static final double TARGET_ALIGN_INFER_MINUTES = 10;
    /** Issue acceptance (P13) per frame of an archive-size scan: registration, baseline + writing, everything but training. */
    public static final double TARGET_REGISTRATION_SECONDS_PER_FRAME = 0.5;
    public static final double TARGET_BASELINE_SECONDS_PER_FRAME = 3;
    public static final double TARGET_ALL_BUT_TRAINING_SECONDS_PER_FRAME = 12;
    public static final double TARGET_PEAK_GIB = 4;
    public static final int WIDTH = 720;
    public static final int HEIGHT = 576;

    /**
     * @param frames       scan frames to simulate (the case: 300)
     * @param trainMinutes the workflow's {@code --train-minutes}
     * @param json         where to write the results; must not exist yet
     * @param work         a new or empty folder for the simulated elements and the restore, or null
     *                     for a folder next to {@code json}
     * @param width        the scan's width (the DVD stays 720×576)
     * @param height       the scan's height
     * @param steps        the workflow's {@code --steps} (a cap besides the time), or 0 for its default
     * @param workload     the workflow timed and the material simulated for it
     * @param prints       for a workload of prints: how many (2 or 3); ignored otherwise
     */
    public record Options(int frames, int trainMinutes, Path json, Path work, int width, int height, int steps, RestoreWorkload workload,
            int prints) {
        public Options(int frames, int trainMinutes, Path json, Path work) {
            this(frames, trainMinutes, json, work, WIDTH, HEIGHT, 0);
        }

        public Options(int frames, int trainMinutes, Path json, Path work, int width, int height, int steps) {
            this(frames, trainMinutes, json, work, width, height, steps, RestoreWorkload.DVD_CHROMA, 0);
        }

        /** Whether this is the case P9's target is set for. */
        boolean isP9Case() {
            return workload == RestoreWorkload.MULTIPRINT && prints == P9_PRINTS && frames == P9_FRAMES && width == WIDTH
                    && height == HEIGHT && trainMinutes == P9_TRAIN_MINUTES && steps == 0;
        }
    }

    private RestoreBenchmark() {
    }

    public static JsonObject run(Options options, PrintStream out, IProgressMonitor monitor) throws EmulsionException {
        BenchOutput.refuseExisting(options.json());
        RestoreWorkload workload = options.workload();
        if (WorkflowRegistry.get().find(workload.workflow()).isEmpty()) {
            throw new EmulsionException("bench restore runs the " + workload.workflow() + " workflow, which is not installed; install "
                    + workload.feature());
        }
        String stem = options.json().getFileName().toString().replaceFirst("\\.json$", "");
        Path work = OutputDirectory.prepare(options.work() != null ? options.work()
                : options.json().toAbsolutePath().resolveSibling(stem + "-work"));
        SubMonitor progress = SubMonitor.convert(monitor, 100);
        long start = System.nanoTime();
        RestoreWorkload.Material material;
        progress.setTaskName("Simulating " + options.frames() + " frames of " + options.width() + "x" + options.height() + " for "
                + workload.workflow());
        try {
            material = workload.simulate(options.width(), options.height(), options.frames(), options.prints(), work.resolve("case"));
        } catch (IOException e) {
            throw new EmulsionException("bench restore: " + e.getMessage(), e);
        }
        double simulationSeconds = (System.nanoTime() - start) / 1e9;
        progress.worked(10);
        Map<String, String> arguments = new LinkedHashMap<>(material.options());
        arguments.put("train-minutes", Integer.toString(options.trainMinutes()));
        if (options.steps() > 0) {
            arguments.put("steps", Integer.toString(options.steps()));
        }
        double[] loadBefore = ProcessStats.loadAverage();
        double cpuBefore = ProcessStats.cpuSeconds();
        boolean peakReset = ProcessStats.resetPeak();
        StageClock clock = new StageClock(progress.split(90));
        InstalledRun restore = InstalledRun.launch(workload.workflow(), arguments, work.resolve("restore"), clock);
        clock.done();

        JsonObject report = restore.report();
        JsonObject run = BenchOutput.runHeader(false, start);
        run.addProperty("work", work.toString());
        run.addProperty("simulationSeconds", simulationSeconds);
        run.add("loadAverageBefore", array(loadBefore));
        run.add("loadAverageAfter", array(ProcessStats.loadAverage()));
        run.addProperty("cpuSeconds", ProcessStats.cpuSeconds() - cpuBefore);
        run.addProperty("peakResidentBytes", ProcessStats.memory().peakBytes());
        run.addProperty("peakOf", peakReset ? "the restore" : "the process (the kernel refused to reset the peak)");
        JsonObject root = new JsonObject();
        root.add("run", run);
        JsonObject job = new JsonObject();
        job.addProperty("workflow", workload.workflow());
        job.addProperty("frames", options.frames());
        job.addProperty("size", options.width() + "x" + options.height());
        material.job().entrySet().forEach(e -> job.add(e.getKey(), e.getValue()));
        job.addProperty("trainMinutes", options.trainMinutes());
        JsonObject training = report.getAsJsonObject("training");
        job.addProperty("trainingSteps", training.get("steps").getAsInt());
        job.addProperty("trainingPairs", training.get("pairs").getAsInt());
        if (workload != RestoreWorkload.DVD_CHROMA) {
            job.addProperty("trainingSecondsReported", training.get("seconds").getAsDouble());
            if (report.has("sources")) { // the split over the run; the per-frame list stays in the report
                job.add("sourcePercent", report.getAsJsonObject("sources").get("percentOfAllFrames"));
            }
        }
        job.addProperty("output", restore.out().toString());
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
        root.add("targets", workload == RestoreWorkload.DVD_CHROMA ? dvdTargets(options) : multiPrintTargets(options, stages));
        BenchOutput.writeJson(options.json(), root);
        print(root, options, out);
        return root;
    }

    /** P13's targets: per frame of an archive scan, and the DVD case's alignment plus inference. */
    private static JsonObject dvdTargets(Options options) {
        JsonObject targets = new JsonObject();
        targets.addProperty("trainingMinutes", options.trainMinutes());
        targets.addProperty("alignmentPlusInferenceMinutes", TARGET_ALIGN_INFER_MINUTES);
        targets.addProperty("registrationSecondsPerFrame", TARGET_REGISTRATION_SECONDS_PER_FRAME);
        targets.addProperty("baselineAndReportSecondsPerFrame", TARGET_BASELINE_SECONDS_PER_FRAME);
        targets.addProperty("allButTrainingSecondsPerFrame", TARGET_ALL_BUT_TRAINING_SECONDS_PER_FRAME);
        targets.addProperty("peakResidentGiB", TARGET_PEAK_GIB);
        return targets;
    }

    /** P9's target: end to end within 20 minutes, for its case only (another case is measured, not judged). */
    private static JsonObject multiPrintTargets(Options options, JsonObject stages) {
        JsonObject targets = new JsonObject();
        targets.addProperty("endToEndMinutes", TARGET_MULTIPRINT_MINUTES);
        targets.addProperty("for", p9Case());
        targets.addProperty("isThatCase", options.isP9Case());
        double minutes = stages.get("totalSeconds").getAsDouble() / 60;
        targets.addProperty("endToEndMinutesMeasured", minutes);
        if (options.isP9Case()) {
            targets.addProperty("met", minutes <= TARGET_MULTIPRINT_MINUTES);
        }
        return targets;
    }

    private static String p9Case() {
        return String.format(Locale.ROOT, "--train-minutes %d, %d prints, %d frames %dx%d", P9_TRAIN_MINUTES, P9_PRINTS, P9_FRAMES, WIDTH,
                HEIGHT);
    }

    /** The stages in all and per frame, against the targets, with the load and the peak memory. */
    private static void print(JsonObject root, Options options, PrintStream out) {
        JsonObject stages = root.getAsJsonObject("stages");
        JsonObject job = root.getAsJsonObject("job");
        JsonObject run = root.getAsJsonObject("run");
        int frames = options.frames();
        boolean dvd = options.workload() == RestoreWorkload.DVD_CHROMA;
        out.printf(Locale.ROOT, "%d frames %dx%d%s, %s, %d training steps%n", frames, options.width(), options.height(),
                dvd ? "" : ", " + options.prints() + " prints", options.workload().workflow(), job.get("trainingSteps").getAsInt());
        if (!dvd) {
            out.printf(Locale.ROOT, "simulating the prints %.1f s (not counted below)%n", run.get("simulationSeconds").getAsDouble());
        }
        String format = "%-44s %10s %12s  %s%n";
        out.printf(Locale.ROOT, format, "stage", "seconds", "s per frame", dvd ? "target per frame" : "");
        String[][] rows = dvd ? new String[][] {
            {"temporal match", "temporalSeconds", ""},
            {"registration (shots, spatial, report, pairs)", "registrationSeconds", fmt(TARGET_REGISTRATION_SECONDS_PER_FRAME)},
            {"  of which spatial alignment", "spatialAlignmentSeconds", ""},
            {"training", "trainingSeconds", ""},
            {"inference + writing frames", "inferenceWriteSeconds", ""},
            {"baseline + report", "baselineReportSeconds", fmt(TARGET_BASELINE_SECONDS_PER_FRAME)},
            {"everything but training", "allButTrainingSeconds", fmt(TARGET_ALL_BUT_TRAINING_SECONDS_PER_FRAME)},
            {"total", "totalSeconds", ""}} : new String[][] {
            {"master choice + temporal match of the prints", "temporalSeconds", ""},
            {"registration (shots, spatial, damage, pairs)", "registrationSeconds", ""},
            {"  of which spatial alignment", "spatialAlignmentSeconds", ""},
            {"  of which damage detection", "damageDetectionSeconds", ""},
            {"training", "trainingSeconds", ""},
            {"inference + compositing + writing frames", "inferenceWriteSeconds", ""},
            {"baseline + report", "baselineReportSeconds", ""},
            {"everything but training", "allButTrainingSeconds", ""},
            {"end to end", "totalSeconds", ""}};
        for (String[] r : rows) {
            double seconds = stages.get(r[1]).getAsDouble();
            double each = seconds / frames;
            String target = r[2].isEmpty() ? "" : "<= " + r[2] + (each <= Double.parseDouble(r[2]) ? " met" : " MISSED");
            out.printf(Locale.ROOT, format, r[0], fmt(seconds), fmt(each), target);
        }
        double peak = run.get("peakResidentBytes").getAsDouble() / (1L << 30);
        String peakTarget = dvd ? String.format(Locale.ROOT, "target <= %.0f GiB %s; ", TARGET_PEAK_GIB,
                peak <= TARGET_PEAK_GIB ? "met" : "MISSED") : "";
        out.printf(Locale.ROOT, "peak resident memory %.2f GiB (%s%s); load average %s before, %s after; %d cores, %.0f s CPU%n", peak,
                peakTarget, run.get("peakOf").getAsString(), run.get("loadAverageBefore"), run.get("loadAverageAfter"),
                Runtime.getRuntime().availableProcessors(), run.get("cpuSeconds").getAsDouble());
        if (!dvd) {
            double minutes = stages.get("totalSeconds").getAsDouble() / 60;
            out.printf(Locale.ROOT, "end to end %.1f min: target <= %.0f min (with %s) %s%n", minutes, TARGET_MULTIPRINT_MINUTES, p9Case(),
                    !options.isP9Case() ? "not judged: another case" : minutes <= TARGET_MULTIPRINT_MINUTES ? "met" : "MISSED");
            return;
        }
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
     * ("Choosing ..." the master among prints, "Matching ..."), the registration ("Registering ...",
     * within it the frames' spatial alignment: "aligning scan frame ..." sub-tasks, and damage
     * detection: "damage of frame ..."), training ("Training ..."), inference ("Restoring ...") and
     * the baseline with the report ("Writing ..."). Every task and sub-task name (digits dropped)
     * also gets its own total.
     */
    private static final class StageClock extends ProgressMonitorWrapper {
        private static final Map<String, String> STAGES = Map.of("Choosing", "temporalSeconds", "Matching", "temporalSeconds",
                "Registering", "registrationSeconds", "Training", "trainingSeconds", "Restoring", "inferenceWriteSeconds", "Writing",
                "baselineReportSeconds");
        /** The stages in the results file, in the order they run. */
        private static final List<String> KEYS = List.of("temporalSeconds", "registrationSeconds", "trainingSeconds",
                "inferenceWriteSeconds", "baselineReportSeconds");
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
            for (String key : KEYS) {
                json.addProperty(key, stageSeconds.getOrDefault(key, 0.0));
            }
            json.addProperty("spatialAlignmentSeconds", segments.getOrDefault("aligning scan frame N of N", 0.0));
            json.addProperty("damageDetectionSeconds", segments.getOrDefault("damage of frame N of N", 0.0));
            json.addProperty("allButTrainingSeconds", (end - start) / 1e9 - stageSeconds.getOrDefault("trainingSeconds", 0.0));
            json.addProperty("totalSeconds", (end - start) / 1e9);
            JsonObject tasks = new JsonObject();
            segments.forEach(tasks::addProperty);
            json.add("tasks", tasks);
            return json;
        }
    }
}
