package org.emulsion.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.emulsion.core.EmulsionException;

/**
 * Full disks, caught before hours of training rather than at the first frame: a run checks the
 * output's file store against the size it will write, and a write that still fails for lack of
 * space (another process filled the disk) is reported as such.
 */
public final class DiskSpace {
    /** What the operating system says when a write finds the disk full (ENOSPC); Java exposes no error code. */
    private static final String NO_SPACE = "No space left on device";
    /** Room for checkpoints, contact sheets, the alignment report and the report itself. */
    static final long WORKING_BYTES = 32L << 20;

    private DiskSpace() {
    }

    /**
     * Checks that {@code dir}'s file store has {@code bytes} free.
     *
     * @throws EmulsionException naming the folder, the space needed and what is free
     */
    public static void require(Path dir, long bytes) throws EmulsionException {
        long free;
        try {
            free = Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            throw new EmulsionException(dir + ": its free space cannot be read (" + e.getMessage() + "); check the folder");
        }
        if (free < bytes) {
            throw new EmulsionException(dir + ": the disk has " + mib(free) + " free but this run writes about " + mib(bytes)
                    + "; free some space or choose --out on a larger disk");
        }
    }

    /** The bytes a chroma restore of {@code frames} frames writes: the frames and the baseline, plus working files. */
    public static long estimate(OutputFormat format, int width, int height, int frames) {
        return 2 * frames * format.frameBytes(width, height) + WORKING_BYTES;
    }

    /** Whether {@code e} or one of its causes is the operating system reporting a full disk. */
    public static boolean isFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(NO_SPACE)) {
                return true;
            }
        }
        return false;
    }

    /** The error for a run that filled the disk under {@code dir}. */
    public static EmulsionException full(Path dir, Throwable cause) {
        return new EmulsionException(dir + ": the disk is full (" + cause.getMessage() + "); free some space or choose --out on a"
                + " larger disk", cause);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
