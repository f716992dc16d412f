package org.emulsion.engine;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

import org.emulsion.core.EmulsionException;
import org.emulsion.core.EmulsionPreferences;
import org.emulsion.core.EmulsionPreferences.ComputeDevice;
import org.emulsion.core.EmulsionPreferences.ComputePrecision;
import org.emulsion.engine.TorchLibraries.Candidate;
import org.emulsion.engine.TorchLibraries.Selection;
import org.emulsion.engine.TorchLibraries.Source;
import org.emulsion.engine.internal.EngineWarmup;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;

/**
 * Starts DJL's PyTorch engine inside OSGi, offline.
 * <p>
 * DJL finds engines with a {@link java.util.ServiceLoader} on the thread context class loader;
 * in a product that loader is Equinox's ContextFinder, which cannot see the engine fragment. So
 * the first use runs with the context loader set to {@code ai.djl.api}'s bundle loader, which
 * sees the engine, the JNI glue and the native libraries (all fragments of that bundle).
 * <p>
 * Which libtorch it loads — the bundled CPU natives, {@code PYTORCH_LIBRARY_PATH}, or an installed
 * CUDA PyTorch that fits DJL's JNI — is decided once, before the first load, by
 * {@link TorchLibraries#select} for the device preference.
 */
public final class Djl {
    public static final String ENGINE = "PyTorch";

    private static Selection selection;

    private static boolean started;

    private Djl() {
    }

    /**
     * The PyTorch engine, loading its native libraries on first call (no download: offline); its
     * one-time native warnings go to the {@link EngineLog}, not the terminal.
     */
    public static synchronized Engine engine() {
        Selection libtorch = torchSelection();
        Candidate chosen = libtorch.chosen();
        if (chosen == null) {
            throw new IllegalStateException("No libtorch to load: " + String.join("; ", libtorch.lines()));
        }
        if (!chosen.usable()) {
            throw new IllegalStateException(chosen.describe() + " cannot be loaded: " + chosen.problem()
                    + " (or unset PYTORCH_LIBRARY_PATH to use the bundled CPU natives)");
        }
        if (!started) {
            started = true;
            EngineLog.capture("PyTorch engine start", () -> EngineWarmup.run(withDjlClassLoader(() -> Engine.getEngine(ENGINE))));
        }
        return withDjlClassLoader(() -> Engine.getEngine(ENGINE));
    }

    /**
     * The libtorch the engine loads (or loaded) and why each other one is not used. Decided
     * once per process, for the device preference of that moment; loads nothing.
     */
    public static synchronized Selection torchSelection() {
        configureDefaults();
        if (selection == null) {
            // machine() initialises DJL's Engine class, which finds engines on the context class loader
            selection = withDjlClassLoader(() -> TorchLibraries.select(machine(), EmulsionPreferences.device()));
            apply(selection.chosen());
        }
        return selection;
    }

    /** What {@link TorchLibraries} needs to know about this process and machine. */
    private static TorchLibraries.Machine machine() {
        Map<String, String> properties = new HashMap<>();
        for (String name : new String[] {"PYTORCH_LIBRARY_PATH", "PYTORCH_VERSION", "PYTORCH_FLAVOR"}) {
            if (System.getProperty(name) != null) {
                properties.put(name, System.getProperty(name));
            }
        }
        ClassLoader djl = Engine.class.getClassLoader();
        String jni = property(djl.getResource("jnilib/pytorch.properties"), "jni_version");
        String bundled = property(djl.getResource("native/lib/pytorch.properties"), "version");
        return new TorchLibraries.Machine(System.getenv(), properties, Path.of(System.getProperty("user.home")), cacheDirectory(),
                Engine.getDjlVersion(), jni,
                flavor -> djl.getResource("jnilib/" + TorchLibraries.CLASSIFIER + "/" + flavor + "/libdjl_torch.so") != null,
                bundled, Files.exists(Path.of("/dev/nvidiactl")));
    }

