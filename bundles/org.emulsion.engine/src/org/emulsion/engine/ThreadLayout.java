package org.emulsion.engine;

/**
 * How a CPU training step uses the cores: {@code replicas} threads each compute the forward and
 * backward pass of their share of the batch on the one set of weights, each splitting its
 * operations over {@code threadsEach} intra-op threads. One replica is PyTorch's usual way (every
 * operation split over all threads); several keep the cores busy for a whole step of small
 * patches, where splitting each of its hundreds of small operations spends much of the step
 * handing work between threads. A run measures which is faster on its own first steps
 * ({@link TrainingListener#threadsChosen}).
 *
 * @param replicas the number of batch slices computed at once
 * @param threadsEach intra-op threads per replica
 */
public record ThreadLayout(int replicas, int threadsEach) {
    private static final String SEPARATOR = "x";

    public ThreadLayout {
        if (replicas < 1 || threadsEach < 1) {
            throw new IllegalArgumentException("a thread layout needs at least one replica of one thread: " + replicas + SEPARATOR
                    + threadsEach);
        }
    }

    /** One replica whose operations are split over {@code threads} threads. */
    public static ThreadLayout intraOp(int threads) {
        return new ThreadLayout(1, threads);
    }

    /** Threads busy at once. */
    public int threads() {
        return replicas * threadsEach;
    }

    /**
     * The name used in training logs, checkpoints and benchmark reports: the thread count for one
     * replica ("2"), replicas and threads each otherwise ("2x1"); {@link #parse} reads it back.
     */
    @Override
    public String toString() {
        return replicas == 1 ? Integer.toString(threadsEach) : replicas + SEPARATOR + threadsEach;
    }

    /** The layout {@link #toString} names. */
    public static ThreadLayout parse(String name) {
        try {
            int x = name.indexOf(SEPARATOR);
            return x < 0 ? intraOp(Integer.parseInt(name.trim()))
                    : new ThreadLayout(Integer.parseInt(name.substring(0, x).trim()), Integer.parseInt(name.substring(x + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a thread layout: '" + name + "' (expected a thread count such as 2, or"
                    + " replicas x threads each such as 2x1)", e);
        }
    }
}
