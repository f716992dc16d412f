package org.emulsion.cli.internal;

import java.io.PrintStream;
import java.util.Locale;

import org.eclipse.core.runtime.NullProgressMonitor;

/**
 * Draws Eclipse progress on a terminal: a redrawn bar on a console, one line per 5 % when the
 * output is a file or pipe (so logs stay readable).
 */
final class TerminalProgress extends NullProgressMonitor {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final boolean interactive = System.console() != null;
    private final long started = System.nanoTime();
    private double total = 1;
    private double worked;
    private String task = "";
    private String subTask = "";
    private int lastPercentPrinted = -5;

    TerminalProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void beginTask(String name, int totalWork) {
        total = totalWork <= 0 ? 1 : totalWork;
        setTaskName(name);
    }

    @Override
    public void setTaskName(String name) {
        if (name != null && !name.isBlank()) {
            task = name;
            subTask = "";
            draw(true);
        }
    }

    @Override
    public void subTask(String name) {
        subTask = name == null ? "" : name;
        draw(false);
    }

    @Override
    public void worked(int work) {
        internalWorked(work);
    }

    @Override
    public void internalWorked(double work) {
        worked = Math.min(total, worked + work);
        draw(false);
    }

    @Override
    public void done() {
        worked = total;
        draw(true);
        if (interactive) {
            out.println();
        }
    }

    private void draw(boolean force) {
        int percent = (int) Math.round(100 * worked / total);
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        String label = subTask.isEmpty() ? task : task + ": " + subTask;
        if (interactive) {
            int filled = percent * WIDTH / 100;
            String bar = "#".repeat(filled) + "-".repeat(WIDTH - filled);
            String line = String.format(Locale.ROOT, "\r[%s] %3d%% %3d:%02d %s", bar, percent, seconds / 60, seconds % 60, label);
            out.print(line.length() > 120 ? line.substring(0, 120) : String.format("%-120s", line));
            out.flush();
        } else if (force || percent >= lastPercentPrinted + 5) {
            lastPercentPrinted = percent;
            out.printf(Locale.ROOT, "[%3d%%] %3d:%02d %s%n", percent, seconds / 60, seconds % 60, label);
        }
    }
}
