package org.emulsion.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleSupplier;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;
import org.emulsion.bench.internal.BenchOutput;
import org.emulsion.bench.internal.NetworkFlops;
import org.emulsion.bench.internal.ProcessStats;
import org.emulsion.bench.internal.Series;
import org.emulsion.core.EmulsionException;
import org.emulsion.engine.extensions.ArchitectureContribution;
import org.emulsion.engine.extensions.ModelArchitecture;
import org.emulsion.engine.extensions.ModelArchitectureRegistry;
import org.emulsion.core.image.Image;
import org.emulsion.engine.Djl;
import org.emulsion.engine.EngineEnvironment;
import org.emulsion.engine.ModelTrainer;
import org.emulsion.engine.ThreadLayout;
import org.emulsion.engine.TrainingLog;
import org.emulsion.engine.TrainedModel;
import org.emulsion.engine.TrainingListener;
import org.emulsion.engine.TrainingPair;
import org.emulsion.engine.TrainingSettings;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * {@code bench engine}: how fast the engine trains and infers on this machine, with the chroma
 * network the pipeline uses at its default width: training patches per second (batch of 8) and
 * their share of what the same run's matrix-product speed allows for the network's FLOPs,
 * inference milliseconds per frame (tiled as the pipeline infers) from 1080p to a 4400×3300 scan,
 * the peak resident memory of each frame size, on a CPU whether two alike training runs agree bit for bit
 * (they must; on some CPUs native code reads memory it never wrote), and a plain DJL matrix product as a yardstick of
 * the machine's speed in the same run. Every figure is the median of repeated runs after a
 * warm-up, with the load average at its start; the device, the thread pools and the allocator are
 * recorded with them, because on shared 2-core machines they decide the result as much as the code
 * does. Optionally a long training run samples the resident memory, which must stay flat.
 */
public final class EngineBenchmark {
    /** The preset the targets are set for. */
    static final String SMALL = "small";
    /** The architecture measured: the chroma network the demo workflow trains. */
    public static final String ARCHITECTURE = "org.emulsion.models.chromaNet";
    /** Acceptance targets on 2 cores (issue P13), for the standard sizes. */
    public static final double TARGET_PATCHES_PER_SECOND = 400;
    public static final String TARGET_PATCHES_AT = "64x64x8";
    /** Share of the patches per second the same run's matmul speed allows for the network's FLOPs. */
    public static final double TARGET_MATMUL_SHARE = 0.6;
    public static final double TARGET_MS_PER_FRAME = 400;
    public static final String TARGET_MS_AT = "1920x1080";
    /** Frame sizes whose time may be at most this many times the 1080p time. */
    public static final Map<String, Double> TARGET_TIMES_1080P = Map.of("2048x1556", 1.7, "4096x3112", 7.0);
    public static final double TARGET_PEAK_GIB = 4;
    public static final String TARGET_PEAK_AT = "4096x3112";
    /** Seconds between resident-memory samples of the long training run. */
    private static final int SOAK_SAMPLE_SECONDS = 30;

    private static final int RUNS = 5;
    private static final int QUICK_RUNS = 2;
    private static final int STEPS_PER_RUN = 20;
    private static final int QUICK_STEPS_PER_RUN = 3;
    private static final int MATMULS_PER_RUN = 4;
    /** Steps of each of the two alike training runs, in either mode: a few seconds at the standard sizes. */
    private static final int REPEATED_STEPS = 50;
    private static final double GIB = 1L << 30;

    /** A frame size for the inference measurement. */
    public record Frame(int width, int height) {
        public String key() { return width + "x" + height; }
    }

    /**
     * What to measure.
     *
     * @param patches square training patch sizes (multiples of the network's size multiple)
     * @param batch   patches per training step
     * @param frames  frame sizes to infer, in order; the peak memory of each is measured separately
     * @param matmul  side of the square float matrices multiplied for the reference figure
     */
    public record Sizes(List<Integer> patches, int batch, List<Frame> frames, int matmul) {
        public Sizes {
            if (patches.isEmpty() || batch < 1 || matmul < 1 || frames.stream().anyMatch(f -> f.width() < 1 || f.height() < 1)) {
                throw new IllegalArgumentException("bad benchmark sizes: patches " + patches + " x " + batch + ", frames " + frames
                        + ", matmul " + matmul);
            }
            patches = List.copyOf(patches);
            frames = List.copyOf(frames);
        }

