package org.emulsion.engine.internal;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.eclipse.core.runtime.OperationCanceledException;

/**
 * Draws the next step's crops on a thread of its own while the current step computes. Drawing
 * and augmenting a batch is Java work of about a millisecond a step, and a step on one intra-op
 * thread ({@link TrainingThreads}, the usual choice on two cores) leaves the other core idle.
 * A step's crops are a function of its generator's seed and the step alone
 * ({@link TrainingLoop#stepRandom}), so a batch drawn ahead is the one the step would have
 * drawn; one drawn for another seed or step (after a rollback) is dropped and drawn anew.
 */
final class CropsAhead implements AutoCloseable {
    private final PatchSampler sampler;
    private final int n;
    private final ExecutorService drawer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "emulsion-crops");
        t.setDaemon(true);
        return t;
    });
    private long aheadSeed;
    private int aheadStep = -1;
    private Future<PatchSampler.Batch> ahead;

    /** @param n crops per batch */
    CropsAhead(PatchSampler sampler, int n) {
        this.sampler = sampler;
        this.n = n;
    }

    /** The crops of {@code step} under {@code seed}, and the next step's set drawing. */
    PatchSampler.Batch take(long seed, int step) {
        PatchSampler.Batch batch;
        if (ahead != null && aheadSeed == seed && aheadStep == step) {
            batch = result(ahead);
        } else {
            if (ahead != null) {
                ahead.cancel(false);
            }
            batch = sampler.batch(n, TrainingLoop.stepRandom(seed, step));
        }
        aheadSeed = seed;
        aheadStep = step + 1;
        ahead = drawer.submit(() -> sampler.batch(n, TrainingLoop.stepRandom(seed, step + 1)));
        return batch;
    }

    private static PatchSampler.Batch result(Future<PatchSampler.Batch> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationCanceledException("interrupted while drawing training crops");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("drawing training crops failed: " + e.getCause(), e.getCause());
        }
    }

    /** Stops drawing (a batch being drawn is finished and dropped). */
    @Override
    public void close() {
        if (ahead != null) {
            ahead.cancel(false);
        }
        drawer.shutdown();
    }
}
