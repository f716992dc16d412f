package org.emulsion.engine.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.emulsion.engine.LearningRateSchedule;
import org.junit.jupiter.api.Test;

import ai.djl.training.tracker.Tracker;

/** The schedules are pure functions of the step (steps count from 1), so resumed runs follow the same curve. */
class LearningRateScheduleTest {

    @Test
    void warmUpThenCosineToOnePercent() {
        Tracker t = LearningRateSchedule.warmUpCosine(10).tracker(1e-3f, 110);
        assertEquals(1e-4f, t.getNewValue(1), 1e-9f);
        assertEquals(1e-3f, t.getNewValue(10), 1e-9f);
        assertEquals((1e-3f + 1e-5f) / 2, t.getNewValue(60), 1e-7f);
        assertEquals(1e-5f, t.getNewValue(110), 1e-9f);
        assertEquals(t.getNewValue(37), LearningRateSchedule.warmUpCosine(10).tracker(1e-3f, 110).getNewValue(37), 0f);
    }

    @Test
    void warmUpThenStepDecay() {
        Tracker t = LearningRateSchedule.warmUpStep(5, 100, 0.5f).tracker(2e-3f, 1000);
        assertEquals(4e-4f, t.getNewValue(1), 1e-9f);
        assertEquals(2e-3f, t.getNewValue(50), 1e-9f);
        assertEquals(1e-3f, t.getNewValue(105), 1e-9f);
        assertEquals(5e-4f, t.getNewValue(205), 1e-9f);
    }
}
