package org.emulsion.engine;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.emulsion.core.EmulsionException;
import org.emulsion.core.EmulsionPreferences;
import org.emulsion.core.EmulsionPreferences.ComputeDevice;
import org.emulsion.engine.internal.EngineWarmup;

import ai.djl.Device;
import ai.djl.engine.Engine;

/**
 * Starts DJL's PyTorch engine inside OSGi, offline.
 * <p>
 * DJL finds engines with a {@link java.util.ServiceLoader} on the thread context class loader;
 * in a product that loader is Equinox's ContextFinder, which cannot see the engine fragment. So
 * the first use runs with the context loader set to {@code ai.djl.api}'s bundle loader, which
 * sees the engine, the JNI glue and the native libraries (all fragments of that bundle).
 */
public final class Djl {
    public static final String ENGINE = "PyTorch";

    private static final String NO_GPU = "The device preference (Preferences > Emulsion > Device) is GPU, but PyTorch sees no CUDA GPU "
            + "on this machine; choose Automatic or CPU there, or run Emulsion where a CUDA GPU and a CUDA build of the "
            + "PyTorch natives are installed";

    private static boolean started;

    private Djl() {
    }

    /**
     * The PyTorch engine, loading its native libraries on first call (no download: offline); its
     * one-time native warnings go to the {@link EngineLog}, not the terminal.
     */
    public static synchronized Engine engine() {
        configureDefaults();
        if (!started) {
            started = true;
            EngineLog.capture("PyTorch engine start", () -> EngineWarmup.run(withDjlClassLoader(() -> Engine.getEngine(ENGINE))));
        }
        return withDjlClassLoader(() -> Engine.getEngine(ENGINE));
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
                    throw new IllegalStateException(NO_GPU);
                }
                yield Device.gpu();
            }
        };
    }

    /** Fails with a message naming the device preference when it cannot be met (a GPU is asked for and none is there). */
    public static void checkDevice() throws EmulsionException {
        if (EmulsionPreferences.device() == ComputeDevice.GPU && engine().getGpuCount() == 0) {
            throw new EmulsionException(NO_GPU);
        }
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
