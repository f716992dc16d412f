package org.emulsion.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.cuda.CudaUtils;

/**
 * What the engine found on this machine and how it is set up: DJL and PyTorch versions, the
 * device training and inference use, the GPUs CUDA reports, PyTorch's thread pools and the
 * allocator. {@code emulsion doctor} prints it and benchmarks record it next to their figures,
 * because CPU speed depends on all of it (BUILD-NOTES: jemalloc ≈ 3× on full frames,
 * oversubscribed OpenMP threads up to 20× slower).
 *
 * @param cudaVersion  CUDA runtime version, or null without CUDA
 * @param gpus         one entry per GPU that CUDA reports (DJL does not expose device names)
 * @param ompNumThreads the {@code OMP_NUM_THREADS} environment variable, or null when unset
 *                     (PyTorch then uses one thread per core)
 * @param ompWait      how OpenMP's idle workers wait: {@code OMP_WAIT_POLICY} and {@code GOMP_SPINCOUNT}
 *                     as set ("unset" for either), which decides whether two threads pay off in training
 * @param jemalloc     whether libjemalloc is mapped into this process (preloaded by {@code ./emulsion})
 * @param libtorch     the libtorch loaded ({@link TorchLibraries.Candidate#describe()})
 * @param libtorchChoices one line per libtorch found: used, or why not ({@link TorchLibraries.Selection#lines()})
 * @param precision    the precision inference computes in ({@code fp32}, {@code bf16}, {@code fp16})
 */
public record EngineEnvironment(String djlVersion, String engine, String engineVersion, String device, boolean cuda,
        String cudaVersion, List<Gpu> gpus, int intraOpThreads, int interOpThreads, String ompNumThreads, String ompWait, boolean jemalloc,
        String ldPreload, String mallocConf, String libtorch, List<String> libtorchChoices, String precision) {

    /** One CUDA device; memory in bytes, -1 when CUDA does not say. */
    public record Gpu(int index, String computeCapability, long memoryBytes) {
    }

    /** Loads the engine (if not yet loaded) and describes it. */
    public static EngineEnvironment current() {
        Engine engine = Djl.engine();
        String device;
        try {
            device = Djl.device().toString();
        } catch (IllegalStateException e) { // a GPU asked for and missing: described, not thrown
            device = "none (" + e.getMessage() + ")";
        }
        boolean cuda = hasCuda();
        List<Gpu> gpus = new ArrayList<>();
        for (int i = 0; i < engine.getGpuCount(); i++) {
            gpus.add(new Gpu(i, cuda ? CudaUtils.getComputeCapability(i) : "unknown", cuda ? gpuMemory(i) : -1));
        }
        return new EngineEnvironment(Engine.getDjlVersion(), engine.getEngineName(), engine.getVersion(), device, cuda,
                cuda ? CudaUtils.getCudaVersionString() : null, List.copyOf(gpus), JniUtils.getNumThreads(),
                JniUtils.getNumInteropThreads(), System.getenv("OMP_NUM_THREADS"), ompWaitSettings(), jemallocLoaded(),
                System.getenv().getOrDefault("LD_PRELOAD", ""), System.getenv().getOrDefault("MALLOC_CONF", ""),
                Djl.torchSelection().chosen().describe(), Djl.torchSelection().lines(), Djl.precision().id());
    }

    private static String ompWaitSettings() {
        return "OMP_WAIT_POLICY " + System.getenv().getOrDefault("OMP_WAIT_POLICY", "unset") + ", GOMP_SPINCOUNT "
                + System.getenv().getOrDefault("GOMP_SPINCOUNT", "unset");
    }

    /** CudaUtils loads libcudart through JNA; a machine without CUDA (or JNA) simply has none. */
    private static boolean hasCuda() {
        try {
            return CudaUtils.hasCuda();
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }

    private static long gpuMemory(int index) {
        try {
            return CudaUtils.getGpuMemory(Device.gpu(index)).getMax();
        } catch (LinkageError | RuntimeException e) {
            return -1;
        }
    }

    /** Looks at what is mapped, not at LD_PRELOAD: a wrong path there loads nothing. */
    private static boolean jemallocLoaded() {
        try (Stream<String> maps = Files.lines(Path.of("/proc/self/maps"))) {
            return maps.anyMatch(line -> line.contains("libjemalloc"));
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }
}