        /**
         * The sizes: 64² and 128² patches × 8; 1080p, 2K full aperture (2048×1556), 4K full
         * aperture (4096×3112) and a 4400×3300 archive scan; 1024² matmul.
         */
        public static Sizes standard() {
            return new Sizes(List.of(64, 128), 8, List.of(new Frame(1920, 1080), new Frame(2048, 1556), new Frame(4096, 3112),
                    new Frame(4400, 3300)), 1024);
        }
    }

    /**
     * @param quick       fewer and shorter runs (a smoke test of the figures, not a measurement to quote)
     * @param json        where to write the results; must not exist yet
     * @param preset      the chroma network's preset measured ({@code small}, {@code medium}, {@code large})
     * @param soakMinutes minutes of one long training run (first patch size) whose resident memory is
     *                    sampled every {@value #SOAK_SAMPLE_SECONDS} s; 0 for none
     */
    public record Options(boolean quick, Path json, Sizes sizes, String preset, int soakMinutes) {
        /** The {@value EngineBenchmark#SMALL} preset the CPU targets are set for, no soak. */
        public Options(boolean quick, Path json, Sizes sizes) {
            this(quick, json, sizes, SMALL, 0);
        }
    }

    private EngineBenchmark() {
    }

    /** Measures, prints a table to {@code out}, writes {@code options.json()} and returns what it wrote. */
    public static JsonObject run(Options options, PrintStream out, IProgressMonitor monitor) throws EmulsionException {
        BenchOutput.refuseExisting(options.json());
        Sizes sizes = options.sizes();
        int runs = options.quick() ? QUICK_RUNS : RUNS;
        int steps = options.quick() ? QUICK_STEPS_PER_RUN : STEPS_PER_RUN;
        ArchitectureContribution architecture = ModelArchitectureRegistry.get().find(ARCHITECTURE).orElseThrow(
                () -> new EmulsionException("the architecture " + ARCHITECTURE + " is not installed; install org.emulsion.core.feature"));
        String preset = options.preset();
        if (architecture.presets().stream().noneMatch(p -> p.name().equals(preset))) {
            throw new EmulsionException("the chroma network has no preset '" + preset + "'; its presets: "
                    + architecture.presets().stream().map(p -> p.name()).toList());
        }
        SubMonitor progress = SubMonitor.convert(monitor, "Engine benchmark", 2 + sizes.patches().size() + sizes.frames().size()
                + (options.soakMinutes() > 0 ? 1 : 0));
        double[] loadBefore = ProcessStats.loadAverage();
        long start = System.nanoTime();
        EngineEnvironment environment = EngineEnvironment.current();

        progress.subTask("DJL matmul " + sizes.matmul() + "²");
        JsonObject matmul = new JsonObject();
        matmul.add("loadAverageAtStart", array(ProcessStats.loadAverage()));
        matmul.addProperty("n", sizes.matmul());
        matmul.addProperty("matmulsPerRun", MATMULS_PER_RUN);
        matmul.addProperty("dataType", matmulType().toString());
        matmul.add("gflops", measureMatmul(sizes.matmul(), runs).toJson());
        progress.worked(1);

        Bench bench = new Bench(architecture, sizes.batch(), steps, preset);
        JsonObject training = new JsonObject();
        double matmulGflops = matmul.getAsJsonObject("gflops").get("median").getAsDouble();
        for (int patch : sizes.patches()) {
            checkCancelled(progress);
            String key = patch + "x" + patch + "x" + sizes.batch();
            progress.subTask("training " + key);
            JsonObject t = bench.training(patch, runs);
            // forward, gradient of the input and gradient of the weights: three times the forward convolutions
            double perPatch = 3 * bench.forwardFlops(patch, patch);
            double allowed = matmulGflops * 1e9 / perPatch;
            t.addProperty("flopsPerPatch", perPatch);
            t.addProperty("flopsPerPatchCounted", "3 x the forward convolutions (forward, input gradient, weight gradient)");
            t.addProperty("patchesPerSecondMatmulAllows", allowed);
            t.addProperty("shareOfMatmul", t.getAsJsonObject("patchesPerSecond").get("median").getAsDouble() / allowed);
            training.add(key, t);
            progress.worked(1);
        }

        // on a CPU only: a thread layout fixes its arithmetic, while a GPU's kernels need not repeat bit for bit
        JsonObject repeatable = null;
        if (!Djl.device().isGpu()) {
            checkCancelled(progress);
            progress.subTask("training twice alike");
            repeatable = bench.repeatability(sizes.patches().get(0), REPEATED_STEPS);
        }
        progress.worked(1);

        // the long training run before any inference, so that its memory is training's alone
        JsonObject soak = null;
        if (options.soakMinutes() > 0) {
            checkCancelled(progress);
            progress.subTask("training " + options.soakMinutes() + " minutes, sampling resident memory");
            soak = bench.soak(sizes.patches().get(0), options.soakMinutes());
            progress.worked(1);
        }

        JsonObject inference = new JsonObject();
        try (TrainedModel model = bench.train(sizes.patches().get(0), steps, null)) {
            for (Frame frame : sizes.frames()) {
                checkCancelled(progress);
                progress.subTask("inference " + frame.key());
                JsonObject f = Bench.inference(model, frame, architecture.inputChannels(), runs);
                if (f.has("msPerFrame")) {
                    double flops = bench.forwardFlops(frame.width(), frame.height());
                    f.addProperty("flopsPerFrame", flops);
                    f.addProperty("gflopsEffective", flops / 1e6 / f.getAsJsonObject("msPerFrame").get("median").getAsDouble());
                }
                inference.add(frame.key(), f);
                progress.worked(1);
            }
        }

        JsonObject run = BenchOutput.runHeader(options.quick(), start);
        run.addProperty("architecture", architecture.id());
        run.addProperty("preset", preset);
        run.addProperty("baseWidth", architecture.preset(preset).baseWidth());
        run.addProperty("depth", architecture.preset(preset).depth());
        run.addProperty("inferencePrecision", environment.precision());
        run.addProperty("runs", runs);
        run.addProperty("warmupRuns", 1);
        run.add("loadAverageBefore", array(loadBefore));
        run.add("loadAverageAfter", array(ProcessStats.loadAverage()));
        run.addProperty("javaMaxHeapBytes", Runtime.getRuntime().maxMemory());
        run.add("environment", toJson(environment));
        JsonObject targets = new JsonObject();
        targets.addProperty("trainingPatchesPerSecond " + TARGET_PATCHES_AT, TARGET_PATCHES_PER_SECOND);
        targets.addProperty("trainingShareOfMatmul " + TARGET_PATCHES_AT, TARGET_MATMUL_SHARE);
        targets.addProperty("inferenceMsPerFrame " + TARGET_MS_AT, TARGET_MS_PER_FRAME);
        TARGET_TIMES_1080P.forEach((frame, times) -> targets.addProperty("inferenceTimesThe1080pTime " + frame, times));
        targets.addProperty("peakResidentGiB " + TARGET_PEAK_AT, TARGET_PEAK_GIB);
        run.add("targets", targets);

        JsonObject root = new JsonObject();
        root.add("run", run);
        root.add("matmul", matmul);
        root.add("training", training);
        if (repeatable != null) {
            root.add("trainingRepeatable", repeatable);
        }
        root.add("inference", inference);
        if (soak != null) {
            root.add("trainingMemory", soak);
        }
        BenchOutput.writeJson(options.json(), root);
        printTable(root, out);
        return root;
    }

