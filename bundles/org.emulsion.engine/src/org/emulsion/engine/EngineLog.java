package org.emulsion.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;

/**
 * Where the engine's own native messages go: PyTorch's C++ library writes one-time warnings straight
 * to the process's standard error (a deprecation notice for an API DJL's JNI glue uses, "Could not
 * initialize NNPACK! Reason: Unsupported hardware" on CPUs NNPACK does not know). They mean nothing
 * to a restorer, so {@link #capture} sends standard error to {@link #file()} while the engine
 * starts and runs a warm-up that triggers them once; later messages reach the terminal as usual.
 * <p>
 * The folder is the system property {@value #DIRECTORY_PROPERTY} ({@code ./emulsion} sets it to
 * its cache folder's {@code log/}), else {@code ~/.cache/emulsion/log}.
 */
public final class EngineLog {
    public static final String DIRECTORY_PROPERTY = "emulsion.log.dir";
    private static final String FILE = "engine.log";
    private static final int STDERR = 2;
    private static final int O_WRONLY = 01;
    private static final int O_CREAT = 0100;
    private static final int O_APPEND = 02000;

    private EngineLog() {
    }

    /** The log file (it may not exist yet). */
    public static Path file() {
        String dir = System.getProperty(DIRECTORY_PROPERTY);
        return (dir != null ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".cache", "emulsion", "log")).resolve(FILE);
    }

    /**
     * Runs {@code action} with the process's standard error (file descriptor 2, which native code
     * writes to) appended to {@link #file()}, then restores it. Where that cannot be done (no libc
     * through JNA, an unwritable folder) the action runs with standard error as it is.
     */
    public static synchronized void capture(String what, Runnable action) {
        Redirect redirect = Redirect.open(file(), what);
        try {
            action.run();
        } finally {
            if (redirect != null) {
                redirect.restore();
            }
        }
    }

    /** Standard error redirected to the log, and how to put it back. */
    private record Redirect(Function dup2, Function closeFd, int saved, int log) {

        static Redirect open(Path file, String what) {
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, Instant.now() + " " + what + " (process " + ProcessHandle.current().pid() + ")\n",
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                NativeLibrary libc = NativeLibrary.getInstance("c");
                int log = libc.getFunction("open").invokeInt(new Object[] {file.toString(), O_WRONLY | O_CREAT | O_APPEND, 0644});
                if (log < 0) {
                    return null;
                }
                int saved = libc.getFunction("dup").invokeInt(new Object[] {STDERR});
                System.err.flush();
                if (saved < 0 || libc.getFunction("dup2").invokeInt(new Object[] {log, STDERR}) < 0) {
                    libc.getFunction("close").invokeInt(new Object[] {log});
                    return null;
                }
                return new Redirect(libc.getFunction("dup2"), libc.getFunction("close"), saved, log);
            } catch (IOException | RuntimeException | LinkageError e) {
                return null; // no libc to call (another OS): the messages stay on the terminal
            }
        }

        void restore() {
            System.err.flush();
            dup2.invokeInt(new Object[] {saved, STDERR});
            closeFd.invokeInt(new Object[] {saved});
            closeFd.invokeInt(new Object[] {log});
        }
    }
}
