package org.emulsion.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.emulsion.core.EmulsionPreferences.ComputeDevice;

/**
 * The libtorch builds this machine offers DJL, and the one the engine loads.
 * <p>
 * DJL 0.36 talks to libtorch through its JNI library {@code libdjl_torch.so}, which is compiled
 * against one libtorch version: the {@code pytorch-jni} jar carries it for libtorch 2.7.1, CPU and
 * CUDA 12.8 ({@code cu128}). A libtorch fits when the jar has a JNI for its version and flavour,
 * or when a JNI built against it ({@code releng/build-djl-jni.sh}) lies where DJL looks: in the
 * libtorch folder or in the engine cache under {@code pytorch/<version>-<flavour>-linux-x86_64/}.
 * Three kinds are considered, in this order:
 * <ol>
 * <li>a libtorch named by {@code PYTORCH_LIBRARY_PATH} (environment or system property; DJL always
 * loads it when set, so it is the one used, fitting or not);</li>
 * <li>an installed PyTorch ({@code site-packages/torch/lib}) of a {@code python3} on the
 * {@code PATH}, of {@code VIRTUAL_ENV} or {@code CONDA_PREFIX}, or in {@code ~/.local} — a CUDA
 * build is used when the device is not {@code cpu}, an NVIDIA driver is present and it fits;</li>
 * <li>the CPU natives bundled with Emulsion (libtorch 2.7.1 CPU), used otherwise.</li>
 * </ol>
 * The search reads files only: it loads nothing and runs no Python.
 */
public final class TorchLibraries {
    /** How DJL names the platform in its folders and jar paths. */
    static final String CLASSIFIER = "linux-x86_64";
    private static final String JNI = "libdjl_torch.so";
    /** Written by {@code releng/build-djl-jni.sh} beside the JNI it builds: {@code bfloat16=true}, {@code torch=<version>}. */
    public static final String JNI_PROPERTIES = "emulsion-jni.properties";
    private static final String LIBTORCH = "libtorch.so";
    private static final Pattern VERSION = Pattern.compile("__version__\\s*(?::\\s*str\\s*)?=\\s*['\"]([^'\"]+)['\"]");
    private static final Pattern CUDA = Pattern.compile("(?m)^cuda\\s*(?::[^=]*)?=\\s*['\"](\\d+)\\.(\\d+)");
    private static final Pattern HIP = Pattern.compile("(?m)^hip\\s*(?::[^=]*)?=\\s*['\"]");

    /** Where a candidate comes from. */
    public enum Source {
        CONFIGURED("PYTORCH_LIBRARY_PATH"), INSTALLED("installed PyTorch"), BUNDLED("bundled CPU natives");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        public String label() { return label; }
    }

    /**
     * One libtorch.
     *
     * @param directory the folder holding {@code libtorch.so} (null for the bundled natives: DJL unpacks them itself)
     * @param version   libtorch's version without a local label ({@code 2.7.1}), or null when unknown
     * @param flavor    DJL's flavour: {@code cpu}, {@code cu128}, …, or null when unknown
     * @param jni       where its JNI comes from: a file, or {@code jar:} for the pytorch-jni jar; null when none fits
     * @param cudaRuntime the folder of the CUDA runtime ({@code libcudart.so*}) it came with, or null
     * @param problem   why it cannot be used, or null when it can
     * @param bfloat16  whether its JNI knows the bfloat16 type: DJL 0.36's own JNI maps only float32,
     *                  float64, float16 and the integer types, and aborts the process on any other;
     *                  a JNI built by {@code releng/build-djl-jni.sh} adds bfloat16 and says so in
     *                  {@value #JNI_PROPERTIES} beside it
     */
    public record Candidate(Source source, Path directory, String version, String flavor, String jni, Path cudaRuntime,
            String problem, boolean bfloat16) {
        public boolean usable() { return problem == null; }

        public boolean cuda() { return flavor != null && flavor.startsWith("cu"); }

        /** {@code installed PyTorch 2.11.0 (cu130) at /x/torch/lib}. */
        public String describe() {
            return source.label() + (version == null ? "" : " " + version) + (flavor == null ? "" : " (" + flavor + ")")
                    + (directory == null ? "" : " at " + directory);
        }
    }