    /** Training and inference on synthetic frames of a fixed seed: their content does not change the speed. */
    private record Bench(ArchitectureContribution architecture, int batch, int steps, String preset) {

        /**
         * Steady-state training speed. Every model the trainer returns is fresh; its first step
         * also allocates and picks kernels, and on a CPU its first steps take turns at each
         * thread layout before it goes on with the fastest
         * ({@link ModelTrainer#threadProbeSteps()}). The trainer reports each step to its progress
         * monitor, so the rate counts the {@code steps} after those (after the first when there is
         * no probe). The whole run's rate, probe and first step included, is kept as well.
         */
        JsonObject training(int patch, int runs) {
            JsonObject json = new JsonObject();
            json.add("loadAverageAtStart", array(ProcessStats.loadAverage()));
            int probe = ModelTrainer.threadProbeSteps();
            int first = Math.max(1, probe); // the step whose end starts the clock
            int total = probe + steps;
            // a warm-up as long as a timed run: PyTorch creates kernels for every layout the probe tries, and the
            // JVM compiles the sampler and the step's Java code on threads that would otherwise take a core from it
            train(patch, total, null).close();
            double[] rates = new double[runs];
            double[] withSetup = new double[runs];
            boolean perStep = true;
            JsonArray threads = new JsonArray();
            double cpu = ProcessStats.cpuSeconds();
            long wall = System.nanoTime();
            for (int i = 0; i < runs; i++) {
                StepClock clock = new StepClock();
                try (TrainedModel model = train(patch, total, clock)) {
                    withSetup[i] = model.steps() * (double) batch / model.trainingSeconds();
                    List<Long> ends = clock.stepEnds;
                    perStep &= ends.size() == model.steps() && ends.size() > first;
                    rates[i] = perStep ? (ends.size() - first) * (double) batch / ((ends.get(ends.size() - 1) - ends.get(first - 1)) / 1e9)
                            : withSetup[i];
                }
                threads.add(clock.threads);
            }
            Series perSecond = new Series(rates);
            json.addProperty("patchSize", patch);
            json.addProperty("batch", batch);
            json.addProperty("stepsPerRun", total);
            json.addProperty("timing", perStep ? "steps " + (first + 1) + " to " + total + " of a fresh model, timed at the trainer's per-step progress reports"
                    + (probe > 0 ? " (steps 1 to " + probe + " chose the thread layout)" : "")
                    : "the trainer's clock for a whole run, first step included (the trainer did not report each step)");
            json.add("threadsChosen", threads);
            json.add("patchesPerSecond", perSecond.toJson());
            json.addProperty("msPerStepMedian", 1000.0 * batch / perSecond.median());
            json.add("patchesPerSecondWithSetup", new Series(withSetup).toJson());
            json.addProperty("cpuCoresBusy", coresBusy(cpu, wall));
            return json;
        }

