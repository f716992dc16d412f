package org.emulsion.engine;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The live log of a training run, {@value #FILE} in its run folder: one JSON object per line,
 * appended while the run trains so that another thread or process (the workbench's training
 * monitor) can follow it. Lines:
 * <pre>
 * {"event":"start","maxSteps":5000,"timeBudget":600.0,"patchSize":64,"batchSize":8,"learningRate":0.002}
 * {"event":"resumed","step":1000,"file":"step-0001000.ckpt"}
 * {"step":1001,"loss":0.0123,"lr":0.0019,"elapsed":61.2}
 * {"event":"threads","step":24,"layout":"2x1","replicas":2,"threads":1,"msPerStep":{"1":19.5,"2":29.3,"2x1":15.1}}
 * {"event":"validation","step":1100,"loss":0.015,"best":0.0141}
 * {"event":"contactSheet","step":1100,"file":"contact-sheets/step-0001100.png"}
 * {"event":"checkpoint","step":2000,"file":"step-0002000.ckpt"}
 * {"event":"rollback","step":2312,"toStep":2300,"cause":"loss","rateScale":0.5}
 * {"event":"stoppedEarly","step":2400,"bestStep":1900}
 * {"event":"finished","step":2400,"bestStep":1900,"elapsed":140.7}
 * {"event":"interrupted","step":1733}
 * </pre>
 * Times are seconds since the run's first step (resumed runs carry the time before). A run that
 * resumes appends to the same file: steps logged after its checkpoint by the interrupted run are
 * superseded by the resumed run's (readers drop them at the {@code resumed} line); so are the
 * steps after the state a {@code rollback} returns to. Lines are
 * written in batches, so the file costs nothing noticeable beside a training step.
 */
public final class TrainingLog {
    /**
     * A training run's thread choice as the log writes it: {@code layout} ("2x1"), {@code replicas},
     * {@code threads} (each replica's intra-op threads) and {@code msPerStep} (each candidate's time
     * a step, to 0.1 ms), for reports that show it beside the log.
     */
    public static JsonObject threadsJson(ThreadLayout layout, Map<ThreadLayout, Double> millisPerStep) {
        JsonObject json = new JsonObject();
        json.addProperty("layout", layout.toString());
        json.addProperty("replicas", layout.replicas());
        json.addProperty("threads", layout.threadsEach());
        JsonObject times = new JsonObject();
        millisPerStep.forEach((l, ms) -> times.addProperty(l.toString(), Math.round(ms * 10) / 10.0));
        json.add("msPerStep", times);
        return json;
    }

    /** The log's name in a run folder. */
    public static final String FILE = "training-log.jsonl";

    /** A training step: its loss and learning rate, and the training time up to its end. */
    public record Step(int step, float loss, float learningRate, double elapsedSeconds) {
    }

    /** A validation after {@code step}; {@code best} is the lowest so far. */
    public record Validation(int step, float loss, float best) {
    }

    /** A file the run wrote after {@code step} (a contact sheet or a checkpoint), resolved against the run folder. */
    public record Written(int step, Path file) {
    }

    private final Path runDirectory;
    private long consumed;
    private int maxSteps;
    private Duration timeBudget;
    private final List<Step> steps = new ArrayList<>();
    private final List<Validation> validations = new ArrayList<>();
    private final List<Written> contactSheets = new ArrayList<>();
    private final List<Written> checkpoints = new ArrayList<>();
    private final List<Rollback> rollbacks = new ArrayList<>();
    private String end;
    private int bestStep = -1;
    private ThreadLayout threadLayout;

    /** A reader of the log in {@code runDirectory}; {@link #poll()} reads it. */
    public TrainingLog(Path runDirectory) {
        this.runDirectory = runDirectory;
    }

    public Path runDirectory() {
        return runDirectory;
    }

    /**
     * Reads the lines appended since the last call (a line still being written is left for the next).
     *
     * @return whether anything new was read
     * @throws IOException naming the file when it cannot be read or a line is not a log entry
     */
    public synchronized boolean poll() throws IOException {
        Path file = runDirectory.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return false;
        }
        byte[] fresh;
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            if (channel.size() <= consumed) {
                return false;
            }
            channel.position(consumed);
            try (InputStream in = Channels.newInputStream(channel)) {
                fresh = in.readAllBytes();
            }
        }
        int complete = lastNewline(fresh) + 1;
        if (complete == 0) {
            return false;
        }
        String text = new String(fresh, 0, complete, StandardCharsets.UTF_8);
        consumed += complete;
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                try {
                    read(JsonParser.parseString(line).getAsJsonObject());
                } catch (RuntimeException e) {
                    throw new IOException(file + ": line \"" + line + "\" is not a training log entry (" + e.getMessage() + ")", e);
                }
            }
        }
        return true;
    }

    private static int lastNewline(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void read(JsonObject line) {
        if (!line.has("event")) {
            steps.add(new Step(line.get("step").getAsInt(), line.get("loss").getAsFloat(), line.get("lr").getAsFloat(),
                    line.get("elapsed").getAsDouble()));
            return;
        }
        int step = line.has("step") ? line.get("step").getAsInt() : 0;
        switch (line.get("event").getAsString()) {
            case "start" -> {
                maxSteps = line.get("maxSteps").getAsInt();
                timeBudget = Duration.ofMillis(Math.round(line.get("timeBudget").getAsDouble() * 1000));
                end = null;
            }
            case "resumed" -> {
                steps.removeIf(s -> s.step() > step);
                validations.removeIf(v -> v.step() > step);
                rollbacks.removeIf(r -> r.failedStep() > step);
            }
            case "rollback" -> {
                int to = line.get("toStep").getAsInt();
                steps.removeIf(s -> s.step() > to);
                validations.removeIf(v -> v.step() > to);
                rollbacks.add(new Rollback(step, to, line.get("cause").getAsString(), line.get("rateScale").getAsFloat()));
            }
            case "validation" -> validations.add(new Validation(step, line.get("loss").getAsFloat(), line.get("best").getAsFloat()));
            case "contactSheet" -> contactSheets.add(new Written(step, runDirectory.resolve(line.get("file").getAsString())));
            case "checkpoint" -> checkpoints.add(new Written(step, runDirectory.resolve(line.get("file").getAsString())));
            case "stoppedEarly" -> bestStep = line.get("bestStep").getAsInt();
            case "threads" -> threadLayout = line.has("layout") ? ThreadLayout.parse(line.get("layout").getAsString())
                    : ThreadLayout.intraOp(line.get("threads").getAsInt()); // a log written before layouts: a count
            case "finished" -> {
                end = "finished";
                bestStep = line.get("bestStep").getAsInt();
            }
            case "interrupted" -> end = "interrupted";
            default -> {
                // a newer writer's event: nothing to show for it
            }
        }
    }

    /** The thread layout a CPU run chose after timing its first steps (null before it chose, or on a GPU). */
    public synchronized ThreadLayout threadLayout() {
        return threadLayout;
    }

    /** The step limit (0 before the start line was read). */
    public synchronized int maxSteps() {
        return maxSteps;
    }

    /** The time limit (null before the start line was read). */
    public synchronized Duration timeBudget() {
        return timeBudget;
    }

    public synchronized List<Step> steps() {
        return List.copyOf(steps);
    }

    public synchronized List<Validation> validations() {
        return List.copyOf(validations);
    }

    /** Contact sheets in the order written (the newest last). */
    public synchronized List<Written> contactSheets() {
        return List.copyOf(contactSheets);
    }

    public synchronized List<Written> checkpoints() {
        return List.copyOf(checkpoints);
    }

    /** The returns to a last good state after a NaN or infinite value, in order. */
    public synchronized List<Rollback> rollbacks() {
        return List.copyOf(rollbacks);
    }

    /** The last step logged (0 before any). */
    public synchronized int lastStep() {
        return steps.isEmpty() ? 0 : steps.get(steps.size() - 1).step();
    }

    /** Training time up to the last step logged. */
    public synchronized Duration elapsed() {
        return steps.isEmpty() ? Duration.ZERO : seconds(steps.get(steps.size() - 1).elapsedSeconds());
    }

    /** Whether the run ended normally (its step count, time budget or early stopping). */
    public synchronized boolean finished() {
        return "finished".equals(end);
    }

    /** Whether the run ended without finishing (cancelled or failed); a resumed run clears it. */
    public synchronized boolean interrupted() {
        return "interrupted".equals(end);
    }

    /** The step whose weights the run keeps (its best validation), or -1 when not known yet. */
    public synchronized int bestStep() {
        return bestStep;
    }

    /**
     * Time left until the nearer of the two limits, at the pace of the last (up to) 50 steps; null
     * while that is not known (before two steps, or after the end).
     */
    public synchronized Duration remaining() {
        if (end != null || steps.size() < 2 || maxSteps == 0) {
            return null;
        }
        Step last = steps.get(steps.size() - 1);
        Step earlier = steps.get(Math.max(0, steps.size() - 51));
        double perStep = (last.elapsedSeconds() - earlier.elapsedSeconds()) / Math.max(1, last.step() - earlier.step());
        double bySteps = Math.max(0, maxSteps - last.step()) * perStep;
        double byTime = Math.max(0, timeBudget.toMillis() / 1000.0 - last.elapsedSeconds());
        return seconds(Math.min(bySteps, byTime));
    }

    private static Duration seconds(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    /**
     * Appends a run's events to its log. Steps are written every {@value #BATCH_STEPS} steps or
     * {@value #BATCH_MILLIS} ms, whichever comes first; other events at once. Closing writes
     * {@code interrupted} unless {@link #finished} was called.
     */
    public static final class Writer implements TrainingListener, Closeable {
        private static final int BATCH_STEPS = 10;
        private static final long BATCH_MILLIS = 500;
        private final Path runDirectory;
        private final Path file;
        private final java.io.Writer out;
        private final StringBuilder pending = new StringBuilder();
        private int pendingSteps;
        private long lastWrite = System.nanoTime();
        private int lastStep;
        private boolean finished;

        private Writer(Path runDirectory, java.io.Writer out) {
            this.runDirectory = runDirectory;
            this.file = runDirectory.resolve(FILE);
            this.out = out;
        }

        /**
         * Opens the log of {@code runDirectory} (created if needed) for appending and writes the
         * {@code start} line with the run's limits.
         *
         * @throws IOException naming the file when it cannot be opened
         */
        public static Writer append(Path runDirectory, TrainingSettings settings) throws IOException {
            Path file = runDirectory.resolve(FILE);
            java.io.Writer out;
            try {
                Files.createDirectories(runDirectory);
                out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new IOException(file + ": the training log cannot be written (" + e.getMessage()
                        + "); check the folder's permissions and free space", e);
            }
            Writer writer = new Writer(runDirectory, out);
            JsonObject start = event("start");
            start.addProperty("maxSteps", settings.maxSteps());
            start.addProperty("timeBudget", settings.timeBudget().toMillis() / 1000.0);
            start.addProperty("patchSize", settings.patchSize());
            start.addProperty("batchSize", settings.batchSize());
            start.addProperty("learningRate", settings.learningRate());
            writer.write(start, true);
            return writer;
        }

        @Override
        public void stepFinished(int step, int maxSteps, float loss, float learningRate, Duration elapsed) {
            JsonObject line = new JsonObject();
            line.addProperty("step", step);
            line.addProperty("loss", loss);
            line.addProperty("lr", learningRate);
            line.addProperty("elapsed", elapsed.toNanos() / 1e9);
            lastStep = step;
            pendingSteps++;
            write(line, pendingSteps >= BATCH_STEPS || System.nanoTime() - lastWrite >= BATCH_MILLIS * 1_000_000);
        }

        @Override
        public void validated(int step, float validationLoss, float best) {
            JsonObject line = event("validation", step);
            line.addProperty("loss", validationLoss);
            line.addProperty("best", best);
            write(line, true);
        }

        @Override
        public void checkpointWritten(int step, Path checkpoint) {
            write(file(event("checkpoint", step), checkpoint), true);
        }

        @Override
        public void contactSheetWritten(int step, Path sheet) {
            write(file(event("contactSheet", step), sheet), true);
        }

        @Override
        public void resumed(int step, Path checkpoint) {
            lastStep = step;
            write(file(event("resumed", step), checkpoint), true);
        }

        @Override
        public void rolledBack(Rollback rollback) {
            JsonObject line = event("rollback", rollback.failedStep());
            line.addProperty("toStep", rollback.toStep());
            line.addProperty("cause", rollback.cause());
            line.addProperty("rateScale", rollback.rateScale());
            lastStep = rollback.toStep();
            write(line, true);
        }

        @Override
        public void stoppedEarly(int step, int bestStep) {
            JsonObject line = event("stoppedEarly", step);
            line.addProperty("bestStep", bestStep);
            write(line, true);
        }

        @Override
        public void threadsChosen(int step, ThreadLayout layout, Map<ThreadLayout, Double> millisPerStep) {
            JsonObject line = event("threads", step);
            threadsJson(layout, millisPerStep).entrySet().forEach(e -> line.add(e.getKey(), e.getValue()));
            write(line, true);
        }

        /** The run ended normally after {@code step} steps, keeping the weights of {@code bestStep} (-1: the last). */
        public void finished(int step, int bestStep, Duration elapsed) {
            JsonObject line = event("finished", step);
            line.addProperty("bestStep", bestStep);
            line.addProperty("elapsed", elapsed.toNanos() / 1e9);
            write(line, true);
            finished = true;
        }

        @Override
        public void close() throws IOException {
            try {
                if (!finished) {
                    write(event("interrupted", lastStep), true);
                }
            } finally {
                out.close();
            }
        }

        private JsonObject file(JsonObject line, Path written) {
            line.addProperty("file", runDirectory.relativize(written).toString().replace('\\', '/'));
            return line;
        }

        private void write(JsonObject line, boolean now) {
            pending.append(line).append('\n');
            if (!now) {
                return;
            }
            try {
                out.write(pending.toString());
                out.flush(); // readers take complete lines only, so a batch cut short by the OS waits for its end
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": the training log cannot be written (" + e.getMessage()
                        + "); check free disk space", e);
            }
            pending.setLength(0);
            pendingSteps = 0;
            lastWrite = System.nanoTime();
        }

        private static JsonObject event(String name) {
            JsonObject line = new JsonObject();
            line.addProperty("event", name);
            return line;
        }

        private static JsonObject event(String name, int step) {
            JsonObject line = event(name);
            line.addProperty("step", step);
            return line;
        }
    }
}