    /**
     * What the search looks at. Tests give their own.
     *
     * @param environment   environment variables
     * @param properties    system properties that override them ({@code PYTORCH_*} given with {@code -D})
     * @param home          the user's home folder
     * @param engineCache   DJL's engine cache ({@code ENGINE_CACHE_DIR})
     * @param djlVersion    DJL's version ({@code 0.36.0}), part of a built JNI's file name
     * @param jarJniVersion the jar's {@code jni_version} ({@code 2.7.1-0.36.0}), or null without the jar
     * @param jarHasJni     whether the jar holds {@code jnilib/linux-x86_64/<flavour>/libdjl_torch.so}
     * @param bundledVersion version of the bundled CPU natives, or null when they are not installed
     * @param nvidiaDriver  whether an NVIDIA driver is present ({@code /dev/nvidiactl})
     */
    public record Machine(Map<String, String> environment, Map<String, String> properties, Path home, Path engineCache,
            String djlVersion, String jarJniVersion, Predicate<String> jarHasJni, String bundledVersion, boolean nvidiaDriver) {

        String get(String name) {
            String env = environment.get(name);
            return env != null && !env.isBlank() ? env : properties.get(name);
        }
    }

    /** The chosen libtorch and, for every candidate, one line saying whether it is used and why (not). */
    public record Selection(Candidate chosen, List<Candidate> candidates, List<String> lines, String gpuProblem) {
        /** Why no GPU can be had with this choice, or null when one can (as far as files tell: PyTorch decides at load). */
        public Optional<String> whyNoGpu() {
            return Optional.ofNullable(gpuProblem);
        }
    }

    private TorchLibraries() {
    }

    /** Every libtorch {@code machine} offers, configured first, then installed ones, then the bundled natives. */
    public static List<Candidate> candidates(Machine machine) {
        List<Candidate> list = new ArrayList<>();
        String configured = machine.get("PYTORCH_LIBRARY_PATH");
        if (configured != null && !configured.isBlank()) {
            list.add(configured(machine, configured));
        }
        for (Path torch : installedTorches(machine)) {
            list.add(installed(machine, torch));
        }
        if (machine.bundledVersion() != null) {
            // DJL unpacks the bundled natives and the jar's JNI here; a JNI built for them may replace the jar's
            Path unpacked = machine.engineCache().resolve("pytorch").resolve(machine.bundledVersion() + "-cpu-" + CLASSIFIER);
            list.add(new Candidate(Source.BUNDLED, null, plain(machine.bundledVersion()), "cpu", "jar:", null, null,
                    knowsBfloat16(unpacked.resolve(machine.djlVersion() + "-" + JNI).toString())));
        }
        return list;
    }