        /** FLOPs of the network's convolutions in one forward pass on a {@code width}×{@code height} input (batch of 1). */
        double forwardFlops(int width, int height) {
            ModelArchitecture network = architecture.instance();
            int m = network.sizeMultiple(architecture.preset(SMALL));
            try (NDManager manager = Djl.engine().newBaseManager(Djl.device())) {
                return NetworkFlops.forward(network.newBlock(architecture.preset(SMALL)), manager,
                        new Shape(1, architecture.inputChannels(), (height + m - 1) / m * m, (width + m - 1) / m * m));
            }
        }

        /**
         * One training run of {@code minutes} whose resident memory is sampled every
         * {@value #SOAK_SAMPLE_SECONDS} s (at each step's progress report once that long has passed):
         * a training run's memory must stay flat, whatever the allocator.
         */
        JsonObject soak(int patch, int minutes) {
            JsonArray samples = new JsonArray();
            long start = System.nanoTime();
            long[] next = {0};
            int[] steps = {0};
            IProgressMonitor sampler = new NullProgressMonitor() {
                @Override
                public void subTask(String name) {
                    steps[0]++;
                    long now = System.nanoTime() - start;
                    if (now >= next[0]) {
                        JsonArray sample = new JsonArray();
                        sample.add(now / 1e9);
                        sample.add(steps[0]);
                        sample.add(ProcessStats.memory().residentBytes());
                        sample.add(Runtime.getRuntime().totalMemory()); // the Java heap's share of it, at most
                        samples.add(sample);
                        next[0] += SOAK_SAMPLE_SECONDS * 1_000_000_000L;
                    }
                }
            };
            ModelArchitecture network = architecture.instance();
            TrainingPair pair = pair(Math.max(4 * patch, 256), architecture.inputChannels(), architecture.outputChannels());
            TrainingSettings settings = new TrainingSettings(patch, batch, Integer.MAX_VALUE, Duration.ofMinutes(minutes), 1e-3f,
                    architecture.preset(SMALL), 1);
            try (TrainedModel model = ModelTrainer.train(network, List.of(pair), settings, sampler)) {
                JsonObject json = new JsonObject();
                json.addProperty("patchSize", patch);
                json.addProperty("batch", batch);
                json.addProperty("minutes", minutes);
                json.addProperty("steps", model.steps());
                json.addProperty("sampleSeconds", SOAK_SAMPLE_SECONDS);
                json.addProperty("samplesAre", "[seconds, step, resident bytes, Java heap committed bytes]");
                json.add("samples", samples);
                json.addProperty("residentBytesAtEnd", ProcessStats.memory().residentBytes());
                json.add("loadAverageAtEnd", array(ProcessStats.loadAverage()));
                return json;
            }
        }

