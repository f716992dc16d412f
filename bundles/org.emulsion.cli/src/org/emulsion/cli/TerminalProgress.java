package org.emulsion.cli;

import java.io.PrintStream;
import java.util.Locale;

import org.eclipse.core.runtime.NullProgressMonitor;

/**
 * Draws Eclipse progress on a terminal: a redrawn bar on a console, one line per 5 % when the
 * output is a file or pipe (so logs stay readable). Shows the time elapsed and, once a task has
 * made some progress, the time left at its rate so far. Long tasks report what they do as
 * sub-tasks (training: step, loss, validation, learning rate, checkpoints), shown after the bar.
 */
public final class TerminalProgress extends NullProgressMonitor {
    private static final int WIDTH = 30;
    /** A console is redrawn at most this often (training reports every step). */
    private static final long REDRAW_NANOS = 100_000_000L;
    private final PrintStream out;
    private final boolean interactive = System.console() != null;
    private final long started = System.nanoTime();
    private double total = 1;
    private double worked;
    private String task = "";
    private String subTask = "";
    private int lastPercentPrinted = -5;
    private long lastDrawn;

    public TerminalProgress(PrintStream out) {
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
        long now = System.nanoTime();
        double fraction = worked / total;
        int percent = (int) Math.round(100 * fraction);
        long seconds = (now - started) / 1_000_000_000L;
        String label = subTask.isEmpty() ? task : task + ": " + subTask;
        String time = clock(seconds) + (fraction >= 0.01 && fraction < 1 ? ", " + clock(Math.round(seconds * (1 - fraction) / fraction)) + " left" : "");
        if (interactive) {
            if (!force && now - lastDrawn < REDRAW_NANOS) {
                return;
            }
            lastDrawn = now;
            int filled = percent * WIDTH / 100;
            String bar = "#".repeat(filled) + "-".repeat(WIDTH - filled);
            String line = String.format(Locale.ROOT, "\r[%s] %3d%% %s %s", bar, percent, time, label);
            out.print(line.length() > 140 ? line.substring(0, 140) : String.format("%-140s", line));
            out.flush();
        } else if (force || percent >= lastPercentPrinted + 5) {
            lastPercentPrinted = percent;
            out.printf(Locale.ROOT, "[%3d%%] %s %s%n", percent, time, label);
        }
    }

    private static String clock(long seconds) {
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
