package org.emulsion.engine.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.Device;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The intra-op thread count a CPU training run uses, measured on its own first steps rather than
 * assumed. PyTorch splits each operation over its threads; a training step of small patches is
 * hundreds of small operations, and on a few shared cores the threads' hand-overs can cost more
 * than the split saves, while larger patches or more cores gain from it. So steps 1 to
 * {@link #probeSteps()} take turns at each candidate count (1, 2, 4, … up to the engine's), and the
 * run goes on with the one whose steps were fastest (median of the turns after the first, which
 * warms each count's kernels up). On 2 shared cores a 64×64×8 step of the chroma network took
 * 30.6 ms on one thread against 36.9 on two; 128×128×8 steps went either way with the load.
 * The choice is written to the training log ({@code threads}).
 * <p>
 * Which count a probe step uses depends on its step number alone, and the choice is kept in the
 * run's checkpoints ({@link #chosen()}), so a resumed run computes with the counts the
 * uninterrupted one used. The count is set on the training thread only (OpenMP's setting belongs
 * to the thread), and {@link #close()} gives the thread the engine's count back.
 */
public final class TrainingThreads implements AutoCloseable {
    private static final int ROUNDS = 3;
    private static final int STEPS_PER_TURN = 2;
    private final int original;
    private final int[] candidates;
    private final List<List<Long>> measured = new ArrayList<>();
    private int chosen;
    private int current;

    private TrainingThreads(int original, int[] candidates, int chosen) {
        this.original = original;
        this.candidates = candidates;
        this.chosen = chosen;
        this.current = original;
        for (int i = 0; i < candidates.length; i++) {
            measured.add(new ArrayList<>());
        }
    }

    /**
     * @param resumed the count a checkpoint names, or 0: probe (on a CPU with more than one thread)
     */
    public static TrainingThreads forRun(Device device, int resumed) {
        int engine = JniUtils.getNumThreads();
        if (resumed > 0) {
            return new TrainingThreads(engine, new int[] {resumed}, resumed);
        }
        int[] candidates = candidates(device, engine);
        return new TrainingThreads(engine, candidates, candidates.length > 1 ? 0 : engine);
    }

    /** 1, 2, 4, … and the engine's count on a CPU; the engine's alone on a GPU (its kernels do not use them). */
    private static int[] candidates(Device device, int engine) {
        if (device.isGpu() || engine <= 1) {
            return new int[] {engine};
        }
        List<Integer> counts = new ArrayList<>();
        for (int n = 1; n < engine; n *= 2) {
            counts.add(n);
        }
        counts.add(engine);
        return counts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The probe's steps in a fresh run on {@code device} with the calling thread's count (0: nothing to choose). */
    public static int probeSteps(Device device) {
        return probeSteps(candidates(device, JniUtils.getNumThreads()).length);
    }

    /** Steps 1 to this number are the probe's (0 when there is nothing to choose from). */
    public int probeSteps() {
        return probeSteps(candidates.length);
    }

    private static int probeSteps(int candidates) {
        return candidates > 1 ? ROUNDS * candidates * STEPS_PER_TURN : 0;
    }

    /** Sets the count for step {@code step} (counted from 1) on the calling thread. */
    public void before(int step) {
        if (chosen == 0 && step > probeSteps()) {
            chosen = original; // resumed past the probe from a checkpoint that names no count: what the run used
        }
        int count = chosen > 0 ? chosen : candidates[turn(step)];
        if (count != current) {
            JniUtils.setNumThreads(count);
            current = count;
        }
    }

    /**
     * Records how long step {@code step} took; after the probe's last step, chooses.
     *
     * @return true when this step made the choice
     */
    public boolean after(int step, long nanos) {
        if (chosen > 0 || step > probeSteps()) {
            return false;
        }
        if ((step - 1) / (candidates.length * STEPS_PER_TURN) > 0) { // the first round warms up
            measured.get(turn(step)).add(nanos);
        }
        if (step < probeSteps()) {
            return false;
        }
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < candidates.length; i++) {
            double median = median(measured.get(i));
            if (median < best) { // a count without a measurement (a run resumed within the probe) is not chosen
                best = median;
                chosen = candidates[i];
            }
        }
        if (chosen == 0) {
            chosen = original;
        }
        return true;
    }

    /** The count chosen, or 0 while the probe runs. */
    public int chosen() {
        return chosen;
    }

    /** Median milliseconds a step took at each count measured (in the candidates' order). */
    public Map<Integer, Double> millisPerStep() {
        Map<Integer, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < candidates.length; i++) {
            if (!measured.get(i).isEmpty()) {
                m.put(candidates[i], median(measured.get(i)) / 1e6);
            }
        }
        return m;
    }

    private int turn(int step) {
        return (step - 1) / STEPS_PER_TURN % candidates.length;
    }

    private static double median(List<Long> nanos) {
        if (nanos.isEmpty()) {
            return Double.POSITIVE_INFINITY;
        }
        long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    @Override
    public void close() {
        if (current != original) {
            JniUtils.setNumThreads(original);
            current = original;
        }
    }
}
