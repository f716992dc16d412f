package org.emulsion.engine.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.emulsion.engine.NonFiniteValueException;
import org.emulsion.engine.Rollback;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

/**
 * Keeps a training run finite. It holds the last good state (weights, Adam's moments and the
 * run's bookkeeping), taken every {@value #SNAPSHOT_EVERY} steps; when a loss, a gradient or a
 * validation loss is NaN or infinite, the run returns to that state with its learning rate
 * halved and draws other crops from there. A second non-finite value within
 * {@value #RECURRENCE_WINDOW} steps of the last one stops the run with one line naming the
 * model and the step: the data or the recipe is at fault, not an unlucky step, and training on
 * would only hide it.
 */
final class NumericGuard {
    static final int SNAPSHOT_EVERY = 100;
    static final int RECURRENCE_WINDOW = 500;
    static final float RATE_FACTOR = 0.5f;

    private final String model;
    private final List<Rollback> rollbacks = new ArrayList<>();
    private Snapshot last;

    /** The state a rollback returns to. */
    record Snapshot(int step, Map<String, float[]> parameters, Map<String, ResumableAdam.Moments> moments, int losses,
            int validations, float best, int bestStep, int sinceBest, Map<String, float[]> bestParameters) {
    }

    /** @param model names the model in the error when a non-finite value recurs */
    NumericGuard(String model, List<Rollback> earlier) {
        this.model = model;
        this.rollbacks.addAll(earlier);
    }

    List<Rollback> rollbacks() {
        return List.copyOf(rollbacks);
    }

    /** The learning-rate factor the rollbacks so far leave. */
    float rateScale() {
        return rollbacks.isEmpty() ? 1f : rollbacks.get(rollbacks.size() - 1).rateScale();
    }

    boolean due(int step) {
        return last == null || step % SNAPSHOT_EVERY == 0 && step != last.step();
    }

    /** Records the current state as the last good one (copies, so later updates do not touch it). */
    void snapshot(Block block, ResumableAdam adam, int step, int losses, int validations, float best, int bestStep,
            int sinceBest, Map<String, float[]> bestParameters) {
        Map<String, float[]> parameters = Checkpoint.parameters(block, Checkpoint.PARAMETERS);
        Map<String, ResumableAdam.Moments> moments = new HashMap<>();
        NDManager manager = adam.stateManager();
        for (Map.Entry<String, ResumableAdam.Moments> e : adam.state().entrySet()) {
            ResumableAdam.Moments m = e.getValue();
            moments.put(e.getKey(), new ResumableAdam.Moments(copy(m.mean(), manager), copy(m.variance(), manager), m.updates()));
        }
        if (last != null) {
            close(last);
        }
        last = new Snapshot(step, parameters, moments, losses, validations, best, bestStep, sinceBest, bestParameters);
    }

    /**
     * Returns {@code block} and {@code adam} to the last good state and lowers the learning rate.
     *
     * @return the state returned to (its bookkeeping, for the loop to restore)
     * @throws NonFiniteValueException when the last rollback was less than {@value #RECURRENCE_WINDOW} steps ago
     */
    Snapshot rollBack(int failedStep, String cause, Block block, ResumableAdam adam) {
        Rollback previous = rollbacks.isEmpty() ? null : rollbacks.get(rollbacks.size() - 1);
        if (previous != null && failedStep - previous.failedStep() < RECURRENCE_WINDOW) {
            throw new NonFiniteValueException("Training of " + model + " stopped at step " + failedStep + ": the " + cause
                    + " is NaN or infinite again after the run went back to step " + previous.toStep() + " with the learning"
                    + " rate x" + previous.rateScale() + "; check the training pairs for damaged frames, or lower --learning-rate");
        }
        for (Pair<String, Parameter> p : block.getParameters()) {
            p.getValue().getArray().set(java.nio.FloatBuffer.wrap(last.parameters().get(Checkpoint.PARAMETERS + p.getKey())));
        }
        adam.reset(last.moments());
        Rollback rollback = new Rollback(failedStep, last.step(), cause, rateScale() * RATE_FACTOR);
        rollbacks.add(rollback);
        adam.setRateScale(rollback.rateScale());
        return last;
    }

    Rollback lastRollback() {
        return rollbacks.get(rollbacks.size() - 1);
    }

    void close() {
        if (last != null) {
            close(last);
            last = null;
        }
    }

    private static NDArray copy(NDArray array, NDManager manager) {
        NDArray copy = manager.zeros(array.getShape(), array.getDataType(), array.getDevice());
        array.copyTo(copy);
        return copy;
    }

    private static void close(Snapshot snapshot) {
        snapshot.moments().values().forEach(m -> {
            m.mean().close();
            m.variance().close();
        });
    }

    /** Whether every gradient of {@code block} is finite (one reduction per parameter, read back once). */
    static boolean gradientsFinite(Block block, NDManager scratch) {
        List<NDArray> sums = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            NDArray weight = p.getValue().getArray();
            if (weight.hasGradient()) {
                NDArray gradient = weight.getGradient();
                gradient.attach(scratch); // a fresh handle on the gradient: closed with the scratch manager
                sums.add(gradient.sum());
            }
        }
        if (sums.isEmpty()) {
            return true;
        }
        float total = ai.djl.ndarray.NDArrays.stack(new ai.djl.ndarray.NDList(sums)).sum().getFloat();
        return Float.isFinite(total);
    }
}
