package org.emulsion.engine.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;

/**
 * Adam whose state can be saved and restored. DJL's {@code Adam} keeps its moments and update
 * counts in private fields, so a run resumed with it would restart the moment estimates and
 * the bias correction. This one runs the same fused update
 * ({@code NDArrayEx.adamUpdate}, the kernel DJL's Adam uses) on state it can hand out.
 */
public final class ResumableAdam extends Optimizer {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;
    private final Tracker learningRate;
    private final NDManager stateManager;
    private final Map<String, Moments> moments = new ConcurrentHashMap<>(); // several threads update shares of the parameters
    private float rateScale = 1;

    /** First and second moment of one parameter and the number of updates it has had. */
    public record Moments(NDArray mean, NDArray variance, int updates) {
    }

    /** @param stateManager owns the moment arrays (close it with the model) */
    public ResumableAdam(Tracker learningRate, NDManager stateManager) {
        super(new Builder());
        this.learningRate = learningRate;
        this.stateManager = stateManager;
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        Moments m = moments.get(parameterId);
        if (m == null) {
            NDArray mean = stateManager.zeros(weight.getShape(), weight.getDataType(), weight.getDevice());
            NDArray variance = stateManager.zeros(weight.getShape(), weight.getDataType(), weight.getDevice());
            m = new Moments(mean, variance, 0);
        }
        int t = m.updates() + 1;
        moments.put(parameterId, new Moments(m.mean(), m.variance(), t));
        float rate = rateAt(t);
        float corrected = (float) (rate * Math.sqrt(1 - Math.pow(BETA2, t)) / (1 - Math.pow(BETA1, t)));
        weight.getNDArrayInternal().adamUpdate(new NDList(weight, grad, m.mean(), m.variance()), new NDList(weight), rate,
                corrected, getWeightDecay(), rescaleGrad, clipGrad, BETA1, BETA2, EPSILON, true, false);
    }

    /**
     * Updates every parameter of {@code block} that has a gradient: what {@code Trainer.step()} does
     * on one device, without the copy of every gradient DJL's parameter server makes first (a clone
     * per parameter per step, for devices this trainer never has).
     */
    public void step(Block block) {
        step(block, 0, 1);
    }

    /**
     * Updates share {@code share} of {@code shares} of the parameters, so that several threads can
     * update one block at once: the parameters are dealt out largest first, each to the share with
     * the fewest elements so far, the same way every step. Each parameter's update is the same
     * whichever thread makes it.
     */
    public void step(Block block, int share, int shares) {
        List<Parameter> parameters = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().getArray().hasGradient()) {
                parameters.add(p.getValue());
            }
        }
        parameters.sort(Comparator.comparingLong((Parameter p) -> p.getArray().size()).reversed());
        long[] elements = new long[shares];
        for (Parameter p : parameters) {
            int least = 0;
            for (int i = 1; i < shares; i++) {
                least = elements[i] < elements[least] ? i : least;
            }
            elements[least] += p.getArray().size();
            if (least == share) {
                NDArray weight = p.getArray();
                try (NDArray gradient = weight.getGradient()) {
                    update(p.getId(), weight, gradient);
                }
            }
        }
    }

    /** The rate for update {@code t} (counted from 1): the schedule's, times the rate scale. */
    public float rateAt(int t) {
        return learningRate.getNewValue(t) * rateScale;
    }

    /** Multiplies the schedule's rate by {@code scale} from the next update on (lowered after a rollback). */
    public void setRateScale(float scale) {
        this.rateScale = scale;
    }

    public float rateScale() {
        return rateScale;
    }

    /** The state by parameter id (the live arrays: copy before changing them). */
    public Map<String, Moments> state() {
        return Map.copyOf(moments);
    }

    /** Replaces the state of {@code parameterId} by copies of {@code mean} and {@code variance}. */
    public void restore(String parameterId, NDArray mean, NDArray variance, int updates) {
        Moments old = moments.remove(parameterId);
        if (old != null) {
            old.mean().close();
            old.variance().close();
        }
        NDArray m = stateManager.zeros(mean.getShape(), mean.getDataType(), stateManager.getDevice());
        NDArray v = stateManager.zeros(variance.getShape(), variance.getDataType(), stateManager.getDevice());
        mean.copyTo(m);
        variance.copyTo(v);
        moments.put(parameterId, new Moments(m, v, updates));
    }

    /** Replaces the whole state by copies of {@code state} (parameters not in it start afresh). */
    public void reset(Map<String, Moments> state) {
        for (String id : Map.copyOf(moments).keySet()) {
            if (!state.containsKey(id)) {
                Moments old = moments.remove(id);
                old.mean().close();
                old.variance().close();
            }
        }
        state.forEach((id, m) -> restore(id, m.mean(), m.variance(), m.updates()));
    }

    /** The manager that owns the moment arrays. */
    public NDManager stateManager() {
        return stateManager;
    }

    private static final class Builder extends OptimizerBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}