    /** The libtorch to load for {@code device}, with the reasons. */
    public static Selection select(Machine machine, ComputeDevice device) {
        List<Candidate> candidates = candidates(machine);
        Candidate chosen = null;
        String why;
        Optional<Candidate> configured = candidates.stream().filter(c -> c.source() == Source.CONFIGURED).findFirst();
        Optional<Candidate> bundled = candidates.stream().filter(c -> c.source() == Source.BUNDLED).findFirst();
        Optional<Candidate> cudaInstalled = candidates.stream()
                .filter(c -> c.source() == Source.INSTALLED && c.cuda() && c.usable()).findFirst();
        if (configured.isPresent()) {
            chosen = configured.get();
            why = "DJL loads PYTORCH_LIBRARY_PATH whenever it is set";
        } else if (device != ComputeDevice.CPU && machine.nvidiaDriver() && cudaInstalled.isPresent()) {
            chosen = cudaInstalled.get();
            why = "a CUDA build that fits DJL's JNI, and an NVIDIA driver is present";
        } else {
            chosen = bundled.orElse(null);
            why = device == ComputeDevice.CPU ? "the device is cpu" : "no CUDA libtorch that fits DJL's JNI is usable here";
        }
        List<String> lines = new ArrayList<>();
        for (Candidate c : candidates) {
            String verdict;
            if (c == chosen) {
                verdict = c.usable() ? "USED (" + why + ")" : "USED BUT UNUSABLE: " + c.problem();
            } else if (!c.usable()) {
                verdict = "not usable: " + c.problem();
            } else if (chosen != null && chosen.source() == Source.CONFIGURED) {
                verdict = "not used: PYTORCH_LIBRARY_PATH is set";
            } else if (!c.cuda()) {
                verdict = "not used: a CPU build (the bundled natives serve the CPU)";
            } else if (device == ComputeDevice.CPU) {
                verdict = "not used: the device is cpu";
            } else if (!machine.nvidiaDriver()) {
                verdict = "not used: no NVIDIA driver (/dev/nvidiactl is missing)";
            } else {
                verdict = "not used: " + chosen.describe() + " comes first";
            }
            lines.add(c.describe() + ": " + verdict);
        }
        if (configured.isEmpty()) {
            lines.add(0, "PYTORCH_LIBRARY_PATH: not set");
        }
        if (candidates.stream().noneMatch(c -> c.source() == Source.INSTALLED)) {
            lines.add("installed PyTorch: none found (site-packages/torch of python3 on the PATH, VIRTUAL_ENV, CONDA_PREFIX, ~/.local)");
        }
        if (bundled.isEmpty()) {
            lines.add("bundled CPU natives: not installed (org.emulsion.runtime.feature without ai.djl.pytorch.pytorch-native-cpu)");
        }
        return new Selection(chosen, List.copyOf(candidates), List.copyOf(lines), gpuProblem(machine, chosen, candidates));
    }

    /** What is missing for a GPU with {@code chosen}, or null when nothing (as far as files tell). */
    private static String gpuProblem(Machine machine, Candidate chosen, List<Candidate> candidates) {
        if (!machine.nvidiaDriver()) {
            return "no NVIDIA GPU driver on this machine (/dev/nvidiactl is missing)";
        }
        if (chosen != null && chosen.cuda() && chosen.usable()) {
            return null;
        }
        if (chosen != null && chosen.source() == Source.CONFIGURED) {
            return chosen.usable() ? "PYTORCH_LIBRARY_PATH names a CPU build of libtorch (" + chosen.describe() + ")"
                    : chosen.describe() + " cannot be used: " + chosen.problem();
        }
        return candidates.stream().filter(c -> c.source() == Source.INSTALLED && c.cuda()).findFirst()
                .map(c -> "no CUDA libtorch fits DJL's JNI: " + c.describe() + " " + c.problem())
                .orElse("no CUDA build of libtorch is installed (pip install torch==" + jarTorchVersion(machine)
                        + " with CUDA 12.8, or set PYTORCH_LIBRARY_PATH to a CUDA libtorch; see ./emulsion doctor)");
    }

    private static Candidate configured(Machine machine, String paths) {
        Path dir = null;
        for (String p : paths.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(p);
            if (candidate.getFileName() != null && candidate.getFileName().toString().equals(LIBTORCH)) {
                candidate = candidate.getParent();
            }
            if (Files.isRegularFile(candidate.resolve(LIBTORCH))) {
                dir = candidate;
                break;
            }
        }
        if (dir == null) {
            return new Candidate(Source.CONFIGURED, Path.of(paths), null, null, null, null, "no " + LIBTORCH + " in " + paths, false);
        }
        String[] detected = describeInstall(dir);
        String version = machine.get("PYTORCH_VERSION") != null ? plain(machine.get("PYTORCH_VERSION")) : detected[0];
        String flavor = machine.get("PYTORCH_FLAVOR") != null ? machine.get("PYTORCH_FLAVOR") : detected[1];
        if (version == null || flavor == null) {
            return new Candidate(Source.CONFIGURED, dir, version, flavor, null, null, "its version or flavour is unknown: "
                    + "set PYTORCH_VERSION (e.g. 2.7.1) and PYTORCH_FLAVOR (cpu, cu128) beside it", false);
        }
        return fit(machine, Source.CONFIGURED, dir, version, flavor, cudaRuntime(dir));
    }

