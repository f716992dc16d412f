package org.emulsion.media.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.emulsion.core.extensions.ReferenceSource;
import org.emulsion.core.image.ForwardingFrameSource;
import org.emulsion.core.image.FrameSource;
import org.emulsion.core.image.Image;
import org.emulsion.core.image.SourceInfo;
import org.emulsion.media.ActiveArea;

/**
 * A scan of another print or gauge, as an image sequence (read by the image-sequence source)
 * whose picture area — inside the black surround of a smaller gauge or a different frame line —
 * and subtitle band are detected on frames sampled across the scan.
 * <p>
 * It opens the same folders as the image-sequence source; which one applies is the role the
 * user gives the folder: a reference print uses this source, the scan being restored uses the
 * plain image sequence.
 */
public final class PrintSource implements ReferenceSource {
    private final ImageSequenceSource sequence = new ImageSequenceSource();

    @Override
    public boolean canOpen(Path location) {
        return sequence.canOpen(location);
    }

    @Override
    public FrameSource open(Path location) throws IOException {
        FrameSource frames = sequence.open(location);
        try {
            List<Image> samples = new ArrayList<>();
            for (int i : ActiveArea.samplePositions(frames.frameCount())) {
                samples.add(frames.read(i));
            }
            ActiveArea area = ActiveArea.detect(samples);
            return new WithAreas(frames, frames.info().withAreas(area.picture(), area.subtitles()));
        } catch (IOException | RuntimeException e) {
            frames.close();
            throw e;
        }
    }

    /** The sequence's frames with the detected areas in its information; it owns the sequence. */
    private static final class WithAreas extends ForwardingFrameSource {
        private final SourceInfo info;

        WithAreas(FrameSource frames, SourceInfo info) {
            super(frames);
            this.info = info;
        }

        @Override
        public SourceInfo info() {
            return info;
        }

        @Override
        public void close() {
            source.close();
        }
    }
}
