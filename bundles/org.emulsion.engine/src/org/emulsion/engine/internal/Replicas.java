package org.emulsion.engine.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import org.eclipse.core.runtime.OperationCanceledException;
import org.emulsion.engine.ThreadLayout;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;

/**
 * Computes a training step's loss and gradients on slices of its batch, one slice per replica of
 * the {@link ThreadLayout}, each replica on a thread of its own with the layout's intra-op threads.
 * Replica 0 runs on the calling thread, whose intra-op count {@link TrainingThreads} sets. The
 * optimiser then sees the batch's gradient in each weight's gradient, as if the batch had been
 * computed at once.
 * <p>
 * A step's result must not depend on which replica finishes first, or a resumed run would not
 * compute what the uninterrupted one did. Replicas 0 and 1 read the block's own weights, and
 * PyTorch adds their gradients into each weight's gradient: two terms add up to the same sum in
 * either order. Replicas 2 and up each read a copy of the weights that shares their memory but
 * collects its own gradient; once all have finished, those gradients are added to the weights' in
 * replica order. PyTorch's gradient mode and OpenMP's thread count belong to a thread; each replica
 * sets its own.
 */
public final class Replicas implements AutoCloseable {
    /** Replicas that add their gradients into the weights' own (the sum of two does not depend on the order). */
    private static final int SHARING = 2;
    private final NDManager manager;
    private final ParameterStore weights;
    private ExecutorService helpers;
    private int helpersCount;
    private int helpersThreadsEach;

    /** The loss of the batch slice {@code [from, to)}: a scalar whose gradient is that slice's share of the step's. */
    @FunctionalInterface
    public interface SliceLoss {
        NDArray of(ParameterStore weights, int from, int to);
    }

    /** @param manager a manager on the training device (a step's copies of the weights live in a sub-manager of it) */
    public Replicas(NDManager manager) {
        this.manager = manager;
        this.weights = new ParameterStore(manager, false) {
            @Override
            public NDArray getValue(Parameter parameter, Device device, boolean training) {
                return parameter == null ? null : parameter.getArray(); // the weights themselves, which hold the gradients
            }
        };
    }

    /**
     * Runs forward and backward of a batch of {@code n} in {@code layout}'s slices (fewer when the
     * batch is smaller than the replicas) and returns the sum of the slices' losses. Returns only
     * when every replica has finished, so the caller may free the step's tensors.
     */
    public float lossAndGradients(ThreadLayout layout, int n, SliceLoss loss) {
        int replicas = Math.min(layout.replicas(), n);
        // only replicas beyond the two sharing the weights' gradients need copies (null: none this step)
        try (NDManager copies = replicas > SHARING ? manager.newSubManager() : null) {
            List<Copies> own = new ArrayList<>();
            for (int r = SHARING; r < replicas; r++) {
                own.add(new Copies(copies));
            }
            float total = 0;
            for (float value : onEach(layout, replicas,
                    r -> backward(r < SHARING ? weights : own.get(r - SHARING), loss, r * n / replicas, (r + 1) * n / replicas))) {
                total += value;
            }
            for (Copies c : own) { // in replica order, whichever finished first
                c.addGradientsToWeights();
            }
            return total;
        }
    }

    /**
     * Runs {@code task(r, replicas)} for each replica {@code r} of {@code layout}, on its thread;
     * for work that splits by parameter, such as the optimiser's update.
     */
    public void forEachReplica(ThreadLayout layout, ReplicaTask task) {
        int replicas = layout.replicas();
        onEach(layout, replicas, r -> {
            task.run(r, replicas);
            return null;
        });
    }

    /** Work for replica {@code replica} of {@code replicas}. */
    @FunctionalInterface
    public interface ReplicaTask {
        void run(int replica, int replicas);
    }

    /**
     * One replica's copies of the weights, made on first use in a step: each shares its weight's
     * memory (so it sees every update, and a weight replaced by a checkpoint's is copied anew next
     * step) and collects its own gradient.
     */
    private static final class Copies extends ParameterStore {
        private final NDManager manager;
        private final Map<Parameter, NDArray> copies = new ConcurrentHashMap<>();

        Copies(NDManager manager) {
            super(manager, false);
            this.manager = manager;
        }

        @Override
        public NDArray getValue(Parameter parameter, Device device, boolean training) {
            return parameter == null ? null : copies.computeIfAbsent(parameter, p -> {
                NDArray copy = p.getArray().stopGradient();
                copy.attach(manager);
                copy.setRequiresGradient(true);
                return copy;
            });
        }

        void addGradientsToWeights() {
            copies.forEach((parameter, copy) -> {
                NDArray weight = parameter.getArray();
                if (copy.hasGradient() && weight.hasGradient()) {
                    try (NDArray gradient = weight.getGradient()) { // a handle on the weight's gradient, which it changes
                        gradient.addi(copy.getGradient());
                    }
                }
            });
        }
    }

    /** Each replica's result, in replica order; every replica is waited for, even after one failed (they share the step's tensors). */
    private <T> List<T> onEach(ThreadLayout layout, int replicas, IntFunction<T> task) {
        List<Future<T>> others = new ArrayList<>();
        ExecutorService pool = replicas > 1 ? helpers(layout) : null;
        List<T> results = new ArrayList<>();
        RuntimeException failure = null;
        try {
            for (int r = 1; r < replicas; r++) {
                int replica = r;
                others.add(pool.submit(() -> task.apply(replica)));
            }
            results.add(task.apply(0));
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Future<T> other : others) {
            try {
                results.add(other.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure != null ? failure : new OperationCanceledException("interrupted during a training step");
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r
                            : new IllegalStateException("a training replica failed: " + e.getCause(), e.getCause());
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return results;
    }

    private static float backward(ParameterStore parameters, SliceLoss loss, int from, int to) {
        boolean before = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
        try {
            NDArray value = loss.of(parameters, from, to);
            JniUtils.backward((PtNDArray) value, (PtNDArray) value.onesLike(), false, false);
            return value.getFloat();
        } finally {
            JniUtils.setGradMode(before);
        }
    }

    /** Threads for the layout's replicas 1 and up (a batch smaller than the replicas uses fewer), each with its intra-op threads. */
    private ExecutorService helpers(ThreadLayout layout) {
        int count = layout.replicas() - 1;
        int threadsEach = layout.threadsEach();
        if (helpers == null || helpersCount != count || helpersThreadsEach != threadsEach) {
            close();
            helpers = Executors.newFixedThreadPool(count, task -> {
                Thread t = new Thread(() -> {
                    JniUtils.getNumThreads(); // PyTorch sets a new thread's count on its first use: let it, then set ours
                    JniUtils.setNumThreads(threadsEach);
                    task.run();
                }, "emulsion-replica");
                t.setDaemon(true);
                return t;
            });
            helpersCount = count;
            helpersThreadsEach = threadsEach;
        }
        return helpers;
    }

    @Override
    public void close() {
        if (helpers != null) {
            helpers.shutdown();
            helpers = null;
        }
    }
}
