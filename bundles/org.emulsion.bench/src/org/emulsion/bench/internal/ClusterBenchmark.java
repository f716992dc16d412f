package org.emulsion.bench.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.emulsion.core.EmulsionException;
import org.emulsion.pipeline.RunUnits;

/**
 * {@code bench cluster}: starts the {@code cluster/} module's benchmark driver
 * ({@code org.emulsion.cluster.ClusterBench}) in a JVM of its own. Spark cannot run inside the
 * OSGi product, so the driver runs on the class path and with the JVM openings the module's build
 * wrote to {@code cluster/target/driver/}, and its render units start this same launcher.
 */
final class ClusterBenchmark {
    private static final String MAIN = "org.emulsion.cluster.ClusterBench";

    /** The benchmark's settings; {@code unitFrames} 0 splits the frames into two equal units (one per worker). */
    record Options(int frames, int unitFrames, String size, Path json, Path work) {
    }

    private ClusterBenchmark() {
    }

    static void run(Options options, PrintStream out) throws EmulsionException {
        BenchOutput.refuseExisting(options.json());
        String launcher = System.getenv("EMULSION_LAUNCHER");
        if (launcher == null) {
            throw new EmulsionException("bench cluster starts the render units with the emulsion launcher: run it as './emulsion bench cluster'");
        }
        Path root = Path.of(launcher).toAbsolutePath().getParent();
        Path driver = root.resolve("cluster/target/driver");
        Path jar = moduleJar(root.resolve("cluster/target"));
        if (jar == null || !Files.isRegularFile(driver.resolve("classpath.txt")) || !Files.isRegularFile(driver.resolve("jvm.options"))) {
            throw new EmulsionException("the cluster module is not built in " + root.resolve("cluster")
                    + ": build it with './mvnw -B -DskipTests package -f cluster/pom.xml' (the full build does it too)");
        }
        try {
            Path work = options.work() != null ? Files.createDirectories(options.work()) : Files.createTempDirectory("emulsion-cluster-bench");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(List.of(Files.readString(driver.resolve("jvm.options"), StandardCharsets.UTF_8).trim().split("\\s+")));
            command.addAll(List.of("-Xmx1g", "-cp", jar + ":" + Files.readString(driver.resolve("classpath.txt"), StandardCharsets.UTF_8).trim(), MAIN,
                    "--launcher", launcher, "--work", work.toString(), "--json", options.json().toAbsolutePath().toString(),
                    "--frames", Integer.toString(options.frames()), "--size", options.size(),
                    "--unit-frames", Integer.toString(options.unitFrames() > 0 ? options.unitFrames() : (options.frames() + 1) / 2),
                    "--default-unit-frames", Integer.toString(RunUnits.DEFAULT_UNIT_FRAMES)));
            ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
            // the units run the product this benchmark runs in, as installed, without a staleness check or rebuild
            builder.environment().putIfAbsent("EMULSION_PRODUCT", Path.of(java.net.URI.create(System.getProperty("osgi.install.area"))).toString());
            int exit = builder.start().waitFor();
            if (exit != 0) {
                throw new EmulsionException("the cluster benchmark's driver exited with " + exit + "; the launcher's output is in "
                        + work.resolve("emulsion.log"));
            }
            out.println("Results: " + options.json());
        } catch (IOException e) {
            throw new EmulsionException("the cluster benchmark could not start: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmulsionException("the cluster benchmark was interrupted");
        }
    }

    private static Path moduleJar(Path target) throws EmulsionException {
        if (!Files.isDirectory(target)) {
            return null;
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().matches("emulsion-cluster-.*\\.jar")
                    && !f.getFileName().toString().endsWith("-tests.jar")).findFirst().orElse(null);
        } catch (IOException e) {
            throw new EmulsionException("cannot list " + target + ": " + e.getMessage(), e);
        }
    }
}
