package org.emulsion.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
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
import org.emulsion.core.EmulsionException;
import org.emulsion.core.extensions.ContributionRegistry;
import org.emulsion.pipeline.Installed;
import org.emulsion.engine.Djl;
import org.emulsion.engine.EngineEnvironment;
import org.emulsion.engine.EngineLog;

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
        // the collector decides an archive-size restore's peak memory (README, "Archive-size scans")
        String collector = ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .map(name -> name.split(" ")[0]).findFirst().orElse("unknown");
        boolean hugePages = ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-XX:+UseTransparentHugePages");
        out.printf("Machine       %s %s, %d cores, max heap %d MiB%s, collector %s%n", System.getProperty("os.name"),
                System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                hugePages ? " in transparent huge pages" : "", collector);
        List<String> libtorch = Djl.torchSelection().lines();
        for (int i = 0; i < libtorch.size(); i++) {
            out.printf("%-13s %s%n", i == 0 ? "libtorch" : "", libtorch.get(i));
        }
        try {
            Djl.checkDevice();
        } catch (EmulsionException e) {
            out.printf("Device        NOT AVAILABLE: %s%n", e.getMessage());
            missing.add("the device asked for (" + e.getMessage() + ")");
        } catch (RuntimeException | LinkageError e) {
            // the engine does not load: the engine line below says why
        }
        try {
            printEngine(EngineEnvironment.current(), out);
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
        for (ContributionRegistry<?, ?> registry : Installed.registries()) {
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

    /** The device, what CUDA reports, PyTorch's thread pools and the allocator: what decides the engine's speed. */
    private static void printEngine(EngineEnvironment e, PrintStream out) {
        out.printf("ML engine     DJL %s, %s %s%n", e.djlVersion(), e.engine(), e.engineVersion());
        out.printf("Device        %s (training and inference), precision %s (inference)%n", e.device(), e.precision());
        if (!e.cuda()) {
            out.println("CUDA          not available (" + (e.libtorch().contains("(cu") ? "DJL finds no CUDA runtime or GPU" : "a CPU libtorch is loaded")
                    + "): training and inference run on the CPU");
        } else {
            out.printf("CUDA          %s, %d GPU(s)%n", e.cudaVersion(), e.gpus().size());
            for (EngineEnvironment.Gpu gpu : e.gpus()) {
                out.printf("  gpu(%d)      compute capability %s, %s%n", gpu.index(), gpu.computeCapability(), human(gpu.memoryBytes()));
            }
        }
        out.printf("Threads       PyTorch intra-op %d, inter-op %d; OMP_NUM_THREADS %s; %s%n", e.intraOpThreads(), e.interOpThreads(),
                e.ompNumThreads() == null ? "unset (one thread per core)" : e.ompNumThreads(), e.ompWait());
        String tunables = System.getenv().getOrDefault("GLIBC_TUNABLES", "");
        out.printf("Allocator     %s%n", e.jemalloc() ? "jemalloc (LD_PRELOAD " + e.ldPreload() + (e.mallocConf().isEmpty() ? "" : ", MALLOC_CONF " + e.mallocConf()) + ")"
                : "glibc malloc (" + (tunables.isEmpty() ? "default settings; ./emulsion sets GLIBC_TUNABLES" : "GLIBC_TUNABLES " + tunables) + ")");
        out.printf("Engine log    %s (PyTorch's own warnings)%n", EngineLog.file());
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
