package org.emulsion.bench.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Linux process figures a benchmark records next to its timings: load average and resident memory. */
public final class ProcessStats {
    private static final Path STATUS = Path.of("/proc/self/status");
    /** USER_HZ, the unit of /proc's CPU times: 100 on every Linux x86-64 kernel. */
    private static final int CLOCK_TICKS = 100;

    private ProcessStats() {
    }

    /** The 1, 5 and 15 minute load averages, or an empty array where /proc does not say. */
    public static double[] loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return Arrays.stream(fields, 0, 3).mapToDouble(Double::parseDouble).toArray();
        } catch (IOException | RuntimeException e) {
            return new double[0];
        }
    }

    /**
     * Resident set size now (VmRSS) and its peak (VmHWM) since start or the last {@link #resetPeak()},
     * in bytes, from one reading (two readings could see the memory grow in between); -1 if unknown.
     */
    public record Memory(long residentBytes, long peakBytes) {
    }

    public static Memory memory() {
        try {
            List<String> status = Files.readAllLines(STATUS);
            return new Memory(bytes(status, "VmRSS:"), bytes(status, "VmHWM:"));
        } catch (IOException | RuntimeException e) {
            return new Memory(-1, -1); // not Linux
        }
    }

    /**
     * Sets the peak to the current resident size (Linux: "5" into clear_refs), so that the next
     * {@link #memory()} peak is the peak of what ran in between.
     *
     * @return false where the kernel refuses; the peak then stays the process's
     */
    public static boolean resetPeak() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5", StandardCharsets.US_ASCII);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * CPU time (user + system) this process has used, in seconds; -1 if unknown. Divided by wall
     * time it shows how many cores a measurement really had on a shared machine.
     */
    public static double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // Fields after the command name (which may hold spaces): state is the first, utime the 12th, stime the 13th.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) CLOCK_TICKS;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long bytes(List<String> status, String key) {
        for (String line : status) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.substring(key.length()).replace("kB", "").trim()) * 1024;
            }
        }
        return -1;
    }
}
