package org.emulsion.core;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;

/**
 * Emulsion's user preferences: keys, defaults and typed accessors. Values live in the Eclipse
 * preference node {@value #QUALIFIER}: the workbench's preference page writes the instance scope,
 * defaults come from the default scope (set by this bundle's initializer). Lookups go through the
 * preference service (instance, then configuration, then default scope), so the command line,
 * which starts without an instance location ({@code -data @none}), gets the defaults.
 */
public final class EmulsionPreferences {
    public static final String QUALIFIER = "org.emulsion.core";

    /** Which device trains and infers: {@link ComputeDevice} id. */
    public static final String DEVICE = "device";
    /** System property that wins over {@link #DEVICE} for this process (the command line's {@code --device}). */
    public static final String DEVICE_PROPERTY = "emulsion.device";
    /** The number format inference computes in: {@link ComputePrecision} id. */
    public static final String PRECISION = "precision";
    /** System property that wins over {@link #PRECISION} for this process (the command line's {@code --precision}). */
    public static final String PRECISION_PROPERTY = "emulsion.precision";
    /** Where DJL and JavaCPP unpack their native libraries (read once, at start). */
    public static final String CACHE_FOLDER = "cacheFolder";
    /** Default parent folder of new film projects and of run outputs. */
    public static final String WORK_FOLDER = "workFolder";
    /** Default output image format: one of {@link #OUTPUT_FORMATS} (the workflows' {@code format} option). */
    public static final String OUTPUT_FORMAT = "outputFormat";

    public static final List<String> OUTPUT_FORMATS = List.of("tiff", "dpx", "exr");

    /** The choices of {@link #DEVICE}. */
    public enum ComputeDevice {
        /** The first GPU PyTorch sees, else the CPU. */
        AUTO,
        CPU,
        /** A CUDA GPU; an error when there is none. */
        GPU;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The choices of {@link #PRECISION}: the number format of inference's convolutions. Reduced
     * formats halve memory traffic and use the bf16/fp16 units of recent CPUs and GPUs; the
     * network's input, its identity path and its output stay 32-bit float.
     */
    public enum ComputePrecision {
        FP32,
        /** bfloat16: float32's range, 8 bits of mantissa (AVX-512 BF16, AMX, CUDA compute capability 8.0 and newer). */
        BF16,
        /** IEEE half: 11 bits of mantissa, a range to 65504 (CUDA GPUs; slow on most CPUs). */
        FP16;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private EmulsionPreferences() {
    }

    /** Writes the defaults into {@code node} (the default scope). */
    public static void initializeDefaults(IEclipsePreferences node) {
        node.put(DEVICE, ComputeDevice.AUTO.id());
        node.put(PRECISION, ComputePrecision.FP32.id());
        node.put(CACHE_FOLDER, defaultCacheFolder().toString());
        node.put(WORK_FOLDER, Path.of(System.getProperty("user.home"), "Emulsion").toString());
        node.put(OUTPUT_FORMAT, OUTPUT_FORMATS.get(0));
    }

    /**
     * The same folder the {@code ./emulsion} launcher uses ({@code $EMULSION_CACHE}, else
     * {@code $XDG_CACHE_HOME/emulsion}, else {@code ~/.cache/emulsion}), so the workbench and the
     * command line share one copy of the natives.
     */
    private static Path defaultCacheFolder() {
        String explicit = System.getenv("EMULSION_CACHE");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache")).resolve("emulsion");
    }

    /** The current value of {@code key} (instance scope first, then the defaults). */
    public static String get(String key) {
        return Platform.getPreferencesService().getString(QUALIFIER, key, null, null);
    }

    /**
     * The device: {@value #DEVICE_PROPERTY} when set (the command line's {@code --device}), else
     * the preference; an unknown value (a hand-edited preference file) counts as {@link ComputeDevice#AUTO}.
     */
    public static ComputeDevice device() {
        return choice(ComputeDevice.class, System.getProperty(DEVICE_PROPERTY, get(DEVICE)), ComputeDevice.AUTO);
    }

    /** Where {@link #device()} comes from, as messages name it: the command line's option or the preference. */
    public static String deviceOrigin() {
        return System.getProperty(DEVICE_PROPERTY) != null ? "--device " + System.getProperty(DEVICE_PROPERTY)
                : "the device preference (Preferences > Emulsion > Device)";
    }

    /**
     * The inference precision: {@value #PRECISION_PROPERTY} when set (the command line's
     * {@code --precision}), else the preference; an unknown value counts as {@link ComputePrecision#FP32}.
     */
    public static ComputePrecision precision() {
        return choice(ComputePrecision.class, System.getProperty(PRECISION_PROPERTY, get(PRECISION)), ComputePrecision.FP32);
    }

    /** The constant of {@code type} whose lower-case name is {@code value}, else {@code fallback}. */
    public static <E extends Enum<E>> E choice(Class<E> type, String value, E fallback) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().toLowerCase(Locale.ROOT).equals(value)) {
                return constant;
            }
        }
        return fallback;
    }

    public static Path cacheFolder() {
        return Path.of(get(CACHE_FOLDER));
    }

    public static Path workFolder() {
        return Path.of(get(WORK_FOLDER));
    }

    /** The default output format, one of {@link #OUTPUT_FORMATS}; an unknown value counts as the first. */
    public static String outputFormat() {
        String value = get(OUTPUT_FORMAT);
        return OUTPUT_FORMATS.contains(value) ? value : OUTPUT_FORMATS.get(0);
    }

    /**
     * Points DJL ({@code ENGINE_CACHE_DIR}, {@code DJL_CACHE_DIR}) and JavaCPP
     * ({@code org.bytedeco.javacpp.cachedir}) at the cache folder preference. Both read these
     * system properties once, when they first load natives, so the workbench calls this at start,
     * before anything loads; a change takes effect on the next start. A property already given on
     * the command line ({@code -DENGINE_CACHE_DIR=...}) is left as it is.
     */
    public static void applyNativeCacheFolders() {
        Path cache = cacheFolder();
        setIfAbsent("ENGINE_CACHE_DIR", cache.resolve("djl"));
        setIfAbsent("DJL_CACHE_DIR", cache.resolve("djl"));
        setIfAbsent("org.bytedeco.javacpp.cachedir", cache.resolve("javacpp"));
    }

    private static void setIfAbsent(String property, Path value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value.toString());
        }
    }
}
