package org.emulsion.engine.internal;

import java.time.Duration;
import java.util.Locale;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.emulsion.engine.Rollback;
import org.emulsion.engine.TrainingListener;
import org.emulsion.engine.TrainingSettings;

/**
 * Shows training events on an Eclipse progress monitor: work follows whichever limit is
 * nearer (the step count or the time budget) and the sub-task reads like
 * {@code step 1200/5000 · loss 0.0123 · val 0.0150 (best 0.0141) · lr 2.0e-04}, which the CLI's
 * progress bar and the workbench's Progress view both display.
 */
final class MonitorReporter implements TrainingListener {
    private static final int UNITS = 1000;
    private final SubMonitor progress;
    private final TrainingSettings settings;
    private int reported;
    private String validation = "";
    private String lastEvent = "";

    MonitorReporter(IProgressMonitor monitor, TrainingSettings settings, int startStep, long elapsedBefore) {
        this.progress = SubMonitor.convert(monitor, "Training", UNITS);
        this.settings = settings;
        advance(startStep, Duration.ofNanos(elapsedBefore));
    }

    boolean isCanceled() {
        return progress.isCanceled();
    }

    @Override
    public void stepFinished(int step, int maxSteps, float loss, float learningRate, Duration elapsed) {
        advance(step, elapsed);
        progress.subTask(String.format(Locale.ROOT, "step %d/%d · loss %.4f%s · lr %.1e%s", step, maxSteps, loss, validation,
                learningRate, lastEvent));
        lastEvent = "";
    }

    @Override
    public void validated(int step, float validationLoss, float best) {
        validation = String.format(Locale.ROOT, " · val %.4f (best %.4f)", validationLoss, best);
    }

    @Override
    public void checkpointWritten(int step, java.nio.file.Path file) {
        lastEvent = " · checkpoint " + file.getFileName();
    }

    @Override
    public void resumed(int step, java.nio.file.Path checkpoint) {
        progress.subTask("resumed from " + checkpoint.getFileName() + " at step " + step);
    }

    @Override
    public void rolledBack(Rollback rollback) {
        lastEvent = String.format(Locale.ROOT, " · %s not finite at step %d: back to step %d, learning rate x%.2f",
                rollback.cause(), rollback.failedStep(), rollback.toStep(), rollback.rateScale());
    }

    @Override
    public void stoppedEarly(int step, int bestStep) {
        progress.subTask("stopped at step " + step + ": validation best at step " + bestStep);
    }

    private void advance(int step, Duration elapsed) {
        double fraction = Math.max(step / (double) settings.maxSteps(),
                elapsed.toNanos() / (double) settings.timeBudget().toNanos());
        int units = (int) Math.min(UNITS, fraction * UNITS);
        if (units > reported) {
            progress.worked(units - reported);
            reported = units;
        }
    }
}