    private static Candidate installed(Machine machine, Path torch) {
        Path lib = torch.resolve("lib");
        String[] detected = describeInstall(lib);
        Path cudart = cudaRuntime(lib);
        if (detected[0] == null) {
            return new Candidate(Source.INSTALLED, lib, null, null, null, cudart, "no readable torch/version.py", false);
        }
        if (detected[1] == null) {
            return new Candidate(Source.INSTALLED, lib, detected[0], null, null, cudart,
                    "a ROCm build; DJL's PyTorch JNI supports CPU and CUDA builds only", false);
        }
        return fit(machine, Source.INSTALLED, lib, detected[0], detected[1], cudart);
    }

    /** A candidate of known version and flavour: usable when a JNI fits it. */
    private static Candidate fit(Machine machine, Source source, Path dir, String version, String flavor, Path cudart) {
        String jni = jniFor(machine, dir, version, flavor);
        String problem = null;
        if (jni == null) {
            String jar = jarTorchVersion(machine);
            problem = version.equals(jar)
                    ? "DJL's pytorch-jni jar has no JNI for the " + flavor + " flavour of " + version + " (only cpu and cu128)"
                            + "; build one with releng/build-djl-jni.sh"
                    : "DJL's JNI is built for libtorch " + jar + ", not " + version + ", and no " + JNI + " built for "
                            + version + " is in " + builtJniDirectory(machine, version, flavor)
                            + "; build one with releng/build-djl-jni.sh or install PyTorch " + jar;
        }
        return new Candidate(source, dir, version, flavor, jni, cudart, problem, knowsBfloat16(jni));
    }