    private static String property(URL url, String key) {
        if (url == null) {
            return null;
        }
        try (InputStream in = url.openStream()) {
            Properties p = new Properties();
            p.load(in);
            return p.getProperty(key);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Tells DJL (which reads these as environment variables or system properties) which libtorch
     * to load, with its version and flavour spelt out (DJL would otherwise guess a
     * {@code -precxx11} flavour), and lets JNA find the CUDA runtime that came with it (DJL counts
     * GPUs through libcudart). The environment wins over these properties in DJL.
     */
    private static void apply(Candidate chosen) {
        if (chosen == null || !chosen.usable() || chosen.source() == Source.BUNDLED) {
            return;
        }
        if (chosen.source() == Source.INSTALLED) {
            System.setProperty("PYTORCH_LIBRARY_PATH", chosen.directory().toString());
        }
        setIfAbsent("PYTORCH_VERSION", chosen.version());
        setIfAbsent("PYTORCH_FLAVOR", chosen.flavor());
        if (chosen.cudaRuntime() != null) {
            String jna = System.getProperty("jna.library.path");
            System.setProperty("jna.library.path", chosen.cudaRuntime() + (jna == null || jna.isBlank() ? "" : java.io.File.pathSeparator + jna));
        }
    }

    private static void setIfAbsent(String name, String value) {
        if (System.getenv(name) == null && System.getProperty(name) == null) {
            System.setProperty(name, value);
        }
    }

    /**
     * The device training and inference run on, as the {@link EmulsionPreferences#DEVICE device
     * preference} says: {@code auto} = the first GPU when PyTorch sees one, else the CPU;
     * {@code cpu}; {@code gpu} = the first GPU.
     *
     * @throws IllegalStateException with {@link #checkDevice()}'s message when {@code gpu} is
     *         chosen and PyTorch sees none (front ends call {@code checkDevice()} first)
     */
    public static Device device() {
        ComputeDevice choice = EmulsionPreferences.device();
        return switch (choice) {
            case AUTO -> engine().defaultDevice();
            case CPU -> Device.cpu();
            case GPU -> {
                if (engine().getGpuCount() == 0) {
                    throw new IllegalStateException(noGpu());
                }
                yield Device.gpu();
            }
        };
    }

    /**
     * Fails with one line naming where the device choice comes from (the preference or
     * {@code --device}) and what is missing, when a GPU is asked for and none can be had; and
     * with {@link #checkPrecision()}'s line when the precision asked for cannot be had.
     */
    public static void checkDevice() throws EmulsionException {
        if (EmulsionPreferences.device() == ComputeDevice.GPU && gpuMissing() != null) {
            throw new EmulsionException(noGpu());
        }
        checkPrecision(); // front ends call this one before any work; a precision that cannot be had fails here too
    }

    /**
     * What is missing for a GPU, or null when PyTorch sees one. A driver or CUDA libtorch that is
     * missing is named without loading the engine; otherwise the engine is asked.
     */
    public static String gpuMissing() {
        Selection libtorch = torchSelection();
        if (libtorch.whyNoGpu().isPresent()) {
            return libtorch.whyNoGpu().get();
        }
        if (engine().getGpuCount() > 0) {
            return null;
        }
        Candidate chosen = libtorch.chosen();
        return "PyTorch (" + chosen.describe() + ") sees no CUDA GPU" + (chosen.cudaRuntime() == null
                ? " (no libcudart.so was found beside it for DJL's GPU count)" : " (the driver or the GPU does not answer)");
    }

    private static String noGpu() {
        String missing = gpuMissing();
        String origin = EmulsionPreferences.deviceOrigin();
        return origin.startsWith("--") ? origin + ": " + missing + "; use --device auto or cpu, or see ./emulsion doctor"
                : "The device preference (Preferences > Emulsion > Device) is GPU, but " + missing
                        + "; choose Automatic or CPU there, or see ./emulsion doctor for what a GPU needs";
    }

    /** The precision inference computes in ({@link EmulsionPreferences#precision()}). */
    public static ComputePrecision precision() {
        return EmulsionPreferences.precision();
    }

    /**
     * Fails with one line when the precision asked for cannot be had with the libtorch and JNI
     * chosen: bfloat16 needs a JNI that knows the type (DJL 0.36's own would abort the process).
     */
    public static void checkPrecision() throws EmulsionException {
        String missing = precisionMissing(precision());
        if (missing != null) {
            throw new EmulsionException(missing);
        }
    }

    private static String precisionMissing(ComputePrecision precision) {
        if (precision != ComputePrecision.BF16 || torchSelection().chosen() == null || torchSelection().chosen().bfloat16()) {
            return null;
        }
        String origin = System.getProperty(EmulsionPreferences.PRECISION_PROPERTY) != null ? "--precision bf16"
                : "The precision preference (bf16)";
        return origin + ": the PyTorch JNI in use (" + torchSelection().chosen().describe() + ", DJL 0.36's own JNI) has no "
                + "bfloat16 type and would abort the process; build one with releng/build-djl-jni.sh (README: GPU and "
                + "precision), or use fp16 or fp32";
    }

    /**
     * DJL's number type for {@code precision}.
     *
     * @throws IllegalStateException with {@link #checkPrecision()}'s message when the JNI lacks the type
     */
    public static DataType dataType(ComputePrecision precision) {
        String missing = precisionMissing(precision);
        if (missing != null) {
            throw new IllegalStateException(missing);
        }
        return switch (precision) {
            case FP32 -> DataType.FLOAT32;
            case BF16 -> DataType.BFLOAT16;
            case FP16 -> DataType.FLOAT16;
        };
    }

    /** Where DJL unpacks the PyTorch natives. */
    public static Path cacheDirectory() {
        configureDefaults();
        return Path.of(System.getProperty("ENGINE_CACHE_DIR"));
    }

    /** Runs {@code action} with the thread context class loader that sees the engine. */
    public static <T> T withDjlClassLoader(Callable<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Engine.class.getClassLoader());
        try {
            return action.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * Offline by default and a stable cache outside build folders, unless the launcher set
     * them: natives come from the bundled jar, never from the network.
     */
    private static void configureDefaults() {
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        String cache = System.getProperty("ENGINE_CACHE_DIR", System.getenv("ENGINE_CACHE_DIR"));
        if (cache == null) {
            cache = Path.of(System.getProperty("user.home"), ".cache", "emulsion", "djl").toString();
        }
        System.setProperty("ENGINE_CACHE_DIR", cache);
        System.setProperty("DJL_CACHE_DIR", System.getProperty("DJL_CACHE_DIR", cache));
    }
}