        /**
         * The same steps twice from the same start in one fixed thread layout (one replica per core,
         * one thread each), the two models' outputs on one input compared bit for bit. A replica's
         * share of a step is the same whichever finishes first, so the two must agree exactly; a
         * difference means native code read memory it never wrote (README, "Memory never written"),
         * which on some CPUs oneDNN's AVX-512 convolutions do.
         */
        JsonObject repeatability(int patch, int steps) {
            ThreadLayout layout = new ThreadLayout(Math.max(1, Runtime.getRuntime().availableProcessors()), 1);
            Image input = noise(4 * patch, 4 * patch, architecture.inputChannels(), 11);
            float[][] outputs = new float[2][];
            for (int run = 0; run < 2; run++) {
                try (TrainedModel model = train(patch, steps, null, layout)) {
                    outputs[run] = model.predict(input).data();
                }
            }
            int differing = 0;
            double largest = 0;
            for (int i = 0; i < outputs[0].length; i++) {
                float a = outputs[0][i];
                float b = outputs[1][i];
                if (Float.floatToRawIntBits(a) != Float.floatToRawIntBits(b)) {
                    differing++;
                    largest = Double.isNaN(a - b) ? Double.NaN : Math.max(largest, Math.abs(a - b));
                }
            }
            JsonObject json = new JsonObject();
            json.addProperty("patchSize", patch);
            json.addProperty("batch", batch);
            json.addProperty("steps", steps);
            json.addProperty("threadLayout", layout.toString());
            json.addProperty("oneDnnMaxCpuIsa", String.valueOf(System.getenv("ONEDNN_MAX_CPU_ISA")));
            json.addProperty("samplesCompared", outputs[0].length);
            json.addProperty("samplesDiffering", differing);
            json.addProperty("largestDifference", largest);
            json.addProperty("identical", differing == 0);
            return json;
        }

        /** A fresh model trained for {@code steps}; its training time is the engine's own clock (data preparation excluded). */
        TrainedModel train(int patch, int steps, IProgressMonitor monitor) {
            return train(patch, steps, monitor, null);
        }

        /** {@link #train(int, int, IProgressMonitor)} in {@code layout}; null lets the trainer time the candidates. */
        TrainedModel train(int patch, int steps, IProgressMonitor monitor, ThreadLayout layout) {
            ModelArchitecture network = architecture.instance();
            TrainingPair pair = pair(Math.max(4 * patch, 256), architecture.inputChannels(), architecture.outputChannels());
            TrainingSettings settings = new TrainingSettings(patch, batch, steps, Duration.ofHours(1), 1e-3f,
                    architecture.preset(preset), 1);
            ModelTrainer.Builder builder = ModelTrainer.builder(network, List.of(pair), settings);
            if (monitor instanceof TrainingListener listener) {
                builder.listener(listener);
            }
            if (layout != null) {
                builder.threadLayout(layout);
            }
            try {
                return builder.train(monitor);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // nothing is read or written without a run folder
            }
        }

        static JsonObject inference(TrainedModel model, Frame frame, int channels, int runs) {
            JsonObject json = new JsonObject();
            json.add("loadAverageAtStart", array(ProcessStats.loadAverage()));
            json.addProperty("width", frame.width());
            json.addProperty("height", frame.height());
            Image input = noise(frame.width(), frame.height(), channels, 7);
            // The peak of this frame size alone, not of whatever ran before it in this process.
            json.addProperty("peakReset", ProcessStats.resetPeak());
            try {
                model.predict(input); // warm-up
                double cpu = ProcessStats.cpuSeconds();
                long wall = System.nanoTime();
                Series ms = new Series(timed(runs, () -> model.predict(input)));
                json.add("msPerFrame", ms.toJson());
                json.addProperty("cpuCoresBusy", coresBusy(cpu, wall));
            } catch (RuntimeException | OutOfMemoryError e) {
                // A frame that does not fit is a result too: record it, measure the other sizes.
                json.addProperty("error", String.valueOf(e));
            }
            ProcessStats.Memory memory = ProcessStats.memory();
            json.addProperty("peakResidentBytes", memory.peakBytes());
            json.addProperty("residentBytesAfter", memory.residentBytes());
            return json;
        }
    }

    /**
     * When each training step ended (the trainer names every finished step as a sub-task), and
     * the thread layout the run chose with each candidate's step time.
     */
    private static final class StepClock extends NullProgressMonitor implements TrainingListener {
        final List<Long> stepEnds = new ArrayList<>();
        final JsonObject threads = new JsonObject();

        @Override
        public void subTask(String name) {
            stepEnds.add(System.nanoTime());
        }

        @Override
        public void threadsChosen(int step, ThreadLayout layout, Map<ThreadLayout, Double> millisPerStep) {
            TrainingLog.threadsJson(layout, millisPerStep).entrySet().forEach(e -> threads.add(e.getKey(), e.getValue()));
        }
    }

