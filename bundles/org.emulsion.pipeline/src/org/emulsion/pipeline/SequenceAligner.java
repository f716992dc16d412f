package org.emulsion.pipeline;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.emulsion.core.extensions.Aligner;
import org.emulsion.core.extensions.SpatialAlignment;
import org.emulsion.core.extensions.TemporalMatch;
import org.emulsion.core.image.FrameSource;
import org.emulsion.core.image.Image;
import org.emulsion.core.image.ReadAhead;

/**
 * Spatial alignment of a whole sequence once its temporal match is known: per shot, the first
 * frame is aligned from scratch ({@link Aligner#align}); the following frames are refined from the
 * shot's transform ({@link Aligner#refine}), which is cheaper and keeps the shot consistent. A
 * shot here is a run of scan frames matched to consecutive reference frames; a jump, a NONE or a
 * rejected frame starts a new one. Reference frames are read in increasing order (the match is
 * monotonic), so video references are decoded forwards only.
 */
public final class SequenceAligner {

    /**
     * One scan frame's result.
     *
     * @param alignment null when the frame has no reference frame
     * @param millis    time spent aligning the pair (0 without a reference frame)
     */
    public record Frame(int scanFrame, int referenceFrame, double temporalConfidence, SpatialAlignment alignment, double millis) {
        public boolean usable() { return alignment != null && !alignment.isRejected(); }
    }

    /** Sees each aligned pair while its frames are in memory (e.g. to warp training pairs without decoding twice). */
    @FunctionalInterface
    public interface PairVisitor {
        void aligned(Frame frame, Image scan, Image reference) throws IOException;
    }

    private SequenceAligner() {
    }

    public static List<Frame> align(FrameSource scan, FrameSource reference, TemporalMatch match, Aligner aligner,
            IProgressMonitor monitor) throws IOException {
        return align(scan, reference, match, aligner, (frame, s, r) -> { }, monitor);
    }

    /** {@link #align(FrameSource, FrameSource, TemporalMatch, Aligner, IProgressMonitor)}, showing each pair to {@code visitor}. */
    public static List<Frame> align(FrameSource scan, FrameSource reference, TemporalMatch match, Aligner aligner,
            PairVisitor visitor, IProgressMonitor monitor) throws IOException {
        if (match.scanFrames() != scan.frameCount()) {
            throw new IllegalArgumentException("the temporal match covers " + match.scanFrames() + " frames, the scan has "
                    + scan.frameCount());
        }
        SubMonitor progress = SubMonitor.convert(monitor, scan.frameCount());
        List<Frame> frames = new ArrayList<>();
        SpatialAlignment shot = null;
        int previousReference = TemporalMatch.NONE;
        try (ReadAhead scanFrames = ReadAhead.of(scan)) {
            for (int i = 0; i < scan.frameCount(); i++) {
                int r = match.referenceFor(i);
                if (r == TemporalMatch.NONE) {
                    frames.add(new Frame(i, r, match.confidenceOf(i), null, 0));
                    shot = null;
                    previousReference = r;
                    progress.split(1);
                    continue;
                }
                progress.subTask("aligning scan frame " + (i + 1) + " of " + scan.frameCount());
                Image scanFrame = scanFrames.read(i);
                Image referenceFrame = reference.read(r);
                boolean sameShot = shot != null && (r == previousReference + 1 || r == previousReference);
                long start = System.nanoTime();
                SpatialAlignment alignment = sameShot ? aligner.refine(referenceFrame, scanFrame, shot)
                        : aligner.align(referenceFrame, scanFrame);
                double millis = (System.nanoTime() - start) / 1e6;
                Frame frame = new Frame(i, r, match.confidenceOf(i), alignment, millis);
                frames.add(frame);
                visitor.aligned(frame, scanFrame, referenceFrame);
                shot = alignment.isRejected() ? null : alignment;
                previousReference = r;
                progress.split(1);
            }
        }
        return frames;
    }
}
