package org.emulsion.cluster;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Spark standalone cluster on this machine, started from the jars on the test's class path (no
 * Spark download): a master and workers of one core each, each a JVM of its own, whose
 * environment (the Emulsion product, its JDK) the executors and their units inherit, as a render
 * farm's spark-env.sh gives it. For the tests and {@link ClusterBench}, whose class path holds Spark.
 */
public final class LocalSparkCluster implements AutoCloseable {
    private final Process master;
    private final List<Process> workers = new ArrayList<>();
    private final String url;

    public LocalSparkCluster(Path dir, int workerCount, Map<String, String> workerEnvironment) throws IOException {
        Path home = Files.createDirectories(dir.resolve("spark-home/jars"));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            if (entry.endsWith(".jar") && !Files.exists(home.resolve(jar.getFileName()))) {
                Files.createSymbolicLink(home.resolve(jar.getFileName()), jar.toAbsolutePath());
            }
        }
        int port = freePort();
        url = "spark://127.0.0.1:" + port;
        master = start(dir, "master", Map.of(), "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                Integer.toString(port), "--webui-port", Integer.toString(freePort()));
        for (int w = 0; w < workerCount; w++) {
            Path work = Files.createDirectories(dir.resolve("worker-" + w));
            workers.add(start(dir, "worker-" + w, workerEnvironment, "org.apache.spark.deploy.worker.Worker", url, "--host",
                    "127.0.0.1", "--cores", "1", "--memory", "3g", "--work-dir", work.toString(), "--webui-port",
                    Integer.toString(freePort())));
        }
    }

    public String url() {
        return url;
    }

    /** Kills worker {@code w}, its executor and the unit it runs, at once, as a machine that fails. */
    public void kill(int w) {
        ProcessHandle worker = workers.get(w).toHandle();
        worker.descendants().forEach(ProcessHandle::destroyForcibly);
        worker.destroyForcibly();
    }

    private static Process start(Path dir, String name, Map<String, String> environment, String main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
        command.addAll(List.of(System.getProperty("spark.opens.line", "").split(" ")).stream().filter(s -> !s.isBlank()).toList());
        command.addAll(List.of("-cp", dir.resolve("spark-home/jars").toString() + File.separator + "*", main));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
        builder.environment().put("SPARK_HOME", dir.resolve("spark-home").toString());
        builder.environment().put("SPARK_SCALA_VERSION", "2.13");
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        for (Process p : workers) {
            p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        master.destroyForcibly();
    }
}
