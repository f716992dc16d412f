package org.emulsion.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes text files atomically: a reader (or a crash) never leaves half a file under the final name. */
public final class TextFiles {
    private TextFiles() {
    }

    /** Writes {@code text} as UTF-8 under a temporary name beside {@code file}, then renames it into place. */
    public static void writeAtomically(Path file, String text) throws IOException {
        Path partial = file.resolveSibling("." + file.getFileName() + ".partial");
        try {
            Files.writeString(partial, text, StandardCharsets.UTF_8);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(partial);
            throw new IOException(file + ": could not be written (" + e.getMessage() + "); check free disk space and permissions", e);
        }
    }
}
