package org.emulsion.engine.internal;

import java.util.ArrayList;
import java.util.List;
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
 * The replicas read the block's own weights, and PyTorch adds their gradients into each weight's
 * one gradient, so the optimiser sees the batch's gradient as if it had been computed at once.
 * Replica 0 runs on the calling thread, whose intra-op count {@link TrainingThreads} sets.
 * <p>
 * At most two replicas: two gradients add up to the same sum in either order, so a step's result
 * does not depend on which replica finishes first, and a resumed run still computes what the
 * uninterrupted one did. PyTorch's gradient mode and OpenMP's thread count belong to a thread; each
 * replica sets its own.
 */
public final class Replicas implements AutoCloseable {
    public static final int MAX = 2;
    private final ParameterStore weights;
    private ExecutorService helpers;
    private int helpersThreadsEach;

    /** The loss of the batch slice {@code [from, to)}: a scalar whose gradient is that slice's share of the step's. */
    @FunctionalInterface
    public interface SliceLoss {
        NDArray of(ParameterStore weights, int from, int to);
    }

    /** @param manager a manager on the training device (the store keeps nothing in it) */
    public Replicas(NDManager manager) {
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
        int replicas = Math.min(replicas(layout), n);
        float total = 0;
        for (float value : onEach(replicas, layout.threadsEach(), r -> backward(loss, r * n / replicas, (r + 1) * n / replicas))) {
            total += value;
        }
        return total;
    }

    /**
     * Runs {@code task(r, replicas)} for each replica {@code r} of {@code layout}, on its thread;
     * for work that splits by parameter, such as the optimiser's update.
     */
    public void forEachReplica(ThreadLayout layout, ReplicaTask task) {
        int replicas = replicas(layout);
        onEach(replicas, layout.threadsEach(), r -> {
            task.run(r, replicas);
            return null;
        });
    }

    /** Work for replica {@code replica} of {@code replicas}. */
    @FunctionalInterface
    public interface ReplicaTask {
        void run(int replica, int replicas);
    }

    private static int replicas(ThreadLayout layout) {
        return Math.min(layout.replicas(), MAX);
    }

    /** Each replica's result, in replica order; every replica is waited for, even after one failed (they share the step's tensors). */
    private <T> List<T> onEach(int replicas, int threadsEach, IntFunction<T> task) {
        List<Future<T>> others = new ArrayList<>();
        ExecutorService pool = replicas > 1 ? helpers(threadsEach) : null;
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

    private float backward(SliceLoss loss, int from, int to) {
        boolean before = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
        try {
            NDArray value = loss.of(weights, from, to);
            JniUtils.backward((PtNDArray) value, (PtNDArray) value.onesLike(), false, false);
            return value.getFloat();
        } finally {
            JniUtils.setGradMode(before);
        }
    }

    /** Threads for replicas 1 and up, each with {@code threadsEach} intra-op threads. */
    private ExecutorService helpers(int threadsEach) {
        if (helpers == null || helpersThreadsEach != threadsEach) {
            close();
            helpers = Executors.newFixedThreadPool(MAX - 1, task -> {
                Thread t = new Thread(() -> {
                    JniUtils.getNumThreads(); // PyTorch sets a new thread's count on its first use: let it, then set ours
                    JniUtils.setNumThreads(threadsEach);
                    task.run();
                }, "emulsion-replica");
                t.setDaemon(true);
                return t;
            });
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
