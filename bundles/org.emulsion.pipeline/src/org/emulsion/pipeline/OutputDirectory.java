package org.emulsion.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.emulsion.core.EmulsionException;

/** The folder a run writes into: new or empty, and writable. Earlier results are never overwritten. */
public final class OutputDirectory {
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
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new EmulsionException(target + " is a file; give a new folder for the output");
        }
        if (Files.isDirectory(target)) {
            try (Stream<Path> entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    throw new EmulsionException(target + " is not empty; choose a new folder (Emulsion never overwrites earlier results)");
                }
            } catch (IOException e) {
                throw new EmulsionException(target + " cannot be read (" + e.getMessage() + "); check its permissions");
            }
        }
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
