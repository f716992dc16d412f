package org.emulsion.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.emulsion.core.image.FrameSource;
import org.emulsion.core.image.Image;
import org.emulsion.core.image.ReadAhead;
import org.emulsion.core.image.SourceInfo;
import org.junit.jupiter.api.Test;

class ReadAheadTest {

    /** Frames whose one pixel is their index; frame {@code broken} fails as a truncated file does. */
    private static final class Frames implements FrameSource {
        final List<Integer> reads = new CopyOnWriteArrayList<>();
        /** The width each read asked for, 0 for a whole frame. */
        final List<Integer> widths = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();
        final int count;
        final int broken;
        boolean closed;

        Frames(int count, int broken) {
            this.count = count;
            this.broken = broken;
        }

        @Override
        public SourceInfo info() {
            return new SourceInfo(1, 1, count, 24, 1, 16, "linear");
        }

        @Override
        public String frameName(int index) {
            return "f" + index + ".tif";
        }

        @Override
        public Image read(int index) throws IOException {
            return read(index, 0);
        }

        @Override
        public Image read(int index, int width) throws IOException {
            reads.add(index);
            widths.add(width);
            threads.add(Thread.currentThread().getName());
            if (index == broken) {
                throw new IOException(frameName(index) + ": truncated");
            }
            return new Image(1, 1, 1, new float[] {index});
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void readsTheNextFrameAheadOnItsOwnThreadAndServesEveryFrameAsAsked() throws IOException {
        Frames frames = new Frames(5, -1);
        try (ReadAhead ahead = ReadAhead.of(frames)) {
            assertEquals(0, ahead.read(0).get(0, 0, 0));
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!frames.reads.contains(1) && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertEquals(List.of(0, 1), frames.reads, "frame 1 is read before it is asked for");
            for (int i = 1; i < 3; i++) {
                assertEquals(i, ahead.read(i).get(0, 0, 0));
            }
            assertEquals(1, ahead.read(1).get(0, 0, 0)); // out of order: read as asked
            assertEquals(4, ahead.read(4).get(0, 0, 0));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertEquals(List.of(0, 1, 2), frames.reads.subList(0, 3));
        assertTrue(frames.threads.stream().allMatch("emulsion-read-ahead"::equals), frames.threads.toString());
        assertFalse(frames.closed, "the view leaves its source open");
    }

    @Test
    void aBrokenFrameFailsOnlyWhenItIsReadAndNamesItsFile() throws IOException {
        Frames frames = new Frames(4, 2);
        try (ReadAhead ahead = ReadAhead.of(frames)) {
            assertEquals(0, ahead.read(0).get(0, 0, 0));
            assertEquals(1, ahead.read(1).get(0, 0, 0)); // frame 2, read ahead, has failed by now
            IOException e = assertThrows(IOException.class, () -> ahead.read(2));
            assertEquals("f2.tif: truncated", e.getMessage());
            assertEquals(3, ahead.read(3).get(0, 0, 0));
        }
    }

    @Test
    void readsAheadAtTheWidthOfTheReadBefore() throws IOException {
        Frames frames = new Frames(4, -1);
        try (ReadAhead ahead = ReadAhead.of(frames)) {
            assertEquals(0, ahead.read(0, 48).get(0, 0, 0));
            assertEquals(1, ahead.read(1, 48).get(0, 0, 0));
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (frames.reads.size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertEquals(2, ahead.read(2).get(0, 0, 0)); // frame 2 was decoded at 48 wide: read again, whole
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertEquals(List.of(0, 1, 2, 2), frames.reads.subList(0, 4));
        assertEquals(List.of(48, 48, 48, 0), frames.widths.subList(0, 4));
    }
}
