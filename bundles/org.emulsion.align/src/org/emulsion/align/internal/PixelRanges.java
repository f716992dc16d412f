package org.emulsion.align.internal;

import java.util.stream.IntStream;

/**
 * Per-pixel passes on every core, a block of consecutive indices per task. A parallel stream of
 * single pixels pays a stream call per pixel (the call sites are shared by every lambda, so they are
 * not inlined): in the damage detector's passes that cost more than the work itself. A plain loop
 * over a block keeps the work inlined and the memory access sequential.
 */
public final class PixelRanges {
    /** Indices per task: enough to dwarf a task's overhead, small enough to balance cores on a small frame. */
    private static final int SIZE = 16_384;

    private PixelRanges() {
    }

    /** A loop over the indices {@code [from, to)} of one block. */
    @FunctionalInterface
    public interface Range {
        void run(int from, int to);
    }

    /** Runs {@code range} over {@code [0, n)} in blocks, in parallel; returns when all are done. */
    public static void forEach(int n, Range range) {
        int blocks = (n + SIZE - 1) / SIZE;
        if (blocks <= 1) {
            range.run(0, n);
            return;
        }
        IntStream.range(0, blocks).parallel().forEach(b -> range.run(b * SIZE, Math.min(n, (b + 1) * SIZE)));
    }
}
