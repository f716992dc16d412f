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

    /** A random name part for a temporary file (created with the umask's permissions, unlike {@code Files.createTempFile}). */
    public static String uniqueSuffix() {
        return Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    /** Writes {@code text} as UTF-8 under a temporary name beside {@code file}, then renames it into place. */
    public static void writeAtomically(Path file, String text) throws IOException {
        // a unique temporary name: two machines writing the same file (retried cluster tasks) never mix their bytes
        Path partial = file.resolveSibling("." + file.getFileName() + "." + uniqueSuffix() + ".partial");
        try {
            Files.writeString(partial, text, StandardCharsets.UTF_8);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(partial);
            throw new IOException(file + ": could not be written (" + e.getMessage() + "); check free disk space and permissions", e);
        }
    }
}
