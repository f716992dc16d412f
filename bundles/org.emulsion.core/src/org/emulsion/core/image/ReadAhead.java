package org.emulsion.core.image;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A view of a frame source for a pass that reads it in increasing order: while the caller works on
 * frame {@code i}, frame {@code i + 1} is already being decoded on a thread of its own (decoding a
 * 16-bit archive scan costs about as much as registering it). Every read of the underlying source
 * happens on that one thread, so a source that decodes a stream forwards stays consistent. At most
 * one frame is decoded ahead, at the width of the read before it ({@link #read(int, int)}); a read
 * out of order or at another width waits for it and is then served as asked. Closing the view
 * stops the thread and leaves the source open.
 */
public final class ReadAhead extends ForwardingFrameSource {
    private final ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "emulsion-read-ahead");
        t.setDaemon(true);
        return t;
    });
    /** A width that asks for the whole frame ({@link #read(int)}). */
    private static final int WHOLE = Integer.MAX_VALUE;
    private int nextIndex = -1;
    private int nextWidth = WHOLE;
    private Future<Image> next;

    private ReadAhead(FrameSource source) {
        super(source);
    }

    /** A read-ahead view of {@code source}, to be closed after the pass. */
    public static ReadAhead of(FrameSource source) {
        return new ReadAhead(source);
    }

    @Override
    public Image read(int index) throws IOException {
        return read(index, WHOLE);
    }

    @Override
    public Image read(int index, int width) throws IOException {
        Future<Image> wanted = index == nextIndex && width == nextWidth ? next : reader.submit(() -> decode(index, width));
        if (next != null && wanted != next) {
            next.cancel(false); // not started: skipped; started: finishes first, its frame dropped
        }
        nextIndex = index + 1;
        nextWidth = width;
        next = nextIndex < source.frameCount() ? reader.submit(() -> decode(index + 1, width)) : null;
        try {
            return wanted.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading " + source.frameName(index));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io; // its message names the file
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(source.frameName(index) + ": " + e.getCause(), e.getCause());
        }
    }

    private Image decode(int index, int width) throws IOException {
        return width == WHOLE ? source.read(index) : source.read(index, width);
    }

    /** Waits for a read in flight (the source's owner may close it next), skipping one not yet started. */
    @Override
    public void close() {
        if (next != null) {
            next.cancel(false);
        }
        reader.shutdown();
        try {
            while (!reader.awaitTermination(1, TimeUnit.SECONDS)) {
                // a frame is still decoding
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
