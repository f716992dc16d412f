package org.emulsion.engine.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.emulsion.engine.Rollback;
import org.emulsion.engine.ThreadLayout;
import org.emulsion.engine.TrainingListener;

/** Passes each training event to every listener, in order. */
final class Listeners implements TrainingListener {
    private final List<TrainingListener> all;

    Listeners(List<TrainingListener> listeners) {
        all = new ArrayList<>(listeners);
    }

    void add(TrainingListener listener) {
        all.add(listener);
    }

    @Override
    public void stepFinished(int step, int maxSteps, float loss, float learningRate, Duration elapsed) {
        all.forEach(l -> l.stepFinished(step, maxSteps, loss, learningRate, elapsed));
    }

    @Override
    public void validated(int step, float validationLoss, float best) {
        all.forEach(l -> l.validated(step, validationLoss, best));
    }

    @Override
    public void checkpointWritten(int step, Path file) {
        all.forEach(l -> l.checkpointWritten(step, file));
    }

    @Override
    public void contactSheetWritten(int step, Path file) {
        all.forEach(l -> l.contactSheetWritten(step, file));
    }

    @Override
    public void resumed(int step, Path checkpoint) {
        all.forEach(l -> l.resumed(step, checkpoint));
    }

    @Override
    public void rolledBack(Rollback rollback) {
        all.forEach(l -> l.rolledBack(rollback));
    }

    @Override
    public void stoppedEarly(int step, int bestStep) {
        all.forEach(l -> l.stoppedEarly(step, bestStep));
    }

    @Override
    public void threadsChosen(int step, ThreadLayout layout, Map<ThreadLayout, Double> millisPerStep) {
        all.forEach(l -> l.threadsChosen(step, layout, millisPerStep));
    }
}
