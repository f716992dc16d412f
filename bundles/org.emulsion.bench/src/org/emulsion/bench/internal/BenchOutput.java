package org.emulsion.bench.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.emulsion.core.EmulsionException;
import org.emulsion.core.JsonFiles;

import com.google.gson.JsonObject;

/** The results file every benchmark writes: never over earlier results, never half-written. */
public final class BenchOutput {
    private BenchOutput() {
    }

    /** Refuses a results file that exists, before any work is done. */
    public static void refuseExisting(Path json) throws EmulsionException {
        if (Files.exists(json)) {
            throw new EmulsionException(json + " exists; give a new file name for the results (earlier results are kept)");
        }
    }

    /** The header every results file starts its {@code run} object with: mode, end time, duration, cores. */
    public static JsonObject runHeader(boolean quick, long startNanos) {
        JsonObject run = new JsonObject();
        run.addProperty("mode", quick ? "quick" : "full");
        run.addProperty("finished", Instant.now().toString());
        run.addProperty("seconds", (System.nanoTime() - startNanos) / 1e9);
        run.addProperty("cores", Runtime.getRuntime().availableProcessors());
        return run;
    }

    /** Writes {@code root} as strict JSON (NaN as null), creating the parent folder, atomically. */
    public static void writeJson(Path json, JsonObject root) throws EmulsionException {
        try {
            Path parent = json.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            JsonFiles.write(json, root);
        } catch (IOException e) {
            throw new EmulsionException(e.getMessage(), e);
        }
    }
}
