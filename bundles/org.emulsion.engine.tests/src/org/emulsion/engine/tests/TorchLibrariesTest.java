package org.emulsion.engine.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.emulsion.core.EmulsionPreferences.ComputeDevice;
import org.emulsion.engine.TorchLibraries;
import org.emulsion.engine.TorchLibraries.Candidate;
import org.emulsion.engine.TorchLibraries.Machine;
import org.emulsion.engine.TorchLibraries.Selection;
import org.emulsion.engine.TorchLibraries.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which libtorch the engine loads, on machines laid out in a temporary folder as pip, a
 * virtual environment and a libtorch archive lay them out (the files are empty: nothing is loaded).
 */
class TorchLibrariesTest {
    @TempDir
    Path root;

    private final Map<String, String> env = new HashMap<>();
    private boolean driver = true;

    @Test
    void withoutAnInstalledPyTorchTheBundledNativesServeEveryDevice() {
        for (ComputeDevice device : ComputeDevice.values()) {
            Selection s = TorchLibraries.select(machine(), device);
            assertEquals(Source.BUNDLED, s.chosen().source(), device.id());
            assertEquals("2.7.1", s.chosen().version());
            assertTrue(s.lines().contains("PYTORCH_LIBRARY_PATH: not set"), s.lines().toString());
            assertTrue(s.lines().stream().anyMatch(l -> l.startsWith("installed PyTorch: none found")), s.lines().toString());
            assertTrue(s.whyNoGpu().orElseThrow().startsWith("no CUDA build of libtorch is installed"), s.whyNoGpu().get());
        }
    }

    @Test
    void anInstalledCudaPyTorchOfAnotherVersionIsNamedWithTheReasonAndWhatToDo() throws IOException {
        Path lib = pipTorch(venv("venv"), "2.11.0+cu130", "13.0");
        Selection s = TorchLibraries.select(machine(), ComputeDevice.GPU);
        assertEquals(Source.BUNDLED, s.chosen().source());
        Candidate installed = only(s, Source.INSTALLED);
        assertEquals(lib.toRealPath(), installed.directory().toRealPath());
        assertEquals("2.11.0", installed.version());
        assertEquals("cu130", installed.flavor());
        assertFalse(installed.usable());
        String line = line(s, "installed PyTorch 2.11.0 (cu130)");
        assertTrue(line.contains("not usable: DJL's JNI is built for libtorch 2.7.1, not 2.11.0"), line);
        assertTrue(line.contains("releng/build-djl-jni.sh"), line);
        assertTrue(s.whyNoGpu().orElseThrow().startsWith("no CUDA libtorch fits DJL's JNI: installed PyTorch 2.11.0"), s.whyNoGpu().get());
        assertTrue(line(s, "bundled CPU natives").contains("USED"), s.lines().toString());
    }

    @Test
    void aJniBuiltForTheInstalledVersionMakesItTheGpuChoiceWithItsCudaRuntime() throws IOException {
        Path venv = venv("venv");
        pipTorch(venv, "2.11.0+cu130", "13.0");
        Path cudart = Files.createDirectories(site(venv).resolve("nvidia/cu13/lib"));
        Files.createFile(cudart.resolve("libcudart.so.13"));
        Machine machine = machine();
        Path built = TorchLibraries.builtJniDirectory(machine, "2.11.0", "cu130");
        Files.createDirectories(built);
        Files.createFile(built.resolve("0.36.0-libdjl_torch.so"));

        Selection gpu = TorchLibraries.select(machine, ComputeDevice.AUTO);
        assertEquals(Source.INSTALLED, gpu.chosen().source());
        assertTrue(gpu.chosen().usable());
        assertEquals(built.resolve("0.36.0-libdjl_torch.so").toString(), gpu.chosen().jni());
        assertEquals(cudart.toRealPath(), gpu.chosen().cudaRuntime().toRealPath());
        assertTrue(gpu.whyNoGpu().isEmpty());
        assertTrue(line(gpu, "bundled CPU natives").contains("not used: a CPU build"), gpu.lines().toString());

        Selection cpu = TorchLibraries.select(machine, ComputeDevice.CPU);
        assertEquals(Source.BUNDLED, cpu.chosen().source());
        assertTrue(line(cpu, "installed PyTorch").endsWith("not used: the device is cpu"), cpu.lines().toString());

        driver = false;
        Selection noDriver = TorchLibraries.select(machine(), ComputeDevice.GPU);
        assertEquals(Source.BUNDLED, noDriver.chosen().source());
        assertTrue(line(noDriver, "installed PyTorch").contains("no NVIDIA driver"), noDriver.lines().toString());
        assertEquals("no NVIDIA GPU driver on this machine (/dev/nvidiactl is missing)", noDriver.whyNoGpu().orElseThrow());
    }

