package org.emulsion.engine;

import java.util.function.BiFunction;

import ai.djl.training.tracker.CosineTracker;
import ai.djl.training.tracker.Tracker;
import ai.djl.training.tracker.WarmUpTracker;

/**
 * The learning rate over the steps of a run, built from DJL's trackers. A schedule is a pure
 * function of the step number, so a resumed run continues on the same curve.
 */
public interface LearningRateSchedule {

    /** The tracker for a run of {@code maxSteps} steps at peak rate {@code baseRate}; steps count from 1. */
    Tracker tracker(float baseRate, int maxSteps);

    /** A stable description (recorded in checkpoints). */
    String describe();

    /** A schedule from its description and its tracker factory ({@code (baseRate, maxSteps) -> tracker}). */
    static LearningRateSchedule of(String description, BiFunction<Float, Integer, Tracker> tracker) {
        return new LearningRateSchedule() {
            @Override
            public Tracker tracker(float baseRate, int maxSteps) {
                return tracker.apply(baseRate, maxSteps);
            }

            @Override
            public String describe() {
                return description;
            }
        };
    }

    /** The base rate throughout. */
    static LearningRateSchedule constant() {
        return of("constant", (baseRate, maxSteps) -> Tracker.fixed(baseRate));
    }

    /**
     * Linear warm-up from 0 over {@code warmUpSteps} (Adam's early moment estimates are noisy),
     * then a cosine decay to 1 % of the base rate at the last step.
     */
    static LearningRateSchedule warmUpCosine(int warmUpSteps) {
        return of("warm-up " + warmUpSteps + " + cosine", (baseRate, maxSteps) -> {
            int warmUp = Math.min(warmUpSteps, Math.max(0, maxSteps - 1));
            Tracker cosine = CosineTracker.builder().setBaseValue(baseRate).optFinalValue(baseRate / 100)
                    .setMaxUpdates(Math.max(1, maxSteps - warmUp)).build();
            return warmUp == 0 ? cosine
                    : WarmUpTracker.builder().optWarmUpSteps(warmUp).optWarmUpBeginValue(0).setMainTracker(cosine).build();
        });
    }

    /**
     * Linear warm-up over {@code warmUpSteps}, then the base rate multiplied by {@code factor}
     * after every {@code every} steps (step decay).
     */
    static LearningRateSchedule warmUpStep(int warmUpSteps, int every, float factor) {
        if (every < 1 || factor <= 0 || factor > 1) {
            throw new IllegalArgumentException("step decay every " + every + " steps by " + factor);
        }
        return of("warm-up " + warmUpSteps + " + x" + factor + " every " + every, (baseRate, maxSteps) -> {
            Tracker decay = t -> (float) (baseRate * Math.pow(factor, Math.max(0, t) / every));
            return warmUpSteps == 0 ? decay
                    : WarmUpTracker.builder().optWarmUpSteps(warmUpSteps).optWarmUpBeginValue(0).setMainTracker(decay).build();
        });
    }
}
