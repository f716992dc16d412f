package org.emulsion.cluster;

import java.io.IOException;
import java.io.Serializable;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.TaskContext;

/** One unit of work as a Spark task: the worker's Emulsion launcher run on it, its output in the executor's log. */
public final class UnitTask {
    private UnitTask() {
    }

    /**
     * What a successful attempt reports.
     *
     * @param attempt 0 for the first attempt; more when Spark retried the unit
     */
    public record Result(String unit, String host, String executor, int stage, int attempt, double seconds) implements Serializable {
    }

    /**
     * Runs {@code launcher unit...} and waits for it.
     *
     * @throws IllegalStateException when it exits non-zero, so that Spark retries the unit elsewhere
     */
    public static Result run(String launcher, List<String> unit) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(launcher);
        command.addAll(unit);
        TaskContext task = TaskContext.get();
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).inheritIO().start();
        try {
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + exit + " (see this executor's stderr)");
            }
        } finally {
            process.destroy(); // a killed task (a lost stage, a speculative copy that lost) stops its unit too
        }
        String name = unit.size() > 3 ? unit.get(0) + " " + unit.get(unit.size() - 1) : unit.get(0);
        return new Result(name, InetAddress.getLocalHost().getHostName(),
                org.apache.spark.SparkEnv.get().executorId(), task.stageId(), task.attemptNumber(), (System.nanoTime() - start) / 1e9);
    }
}