    @Test
    void theVersionDjlWasBuiltForFitsWithTheJarsJniButOnlyInTheFlavoursTheJarHas() throws IOException {
        pipTorch(venv("a"), "2.7.1+cu128", "12.8");
        Selection s = TorchLibraries.select(machine(), ComputeDevice.AUTO);
        assertEquals(Source.INSTALLED, s.chosen().source());
        assertEquals("jar:", s.chosen().jni());
        assertNull(s.chosen().cudaRuntime(), "no nvidia/ folder beside this torch");

        env.clear();
        pipTorch(venv("b"), "2.7.1+cu126", "12.6");
        Candidate cu126 = only(TorchLibraries.select(machine(), ComputeDevice.AUTO), Source.INSTALLED);
        assertTrue(cu126.problem().contains("no JNI for the cu126 flavour of 2.7.1 (only cpu and cu128)"), cu126.problem());
    }

    @Test
    void cpuOnlyAndRocmInstallsAreNotTakenForGpus() throws IOException {
        pipTorch(venv("cpu"), "2.7.1+cpu", null);
        Selection s = TorchLibraries.select(machine(), ComputeDevice.GPU);
        assertEquals(Source.BUNDLED, s.chosen().source());
        assertTrue(line(s, "installed PyTorch 2.7.1 (cpu)").endsWith("not used: a CPU build (the bundled natives serve the CPU)"),
                s.lines().toString());

        env.clear();
        Path rocm = pipTorch(venv("rocm"), "2.7.1+rocm6.3", null);
        Files.writeString(rocm.getParent().resolve("version.py"), "__version__ = '2.7.1+rocm6.3'\nhip: Optional[str] = '6.3'\n");
        Candidate c = only(TorchLibraries.select(machine(), ComputeDevice.GPU), Source.INSTALLED);
        assertTrue(c.problem().startsWith("a ROCm build"), c.problem());
    }

    @Test
    void aConfiguredLibraryPathIsAlwaysTheOneUsedAndIsCheckedLikeTheOthers() throws IOException {
        Path archive = Files.createDirectories(root.resolve("libtorch/lib"));
        Files.createFile(archive.resolve("libtorch.so"));
        Files.writeString(archive.getParent().resolve("build-version"), "2.7.1+cu128\n");
        pipTorch(venv("venv"), "2.7.1+cu128", "12.8");
        env.put("PYTORCH_LIBRARY_PATH", archive.toString());
        Selection s = TorchLibraries.select(machine(), ComputeDevice.CPU);
        assertEquals(Source.CONFIGURED, s.chosen().source());
        assertEquals("cu128", s.chosen().flavor());
        assertTrue(s.chosen().usable());
        assertTrue(line(s, "installed PyTorch").endsWith("not used: PYTORCH_LIBRARY_PATH is set"), s.lines().toString());

        env.put("PYTORCH_VERSION", "2.5.1");
        Selection old = TorchLibraries.select(machine(), ComputeDevice.AUTO);
        assertEquals(Source.CONFIGURED, old.chosen().source());
        assertTrue(line(old, "PYTORCH_LIBRARY_PATH 2.5.1").contains("USED BUT UNUSABLE: DJL's JNI is built for libtorch 2.7.1, not 2.5.1"),
                old.lines().toString());

        env.put("PYTORCH_LIBRARY_PATH", root.resolve("nowhere").toString());
        Candidate missing = TorchLibraries.select(machine(), ComputeDevice.AUTO).chosen();
        assertEquals("no libtorch.so in " + root.resolve("nowhere"), missing.problem());
    }

    private Machine machine() {
        Set<String> jarFlavors = Set.of("cpu", "cu128");
        return new Machine(Map.copyOf(env), Map.of(), root.resolve("home"), root.resolve("cache/djl"), "0.36.0", "2.7.1-0.36.0",
                jarFlavors::contains, "2.7.1-20250812", driver);
    }

    /** A virtual environment whose bin/ is put on the PATH. */
    private Path venv(String name) throws IOException {
        Path bin = Files.createDirectories(root.resolve(name).resolve("bin"));
        Path python = Files.createFile(bin.resolve("python3"));
        Files.setPosixFilePermissions(python, PosixFilePermissions.fromString("rwxr-xr-x"));
        env.put("PATH", bin + ":/nonexistent");
        return root.resolve(name);
    }

    private static Path site(Path venv) {
        return venv.resolve("lib/python3.12/site-packages");
    }

    /** A pip install of torch: torch/lib/libtorch.so and torch/version.py as the wheel writes it. */
    private static Path pipTorch(Path venv, String version, String cuda) throws IOException {
        Path lib = Files.createDirectories(site(venv).resolve("torch/lib"));
        Files.createFile(lib.resolve("libtorch.so"));
        Files.writeString(lib.getParent().resolve("version.py"), "from typing import Optional\n\n__all__ = ['__version__']\n"
                + "__version__ = '" + version + "'\ndebug = False\ncuda: Optional[str] = " + (cuda == null ? "None" : "'" + cuda + "'")
                + "\nhip: Optional[str] = None\n");
        return lib;
    }

    private static Candidate only(Selection s, Source source) {
        List<Candidate> found = s.candidates().stream().filter(c -> c.source() == source).toList();
        assertEquals(1, found.size(), found.toString());
        return found.get(0);
    }

    private static String line(Selection s, String start) {
        return s.lines().stream().filter(l -> l.startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with '" + start + "' in " + s.lines()));
    }
}
