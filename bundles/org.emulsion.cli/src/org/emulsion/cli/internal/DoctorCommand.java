package org.emulsion.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.global.opencv_core;
import org.emulsion.core.extensions.ContributionRegistry;
import org.emulsion.core.extensions.Registries;
import org.emulsion.engine.Djl;

import ai.djl.engine.Engine;

/** {@code doctor}: is everything Emulsion needs in place on this machine? Exit 1 when something is missing. */
final class DoctorCommand {
    /** Below this much free space a film's output (16-bit frames) will not fit. */
    private static final long LOW_DISK = 5L << 30;

    private DoctorCommand() {
    }

    static int run(PrintStream out) {
        List<String> missing = new ArrayList<>();
        out.printf("Java          %s (%s), %s%n", System.getProperty("java.version"), System.getProperty("java.vendor"), System.getProperty("java.home"));
        if (Runtime.version().feature() < 21) {
            missing.add("a JDK 21 or newer");
        }
        out.printf("Machine       %s %s, %d cores, max heap %d MiB%n", System.getProperty("os.name"), System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        String preload = System.getenv().getOrDefault("LD_PRELOAD", "");
        out.printf("Allocator     %s%n", preload.contains("jemalloc") ? "jemalloc (preloaded)" : "glibc malloc (install libjemalloc2 for ~3x faster full-frame inference)");
        try {
            Engine engine = Djl.engine();
            out.printf("ML engine     DJL %s, %s %s, device %s%n", Engine.getDjlVersion(), engine.getEngineName(), engine.getVersion(), Djl.device());
            out.printf("              GPUs visible: %d%n", engine.getGpuCount());
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            out.printf("ML engine     NOT AVAILABLE: %s%n", e.getMessage());
            missing.add("the PyTorch engine (" + e.getMessage() + ")");
        }
        try {
            Loader.load(opencv_core.class);
            out.printf("OpenCV        %s%n", opencv_core.CV_VERSION());
            out.printf("FFmpeg        libavutil %s%n", avutil.av_version_info().getString());
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            out.printf("JavaCV        NOT AVAILABLE: %s%n", e.getMessage());
            missing.add("JavaCV natives (" + e.getMessage() + ")");
        }
        Path djlCache = Djl.cacheDirectory();
        Path javacppCache = Path.of(System.getProperty("org.bytedeco.javacpp.cachedir",
                Path.of(System.getProperty("user.home"), ".javacpp", "cache").toString()));
        out.printf("Native caches %s (%s), %s (%s)%n", djlCache, size(djlCache), javacppCache, size(javacppCache));
        for (Path p : List.of(Path.of("").toAbsolutePath(), djlCache)) {
            long free = free(p);
            out.printf("Free disk     %s: %s%n", p, human(free));
            if (free >= 0 && free < LOW_DISK) {
                missing.add("free disk space at " + p + " (" + human(free) + "; a feature film at 16 bits needs hundreds of GB)");
            }
        }
        for (ContributionRegistry<?, ?> registry : Registries.all()) {
            out.printf("%-13s %d installed%s%n", shortName(registry.extensionPointId()), registry.all().size(),
                    registry.problems().isEmpty() ? "" : ", " + registry.problems().size() + " rejected (see ./emulsion plugins)");
            if (registry.all().isEmpty()) {
                missing.add("a contribution to " + registry.extensionPointId() + " (install a workflow feature)");
            }
        }
        if (missing.isEmpty()) {
            out.println("Everything Emulsion needs is in place.");
            return CliApplication.OK;
        }
        out.println("Missing or insufficient:");
        missing.forEach(m -> out.println("  - " + m));
        return CliApplication.FAILED;
    }

    private static String shortName(String extensionPoint) {
        return extensionPoint.substring(extensionPoint.lastIndexOf('.') + 1);
    }

    private static long free(Path p) {
        try {
            Path existing = p;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            FileStore store = Files.getFileStore(existing == null ? Path.of("/") : existing);
            return store.getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }

    private static String size(Path dir) {
        if (!Files.isDirectory(dir)) {
            return "empty";
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return human(files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum());
        } catch (IOException | java.io.UncheckedIOException e) {
            return "unreadable";
        }
    }

    private static String human(long bytes) {
        if (bytes < 0) {
            return "unknown";
        }
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%.0f MiB", bytes / (double) (1L << 20));
    }
}
