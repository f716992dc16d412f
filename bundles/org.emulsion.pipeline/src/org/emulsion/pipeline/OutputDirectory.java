package org.emulsion.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.emulsion.core.EmulsionException;
import org.emulsion.core.JsonFiles;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The folder a run writes into: new or empty, and writable; or, for a restoration, a folder
 * holding an earlier run of the same job, which the run then resumes. Another run's results are
 * never overwritten.
 */
public final class OutputDirectory {
    /** Sub-folder of what a re-run reuses; its presence marks a resumable run. */
    public static final String RESUME_DIR = "resume";
    /** The launch (workflow and options) a resumable folder belongs to, in {@value #RESUME_DIR}/. */
    public static final String LAUNCH = "launch.json";
    /** The launch a prepared folder was prepared with ({@link #stage}), in {@value #RESUME_DIR}/; for reading only. */
    static final String PREPARED = "prepared.json";

    private OutputDirectory() {
    }

    /**
     * Creates {@code dir} (and its parents) or accepts it when it exists and is empty, and checks
     * that it is writable.
     *
     * @throws EmulsionException naming the folder when it is a file, not empty or not writable
     */
    public static Path prepare(Path dir) throws EmulsionException {
        Path target = dir.toAbsolutePath().normalize();
        if (!isNewOrEmpty(target)) {
            throw new EmulsionException(target + " is not empty; choose a new folder (Emulsion never overwrites earlier results)");
        }
        return writable(target);
    }

    /**
     * Like {@link #prepare(Path)}, but also accepts a folder holding an earlier run launched the
     * same way ({@code launch}: the workflow and its options), so that running again resumes it,
     * or a folder a workflow prepared ({@link #stage}) and no run has claimed yet. The folder then
     * records {@code launch}.
     *
     * @throws EmulsionException naming the folder when it is a file, not writable, not empty without
     *                           being a run, or a run launched differently (naming the differences)
     */
    public static Path prepare(Path dir, JsonObject launch) throws EmulsionException {
        Path target = dir.toAbsolutePath().normalize();
        Path record = target.resolve(RESUME_DIR).resolve(LAUNCH);
        if (!isNewOrEmpty(target) && !Files.isRegularFile(record) && !Files.isRegularFile(record.resolveSibling(PREPARED))) {
            throw new EmulsionException(target + " is not empty and holds no Emulsion run to resume; choose a new folder"
                    + " (Emulsion never overwrites earlier results)");
        }
        writable(target);
        claim(record, launch, "options");
        return target;
    }

    /**
     * The folder a workflow's preparatory stage writes into: new or empty, or holding an earlier
     * preparation or run (the workflow checks that its inputs are the same). Records
     * {@code launch} as the preparation's, which lets {@link #prepare(Path, JsonObject)} accept
     * the folder for the run that follows, with settings the restorer may still change.
     *
     * @throws EmulsionException naming the folder when it is a file, not writable, or not empty without being a run
     */
    public static Path stage(Path dir, JsonObject launch) throws EmulsionException {
        Path target = dir.toAbsolutePath().normalize();
        Path resume = target.resolve(RESUME_DIR);
        if (!isNewOrEmpty(target) && !Files.isRegularFile(resume.resolve(LAUNCH)) && !Files.isRegularFile(resume.resolve(PREPARED))) {
            throw new EmulsionException(target + " is not empty and holds no Emulsion run to prepare; choose a new folder"
                    + " (Emulsion never overwrites earlier results)");
        }
        writable(target);
        try {
            Files.createDirectories(resume);
            JsonFiles.write(resume.resolve(PREPARED), launch);
        } catch (IOException e) {
            throw new EmulsionException(resume.resolve(PREPARED) + " cannot be written (" + e.getMessage() + "); check the folder's"
                    + " permissions and free space, or choose a new folder", e);
        }
        return target;
    }

    /**
     * The launch (workflow and options) the folder {@code dir} was prepared with, or, for a folder
     * run without a separate preparation, launched with.
     *
     * @throws EmulsionException naming the folder when it holds neither
     */
    public static JsonObject prepared(Path dir) throws EmulsionException {
        Path resume = dir.toAbsolutePath().normalize().resolve(RESUME_DIR);
        Path record = Files.isRegularFile(resume.resolve(PREPARED)) ? resume.resolve(PREPARED) : resume.resolve(LAUNCH);
        if (!Files.isRegularFile(record)) {
            throw new EmulsionException(dir + " holds no prepared run; prepare it first with ./emulsion restore ... --out " + dir
                    + " --prepare-only");
        }
        try {
            return JsonFiles.read(record);
        } catch (IOException e) {
            throw new EmulsionException(e.getMessage(), e);
        }
    }

    /**
     * Writes {@code expected} into {@code record} when it does not exist, else checks that it holds
     * the same.
     *
     * @param what what the record describes, for the message (e.g. "options")
     * @throws EmulsionException naming the folder and the differing entries when they differ
     */
    public static void claim(Path record, JsonObject expected, String what) throws EmulsionException {
        Path folder = record.getParent().getParent();
        try {
            if (Files.isRegularFile(record)) {
                JsonObject found = JsonFiles.read(record);
                // compare as written: the record went through the same JSON normalisation
                JsonObject normalised = JsonFiles.parse(JsonFiles.toJson(expected), what);
                List<String> differences = differences(found, normalised);
                if (!differences.isEmpty()) {
                    throw new EmulsionException(folder + " holds the output of another run (its " + what + " differ in "
                            + String.join(", ", differences) + "); choose a new folder, or run again with the same inputs and "
                            + what + " to resume that run");
                }
                return;
            }
            Files.createDirectories(record.getParent());
            JsonFiles.write(record, expected);
        } catch (IOException | RuntimeException e) {
            throw new EmulsionException(record + " cannot be read or written (" + e.getMessage() + "); check the folder's"
                    + " permissions and free space, or choose a new folder", e);
        }
    }

    private static List<String> differences(JsonObject a, JsonObject b) {
        Set<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        List<String> differ = new ArrayList<>();
        for (String k : keys) {
            JsonElement x = a.get(k);
            JsonElement y = b.get(k);
            if (x == null || !x.equals(y)) {
                differ.add(k);
            }
        }
        return differ;
    }

    private static boolean isNewOrEmpty(Path target) throws EmulsionException {
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new EmulsionException(target + " is a file; give a new folder for the output");
        }
        if (!Files.isDirectory(target)) {
            return true;
        }
        try (Stream<Path> entries = Files.list(target)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new EmulsionException(target + " cannot be read (" + e.getMessage() + "); check its permissions");
        }
    }

    private static Path writable(Path target) throws EmulsionException {
        try {
            Files.createDirectories(target);
            Path probe = Files.createTempFile(target, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new EmulsionException(target + " is not writable (" + reason(e) + "); choose a folder you can write to");
        }
        return target;
    }

    private static String reason(IOException e) {
        return e.getClass().getSimpleName().replace("Exception", "") + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
