package org.emulsion.pipeline.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.AbstractList;
import java.util.List;

import org.emulsion.pipeline.Evidence;

/**
 * Scan frames' evidence read from the output folder each time it is asked for, never held: at an
 * archive scan's size a frame with its registered references is hundreds of megabytes, so a run's
 * pairs and held-out frames are read where they are used (and scaled there) instead of staying in
 * memory for the whole run. A read that fails throws {@link UncheckedIOException} naming the file.
 */
final class StoredEvidence extends AbstractList<Evidence> {
    private final EvidenceReader reader;
    private final List<Integer> frames;

    StoredEvidence(EvidenceReader reader, List<Integer> frames) {
        this.reader = reader;
        this.frames = List.copyOf(frames);
    }

    /** Reads frame {@code i}'s evidence (one read at a time: frame sources are not thread-safe). */
    @Override
    public synchronized Evidence get(int i) {
        try {
            return reader.read(frames.get(i));
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    @Override
    public int size() {
        return frames.size();
    }
}