    /**
     * Matrix products on the engine's device in the inference precision's type (float32, or the
     * reduced type a GPU's tensor cores run): what the machine gives DJL right now.
     */
    private static Series measureMatmul(int n, int runs) {
        try (NDManager manager = Djl.engine().newBaseManager(Djl.device())) {
            NDArray a = manager.randomUniform(-1, 1, new Shape(n, n)).toType(matmulType(), false);
            NDArray b = manager.randomUniform(-1, 1, new Shape(n, n)).toType(matmulType(), false);
            DoubleSupplier product = () -> {
                long t = System.nanoTime();
                for (int i = 0; i < MATMULS_PER_RUN; i++) {
                    try (NDArray c = a.matMul(b); NDArray corner = c.get(0, 0).toType(ai.djl.ndarray.types.DataType.FLOAT32, false)) {
                        corner.getFloat(); // waits for the result on asynchronous devices
                    }
                }
                return 2.0 * n * n * n * MATMULS_PER_RUN / (System.nanoTime() - t);
            };
            product.getAsDouble(); // warm-up
            double[] gflops = new double[runs];
            for (int i = 0; i < runs; i++) {
                gflops[i] = product.getAsDouble();
            }
            return new Series(gflops);
        }
    }

    private static ai.djl.ndarray.types.DataType matmulType() {
        return Djl.dataType(Djl.precision());
    }

    private static double[] timed(int runs, Runnable action) {
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            action.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        return ms;
    }

    private static double coresBusy(double cpuBefore, long wallBefore) {
        double cpu = ProcessStats.cpuSeconds();
        return cpu < 0 || cpuBefore < 0 ? Double.NaN : (cpu - cpuBefore) / ((System.nanoTime() - wallBefore) / 1e9);
    }

