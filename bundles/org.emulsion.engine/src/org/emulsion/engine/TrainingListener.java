package org.emulsion.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Events of a training run, on the training thread, for displays and logs (the CLI's progress
 * bar, the workbench's training view). Every method has an empty default. The
 * {@link org.eclipse.core.runtime.IProgressMonitor} given to the trainer receives the same
 * facts as work units and a one-line sub-task, so Eclipse Jobs show them without a listener.
 */
public interface TrainingListener {

    /** Step {@code step} (counted from 1) of {@code maxSteps} finished with this training loss. */
    default void stepFinished(int step, int maxSteps, float loss, float learningRate, Duration elapsed) {
    }

    /** The held-out pairs were evaluated after {@code step}; {@code best} is the lowest so far (this one included). */
    default void validated(int step, float validationLoss, float best) {
    }

    default void checkpointWritten(int step, Path file) {
    }

    default void contactSheetWritten(int step, Path file) {
    }

    /** A run continues from {@code checkpoint}, whose last step was {@code step}. */
    default void resumed(int step, Path checkpoint) {
    }

    /**
     * A value turned NaN or infinite; the run continues from its last good state with a lower
     * learning rate (the steps after {@code rollback.toStep()} are discarded).
     */
    default void rolledBack(Rollback rollback) {
    }

    /** Validation did not improve for the patience; the model returned is the one of {@code bestStep}. */
    default void stoppedEarly(int step, int bestStep) {
    }

    /**
     * A CPU run timed its first steps in each candidate {@link ThreadLayout} and goes on with
     * {@code layout} from step {@code step + 1}; {@code millisPerStep} is each layout's median step time.
     */
    default void threadsChosen(int step, ThreadLayout layout, Map<ThreadLayout, Double> millisPerStep) {
    }
}