    /** Whether the JNI file {@code jni} was built with bfloat16 ({@value #JNI_PROPERTIES} beside it says so). */
    private static boolean knowsBfloat16(String jni) {
        if (jni == null || jni.startsWith("jar:")) {
            return false;
        }
        Path properties = Path.of(jni).resolveSibling(JNI_PROPERTIES);
        if (!Files.isRegularFile(Path.of(jni)) || !Files.isRegularFile(properties)) {
            return false;
        }
        try (var in = Files.newInputStream(properties)) {
            java.util.Properties p = new java.util.Properties();
            p.load(in);
            return Boolean.parseBoolean(p.getProperty("bfloat16"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Where a JNI for this libtorch is, as DJL's LibUtils looks for it; null when none. */
    private static String jniFor(Machine machine, Path dir, String version, String flavor) {
        for (Path p : List.of(dir.resolve(machine.djlVersion() + "-" + JNI), dir.resolve(JNI),
                builtJniDirectory(machine, version, flavor).resolve(machine.djlVersion() + "-" + JNI))) {
            if (Files.isRegularFile(p)) {
                return p.toString();
            }
        }
        String jar = machine.jarJniVersion();
        if (jar != null && jar.startsWith(version + "-" + machine.djlVersion()) && machine.jarHasJni().test(flavor)) {
            return "jar:";
        }
        return null;
    }

    /** The engine-cache folder DJL looks in for a JNI of this version and flavour (what build-djl-jni.sh fills). */
    public static Path builtJniDirectory(Machine machine, String version, String flavor) {
        return machine.engineCache().resolve("pytorch").resolve(version + "-" + flavor + "-" + CLASSIFIER);
    }

    private static String jarTorchVersion(Machine machine) {
        String jar = machine.jarJniVersion();
        return jar == null ? "2.7.1" : jar.substring(0, jar.indexOf('-') < 0 ? jar.length() : jar.indexOf('-'));
    }

    /**
     * Version and flavour of the libtorch in {@code lib}, from {@code ../version.py} (a pip
     * install's {@code torch/}) or {@code ../build-version} (a libtorch archive): {null, null}
     * when neither says; flavour null for a ROCm build.
     */
    static String[] describeInstall(Path lib) {
        Path parent = lib.toAbsolutePath().getParent();
        try {
            Path py = parent.resolve("version.py");
            if (Files.isRegularFile(py)) {
                String text = Files.readString(py);
                Matcher v = VERSION.matcher(text);
                if (!v.find()) {
                    return new String[2];
                }
                Matcher cuda = CUDA.matcher(text);
                String flavor = cuda.find() ? "cu" + cuda.group(1) + cuda.group(2) : HIP.matcher(text).find() ? null : "cpu";
                return new String[] {plain(v.group(1)), flavor};
            }
            Path build = parent.resolve("build-version");
            if (Files.isRegularFile(build)) {
                String full = Files.readString(build).trim();
                int plus = full.indexOf('+');
                String local = plus < 0 ? "cpu" : full.substring(plus + 1);
                return new String[] {plain(full), local.startsWith("cu") || local.equals("cpu") ? local : null};
            }
        } catch (IOException e) {
            // unreadable: unknown
        }
        return new String[2];
    }

    /** {@code 2.11.0+cu130} or {@code 2.7.1-20250812} → {@code 2.11.0}, {@code 2.7.1}. */
    static String plain(String version) {
        Matcher m = Pattern.compile("^(\\d+\\.\\d+\\.\\d+)").matcher(version.trim());
        return m.find() ? m.group(1) : version.trim();
    }

    /** {@code site-packages/torch} folders holding a libtorch, each once. */
    private static List<Path> installedTorches(Machine machine) {
        Set<Path> prefixes = new LinkedHashSet<>();
        for (String var : List.of("VIRTUAL_ENV", "CONDA_PREFIX")) {
            String value = machine.environment().get(var);
            if (value != null && !value.isBlank()) {
                prefixes.add(Path.of(value));
            }
        }
        String path = machine.environment().getOrDefault("PATH", "");
        for (String entry : path.split(java.io.File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            for (String name : List.of("python3", "python")) {
                Path exe = Path.of(entry, name);
                if (Files.isExecutable(exe) && Path.of(entry).getParent() != null) {
                    prefixes.add(Path.of(entry).getParent()); // a venv's prefix, before following its link
                    try {
                        Path real = exe.toRealPath();
                        if (real.getParent() != null && real.getParent().getParent() != null) {
                            prefixes.add(real.getParent().getParent());
                        }
                    } catch (IOException e) {
                        // a dangling link: only the prefix above
                    }
                }
            }
        }
        prefixes.add(machine.home().resolve(".local"));
        Set<Path> torches = new LinkedHashSet<>();
        for (Path prefix : prefixes) {
            for (Path site : sitePackages(prefix)) {
                Path torch = site.resolve("torch");
                if (Files.isRegularFile(torch.resolve("lib").resolve(LIBTORCH))) {
                    try {
                        torches.add(torch.toRealPath());
                    } catch (IOException e) {
                        torches.add(torch.toAbsolutePath());
                    }
                }
            }
        }
        return List.copyOf(torches);
    }

    private static List<Path> sitePackages(Path prefix) {
        List<Path> sites = new ArrayList<>();
        for (String lib : List.of("lib", "lib64")) {
            Path dir = prefix.resolve(lib);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> pythons = Files.list(dir)) {
                pythons.filter(p -> p.getFileName().toString().startsWith("python3")).sorted().forEach(p -> {
                    for (String kind : List.of("site-packages", "dist-packages")) {
                        if (Files.isDirectory(p.resolve(kind))) {
                            sites.add(p.resolve(kind));
                        }
                    }
                });
            } catch (IOException e) {
                // unreadable: nothing there
            }
        }
        return sites;
    }

    /**
     * The folder of the CUDA runtime that came with a libtorch: the pip wheels' {@code nvidia/…/lib}
     * beside {@code torch/}, or the libtorch folder itself. DJL counts GPUs through
     * {@code libcudart} (JNA), which is found only on the library path, so the engine adds this folder to it.
     */
    static Path cudaRuntime(Path lib) {
        List<Path> roots = new ArrayList<>(List.of(lib));
        Path torch = lib.toAbsolutePath().getParent();
        if (torch != null && torch.getParent() != null) {
            roots.add(torch.getParent().resolve("nvidia"));
        }
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root, 4)) {
                Optional<Path> cudart = files.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).matches("libcudart\\.so(\\.\\d+)*"))
                        .findFirst();
                if (cudart.isPresent()) {
                    return cudart.get().getParent();
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                // unreadable: none
            }
        }
        return null;
    }
}
