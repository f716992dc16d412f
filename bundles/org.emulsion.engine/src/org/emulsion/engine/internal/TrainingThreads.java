package org.emulsion.engine.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.emulsion.engine.ThreadLayout;

import ai.djl.Device;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The {@link ThreadLayout} a CPU training run uses, measured on its own first steps rather than
 * assumed. PyTorch splits each operation over its intra-op threads; a training step of small
 * patches is hundreds of small operations, and on a few shared cores the threads' hand-overs can
 * cost more than the split saves, while larger patches or more cores gain from it. Several
 * {@link Replicas}, each computing a slice of the batch, keep the cores busy with fewer hand-overs.
 * So steps 1 to {@link #probeSteps()} take turns at each candidate (one replica on 1, 2, 4, … up to
 * the engine's count of threads, and 2, 4, … up to that count of replicas sharing them), and the run
 * goes on with the one whose steps were fastest (median of the turns after the first, which warms
 * each candidate's kernels up). On 2 shared cores a 64×64×8 step of the chroma network took 18–26 ms
 * on one thread, 25–48 on two and 12–25 as two replicas of one thread (128×128×8: 60–82, 50–62
 * and 36–52). The choice is written to the training log ({@code threads}).
 * <p>
 * Which layout a probe step uses depends on its step number alone, and the choice is kept in the
 * run's checkpoints ({@link #chosen()}), so a resumed run computes with the layouts the
 * uninterrupted one used. The count is set on the training thread only (OpenMP's setting belongs
 * to the thread; replica 0 runs there), and {@link #close()} gives the thread the engine's count back.
 */
public final class TrainingThreads implements AutoCloseable {
    private static final int ROUNDS = 4; // the first warms up; two timed turns a layout let noise pick one thread over two replicas in 4 of 25 runs
    private static final int STEPS_PER_TURN = 2;
    private final int original;
    private final ThreadLayout[] candidates;
    private final List<List<Long>> measured = new ArrayList<>();
    private ThreadLayout chosen;
    private int current;

    private TrainingThreads(int original, ThreadLayout[] candidates, ThreadLayout chosen) {
        this.original = original;
        this.candidates = candidates;
        this.chosen = chosen;
        this.current = original;
        for (int i = 0; i < candidates.length; i++) {
            measured.add(new ArrayList<>());
        }
    }

    /**
     * @param fixed the layout a checkpoint or the caller names, or null: probe (on a CPU with more
     *        than one thread); a GPU uses the engine's count whatever is named
     */
    public static TrainingThreads forRun(Device device, ThreadLayout fixed) {
        int engine = JniUtils.getNumThreads();
        if (fixed != null && !device.isGpu()) {
            return new TrainingThreads(engine, new ThreadLayout[] {fixed}, fixed);
        }
        ThreadLayout[] candidates = candidates(device, engine);
        return new TrainingThreads(engine, candidates, candidates.length > 1 ? null : candidates[0]);
    }

    /**
     * On a CPU, one replica on 1, 2, 4, … and the engine's count of threads, then 2, 4, … and the
     * engine's count of replicas sharing its threads; the engine's count alone on a GPU (its kernels
     * do not use them).
     */
    private static ThreadLayout[] candidates(Device device, int engine) {
        if (device.isGpu() || engine <= 1) {
            return new ThreadLayout[] {ThreadLayout.intraOp(engine)};
        }
        List<ThreadLayout> layouts = new ArrayList<>();
        for (int threads : powersOfTwoAnd(engine)) {
            layouts.add(ThreadLayout.intraOp(threads));
        }
        for (int replicas : powersOfTwoAnd(engine)) {
            if (replicas > 1) {
                layouts.add(new ThreadLayout(replicas, engine / replicas));
            }
        }
        return layouts.toArray(ThreadLayout[]::new);
    }

    /** 1, 2, 4, … below {@code n}, and {@code n}. */
    private static List<Integer> powersOfTwoAnd(int n) {
        List<Integer> values = new ArrayList<>();
        for (int v = 1; v < n; v *= 2) {
            values.add(v);
        }
        values.add(n);
        return values;
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

    /** The layout of step {@code step} (counted from 1), its replica 0's count set on the calling thread. */
    public ThreadLayout before(int step) {
        if (chosen == null && step > probeSteps()) {
            chosen = ThreadLayout.intraOp(original); // resumed past the probe from a checkpoint that names none: what the run used
        }
        ThreadLayout layout = chosen != null ? chosen : candidates[turn(step)];
        if (layout.threadsEach() != current) {
            JniUtils.setNumThreads(layout.threadsEach());
            current = layout.threadsEach();
        }
        return layout;
    }

    /**
     * Records how long step {@code step} took; after the probe's last step, chooses.
     *
     * @return true when this step made the choice
     */
    public boolean after(int step, long nanos) {
        if (chosen != null || step > probeSteps()) {
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
            if (median < best) { // a layout without a measurement (a run resumed within the probe) is not chosen
                best = median;
                chosen = candidates[i];
            }
        }
        if (chosen == null) {
            chosen = ThreadLayout.intraOp(original);
        }
        return true;
    }

    /** The layout chosen, or null while the probe runs. */
    public ThreadLayout chosen() {
        return chosen;
    }

    /** Median milliseconds a step took in each layout measured (in the candidates' order). */
    public Map<ThreadLayout, Double> millisPerStep() {
        Map<ThreadLayout, Double> m = new LinkedHashMap<>();
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

    /** Gives the calling thread, and threads PyTorch starts later, the engine's count back (a replica's thread changes the latter). */
    @Override
    public void close() {
        JniUtils.setNumThreads(original);
        current = original;
    }
}