    /** Input: uniform noise in [0.1, 0.9]; target: a fixed function of it; mask: evidence everywhere. */
    private static TrainingPair pair(int size, int inChannels, int outChannels) {
        Image input = noise(size, size, inChannels, 5);
        Image target = Image.blank(size, size, outChannels);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                for (int c = 0; c < outChannels; c++) {
                    target.set(x, y, c, 0.8f * input.get(x, y, (c + 1) % inChannels) + 0.1f);
                }
            }
        }
        Image mask = Image.blank(size, size, 1);
        Arrays.fill(mask.data(), 1f);
        return new TrainingPair("bench", input, target, mask);
    }

    private static Image noise(int width, int height, int channels, long seed) {
        Random random = new Random(seed);
        Image image = Image.blank(width, height, channels);
        float[] data = image.data();
        for (int i = 0; i < data.length; i++) {
            data[i] = 0.1f + 0.8f * random.nextFloat();
        }
        return image;
    }

    private static void checkCancelled(IProgressMonitor monitor) {
        if (monitor.isCanceled()) {
            throw new OperationCanceledException();
        }
    }

    static JsonObject toJson(EngineEnvironment e) {
        JsonObject json = new JsonObject();
        json.addProperty("djl", e.djlVersion());
        json.addProperty("engine", e.engine() + " " + e.engineVersion());
        json.addProperty("device", e.device());
        json.addProperty("cuda", e.cuda());
        json.addProperty("cudaVersion", e.cudaVersion());
        JsonArray gpus = new JsonArray();
        for (EngineEnvironment.Gpu g : e.gpus()) {
            JsonObject gpu = new JsonObject();
            gpu.addProperty("index", g.index());
            gpu.addProperty("computeCapability", g.computeCapability());
            gpu.addProperty("memoryBytes", g.memoryBytes());
            gpus.add(gpu);
        }
        json.add("gpus", gpus);
        json.addProperty("intraOpThreads", e.intraOpThreads());
        json.addProperty("interOpThreads", e.interOpThreads());
        json.addProperty("OMP_NUM_THREADS", e.ompNumThreads());
        json.addProperty("ompWait", e.ompWait());
        json.addProperty("jemalloc", e.jemalloc());
        json.addProperty("LD_PRELOAD", e.ldPreload());
        json.addProperty("MALLOC_CONF", e.mallocConf());
        json.addProperty("libtorch", e.libtorch());
        JsonArray choices = new JsonArray();
        e.libtorchChoices().forEach(choices::add);
        json.add("libtorchChoices", choices);
        json.addProperty("precision", e.precision());
        json.addProperty("GLIBC_TUNABLES", System.getenv().getOrDefault("GLIBC_TUNABLES", ""));
        return json;
    }

    /**
     * Each run's choice with its probe's median ms a step per layout, e.g. "2x1 (1: 19.5, 2: 29.3, 2x1: 15.1 ms/step)"
     * (a thread count for one replica, replicas x threads each for more).
     */
    private static String threadsChosen(JsonArray runs) {
        List<String> each = new ArrayList<>();
        for (JsonElement r : runs) {
            JsonObject run = r.getAsJsonObject();
            if (!run.has("layout")) {
                continue;
            }
            List<String> times = new ArrayList<>();
            run.getAsJsonObject("msPerStep").entrySet().forEach(e -> times.add(e.getKey() + ": " + fmt(e.getValue().getAsDouble())));
            each.add(run.get("layout").getAsString() + " (" + String.join(", ", times) + " ms/step)");
        }
        return each.isEmpty() ? "none to choose" : String.join("; ", each);
    }

    private static JsonArray array(double[] values) {
        JsonArray array = new JsonArray();
        for (double v : values) {
            array.add(v);
        }
        return array;
    }

    /**
     * One row per figure: median, min, max, unit, the 1-minute load average when its measurement
     * started, the target where the issue sets one and whether it was met.
     */
    public static void printTable(JsonObject root, PrintStream out) {
        List<String[]> rows = new ArrayList<>();
        JsonObject matmul = root.getAsJsonObject("matmul");
        rows.add(row("DJL matmul " + matmul.get("n").getAsInt() + "²", matmul.getAsJsonObject("gflops"), "GFLOP/s", matmul, "", null));
        for (Map.Entry<String, JsonElement> t : root.getAsJsonObject("training").entrySet()) {
            JsonObject figure = t.getValue().getAsJsonObject();
            boolean target = t.getKey().equals(TARGET_PATCHES_AT);
            double rate = figure.getAsJsonObject("patchesPerSecond").get("median").getAsDouble();
            rows.add(row("training " + t.getKey(), figure.getAsJsonObject("patchesPerSecond"), "patches/s", figure,
                    target ? ">= " + fmt(TARGET_PATCHES_PER_SECOND) : "", target ? rate >= TARGET_PATCHES_PER_SECOND : null));
            if (figure.has("shareOfMatmul")) {
                double share = figure.get("shareOfMatmul").getAsDouble();
                rows.add(new String[] {"  of matmul's " + fmt(figure.get("patchesPerSecondMatmulAllows").getAsDouble()), fmt(share), "", "",
                        "share", "", target ? ">= " + fmt(TARGET_MATMUL_SHARE) : "", target ? verdict(share >= TARGET_MATMUL_SHARE) : ""});
            }
            if (figure.has("threadsChosen")) {
                rows.add(new String[] {"  threads chosen", threadsChosen(figure.getAsJsonArray("threadsChosen"))});
            }
        }
        if (root.has("trainingRepeatable")) {
            JsonObject r = root.getAsJsonObject("trainingRepeatable");
            rows.add(new String[] {"training twice alike (" + r.get("steps").getAsInt() + " steps, " + r.get("threadLayout").getAsString() + ")",
                    r.get("identical").getAsBoolean() ? "identical"
                            : r.get("samplesDiffering").getAsInt() + " of " + r.get("samplesCompared").getAsInt() + " outputs differ, by up to "
                                    + fmt(r.get("largestDifference").getAsDouble())});
        }
        JsonObject inference = root.getAsJsonObject("inference");
        double base = inference.has(TARGET_MS_AT) && inference.getAsJsonObject(TARGET_MS_AT).has("msPerFrame")
                ? inference.getAsJsonObject(TARGET_MS_AT).getAsJsonObject("msPerFrame").get("median").getAsDouble() : Double.NaN;
        for (Map.Entry<String, JsonElement> f : inference.entrySet()) {
            JsonObject frame = f.getValue().getAsJsonObject();
            String key = f.getKey();
            if (frame.has("error")) {
                rows.add(new String[] {"inference " + key, "failed: " + frame.get("error").getAsString()});
            } else {
                double ms = frame.getAsJsonObject("msPerFrame").get("median").getAsDouble();
                Double times = TARGET_TIMES_1080P.get(key);
                String target = key.equals(TARGET_MS_AT) ? "<= " + fmt(TARGET_MS_PER_FRAME)
                        : times != null ? String.format(Locale.ROOT, "<= %.1fx 1080p = %s", times, fmt(times * base)) : "";
                Boolean met = key.equals(TARGET_MS_AT) ? (Boolean) (ms <= TARGET_MS_PER_FRAME) : times != null && !Double.isNaN(base) ? ms <= times * base : null;
                rows.add(row("inference " + key, frame.getAsJsonObject("msPerFrame"), "ms/frame", frame, target, met));
            }
            double peak = frame.get("peakResidentBytes").getAsDouble() / GIB;
            boolean target = key.equals(TARGET_PEAK_AT);
            rows.add(new String[] {"peak RSS " + key + (frame.get("peakReset").getAsBoolean() ? "" : " (process)"), fmt(peak), "", "", "GiB", "",
                    target ? "<= " + fmt(TARGET_PEAK_GIB) : "", target ? verdict(peak <= TARGET_PEAK_GIB) : ""});
        }
        if (root.has("trainingMemory")) {
            JsonObject soak = root.getAsJsonObject("trainingMemory");
            JsonArray samples = soak.getAsJsonArray("samples");
            // the first sample after a minute: allocator and engine caches have settled by then
            JsonArray start = samples.get(0).getAsJsonArray();
            for (JsonElement e : samples) {
                if (e.getAsJsonArray().get(0).getAsDouble() >= 60) {
                    start = e.getAsJsonArray();
                    break;
                }
            }
            double startGib = start.get(2).getAsDouble() / GIB;
            double endGib = soak.get("residentBytesAtEnd").getAsDouble() / GIB;
            rows.add(new String[] {"training RSS, " + soak.get("minutes").getAsInt() + " min", fmt(endGib), fmt(startGib), "", "GiB", "",
                    String.format(Locale.ROOT, "end vs %.0f s: %+.0f MiB, %d steps", start.get(0).getAsDouble(), (endGib - startGib) * 1024,
                            soak.get("steps").getAsInt()), ""});
        }
        String format = "%-28s %10s %10s %10s  %-9s %5s  %-24s %s";
        String header = String.format(Locale.ROOT, format, "figure", "median", "min", "max", "unit", "load", "target", "");
        out.println(header);
        out.println("-".repeat(header.length()));
        for (String[] cells : rows) {
            out.println(cells.length == 2 ? String.format(Locale.ROOT, "%-28s %s", cells[0], cells[1])
                    : String.format(Locale.ROOT, format, (Object[]) cells).stripTrailing());
        }
        JsonObject run = root.getAsJsonObject("run");
        JsonObject env = run.getAsJsonObject("environment");
        out.printf(Locale.ROOT, "%s runs of each (median) after a warm-up, %s mode; preset %s, inference %s; device %s, %s, DJL %s; %d cores, "
                + "threads intra-op %d / inter-op %d, OMP_NUM_THREADS %s, %s; allocator %s%n",
                run.get("runs"), run.get("mode").getAsString(), run.get("preset").getAsString(),
                run.has("inferencePrecision") ? run.get("inferencePrecision").getAsString() : "fp32", env.get("device").getAsString(), env.get("engine").getAsString(),
                env.get("djl").getAsString(), run.get("cores").getAsInt(), env.get("intraOpThreads").getAsInt(),
                env.get("interOpThreads").getAsInt(), env.get("OMP_NUM_THREADS").isJsonNull() ? "unset" : env.get("OMP_NUM_THREADS").getAsString(),
                env.has("ompWait") ? env.get("ompWait").getAsString() : "OpenMP wait not recorded",
                env.get("jemalloc").getAsBoolean() ? "jemalloc (MALLOC_CONF " + env.get("MALLOC_CONF").getAsString() + ")"
                        : "glibc (GLIBC_TUNABLES " + env.get("GLIBC_TUNABLES").getAsString() + ")");
        out.printf(Locale.ROOT, "load average before %s, after %s; %.0f s in all%n", run.get("loadAverageBefore"),
                run.get("loadAverageAfter"), run.get("seconds").getAsDouble());
    }

    /** A figure's row; {@code met} null where no target applies. */
    private static String[] row(String name, JsonObject series, String unit, JsonObject figure, String target, Boolean met) {
        JsonArray load = figure.has("loadAverageAtStart") ? figure.getAsJsonArray("loadAverageAtStart") : new JsonArray();
        return new String[] {name, fmt(series.get("median").getAsDouble()), fmt(series.get("min").getAsDouble()),
            fmt(series.get("max").getAsDouble()), unit, load.isEmpty() ? "" : String.format(Locale.ROOT, "%.1f", load.get(0).getAsDouble()),
            target, met == null ? "" : verdict(met)};
    }

    private static String verdict(boolean met) {
        return met ? "met" : "MISSED";
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, Math.abs(v) < 10 ? "%.2f" : "%.1f", v);
    }
}
