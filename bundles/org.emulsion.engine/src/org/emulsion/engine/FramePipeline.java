package org.emulsion.engine;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;
import org.emulsion.core.image.Image;

/**
 * Decode → infer → encode over a list of frames, with decoding and encoding on their own
 * threads so that they overlap inference (which already uses every core through PyTorch).
 * <p>
 * Frames travel through bounded queues, so at most {@code 2 · queueDepth + 4} frames are in
 * memory whatever the length of the list, and come out in the order of the list (one thread per
 * stage). The first failure stops every stage and is rethrown naming the frame (by its
 * {@code toString}, e.g. a path or a frame number); cancelling the monitor stops them too.
 *
 * @param <F> what identifies a frame to the reader and writer
 */
public final class FramePipeline<F> {
    /** Reads one frame, e.g. decodes a 16-bit file into floats. */
    @FunctionalInterface
    public interface FrameReader<F> {
        Image read(F frame) throws IOException;
    }

    /** Writes one result, e.g. encodes it into a 16-bit file. */
    @FunctionalInterface
    public interface FrameWriter<F> {
        void write(F frame, Image result) throws IOException;
    }

    /** Infers one frame's result, knowing which frame it is (e.g. to pick that frame's model). */
    @FunctionalInterface
    public interface FrameInference<F> {
        Image infer(F frame, Image image);
    }

    private static final long POLL_MILLIS = 50;

    private final FrameReader<F> reader;
    private final FrameInference<F> inference;
    private final FrameWriter<F> writer;
    private final int queueDepth;

    /** A decoded or inferred frame on its way; {@code frame == null} marks the end. */
    private record Item<F>(F frame, Image image) {
    }

    /**
     * @param inference  runs on the calling thread, e.g. {@code model::predict}
     * @param queueDepth frames each queue holds (≥ 1)
     */
    public FramePipeline(FrameReader<F> reader, UnaryOperator<Image> inference, FrameWriter<F> writer, int queueDepth) {
        this(reader, (FrameInference<F>) (frame, image) -> inference.apply(image), writer, queueDepth);
    }

    /**
     * A pipeline whose inference sees which frame it infers (e.g. to pick that frame's model).
     *
     * @param inference  runs on the calling thread
     * @param queueDepth frames each queue holds (≥ 1)
     */
    public static <F> FramePipeline<F> perFrame(FrameReader<F> reader, FrameInference<F> inference, FrameWriter<F> writer,
            int queueDepth) {
        return new FramePipeline<>(reader, inference, writer, queueDepth);
    }

    private FramePipeline(FrameReader<F> reader, FrameInference<F> inference, FrameWriter<F> writer, int queueDepth) {
        if (queueDepth < 1) {
            throw new IllegalArgumentException("queue depth must be at least 1, not " + queueDepth);
        }
        this.reader = reader;
        this.inference = inference;
        this.writer = writer;
        this.queueDepth = queueDepth;
    }

    /**
     * Reads, infers and writes {@code frames} in order.
     *
     * @throws IOException                naming the frame when reading or writing it failed
     * @throws IllegalStateException      naming the frame when inference failed
     * @throws OperationCanceledException when the monitor was cancelled (frames already written stay)
     */
    public void run(List<F> frames, IProgressMonitor monitor) throws IOException {
        SubMonitor progress = SubMonitor.convert(monitor, "Inferring frames", frames.size());
        BlockingQueue<Item<F>> decoded = new ArrayBlockingQueue<>(queueDepth);
        BlockingQueue<Item<F>> inferred = new ArrayBlockingQueue<>(queueDepth);
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "emulsion-frame-io");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<?> reading = threads.submit(() -> {
                for (F frame : frames) {
                    Image image;
                    try {
                        image = reader.read(frame);
                    } catch (IOException | RuntimeException e) {
                        stop.set(true);
                        throw new IOException("Could not read frame " + frame + ": " + e.getMessage(), e);
                    }
                    if (!put(decoded, new Item<>(frame, image), stop)) {
                        return null;
                    }
                }
                put(decoded, new Item<>(null, null), stop);
                return null;
            });
            Future<?> writing = threads.submit(() -> {
                while (true) {
                    Item<F> item = take(inferred, stop);
                    if (item == null || item.frame() == null) {
                        return null;
                    }
                    try {
                        writer.write(item.frame(), item.image());
                    } catch (IOException | RuntimeException e) {
                        stop.set(true);
                        throw new IOException("Could not write frame " + item.frame() + ": " + e.getMessage(), e);
                    }
                }
            });
            infer(decoded, inferred, stop, progress);
            waitFor(reading);
            waitFor(writing);
        } finally {
            stop.set(true);
            threads.shutdownNow();
        }
    }

    /** The calling thread's stage: takes decoded frames in order and hands on their results. */
    private void infer(BlockingQueue<Item<F>> decoded, BlockingQueue<Item<F>> inferred, AtomicBoolean stop,
            SubMonitor progress) {
        while (true) {
            if (progress.isCanceled()) {
                stop.set(true);
                throw new OperationCanceledException();
            }
            Item<F> item = take(decoded, stop);
            if (item == null) {
                return; // another stage failed; waitFor rethrows its error
            }
            if (item.frame() == null) {
                put(inferred, item, stop);
                return;
            }
            progress.subTask(String.valueOf(item.frame()));
            Image result;
            try {
                result = inference.infer(item.frame(), item.image());
            } catch (RuntimeException e) {
                stop.set(true);
                throw new IllegalStateException("Inference failed on frame " + item.frame() + ": " + e.getMessage(), e);
            }
            if (!put(inferred, new Item<>(item.frame(), result), stop)) {
                return;
            }
            progress.worked(1);
        }
    }

    /** Puts unless the pipeline stops first; false when it stopped. */
    private static <F> boolean put(BlockingQueue<Item<F>> queue, Item<F> item, AtomicBoolean stop) {
        try {
            while (!stop.get()) {
                if (queue.offer(item, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** The next item, or null when the pipeline stops first. */
    private static <F> Item<F> take(BlockingQueue<Item<F>> queue, AtomicBoolean stop) {
        try {
            while (!stop.get()) {
                Item<F> item = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (item != null) {
                    return item;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    private static void waitFor(Future<?> stage) throws IOException {
        try {
            stage.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationCanceledException();
        }
    }
}
