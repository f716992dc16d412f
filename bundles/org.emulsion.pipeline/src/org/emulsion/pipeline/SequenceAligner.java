package org.emulsion.pipeline;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.emulsion.core.extensions.Aligner;
import org.emulsion.core.extensions.SpatialAlignment;
import org.emulsion.core.extensions.TemporalMatch;
import org.emulsion.core.image.FrameSource;
import org.emulsion.core.image.Image;
import org.emulsion.core.image.ReadAhead;
import org.emulsion.media.OpenCv;

/**
 * Spatial alignment of a whole sequence once its temporal match is known: per shot, the first
 * frame is aligned from scratch ({@link Aligner#align}); the following frames are refined from the
 * shot's transform ({@link Aligner#refine}), which is cheaper and keeps the shot consistent. A
 * shot here is a run of scan frames matched to consecutive reference frames; a jump, a NONE or a
 * rejected frame starts a new one. Reference frames are read in increasing order (the match is
 * monotonic), so video references are decoded forwards only.
 * <p>
 * Scan frames are read no wider than the aligner works ({@link Aligner#workingWidth}) or the
 * visitor looks: an archive-size scan registered on a DVD is decoded shrunk, never converted
 * whole. Alignments are mapped back and always given in the whole frame's pixels.
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
        void aligned(Frame frame, ScanView scan, Image reference) throws IOException;
    }

    /**
     * A scan frame as the pass read it: {@code image}, possibly reduced, of a frame {@code width}
     * × {@code height} pixels whole (the size alignments and warps refer to).
     */
    public record ScanView(Image image, int width, int height) {

        /**
         * The frame at most {@code atMost} pixels wide, on the grid that reducing the whole frame gives
         * ({@link OpenCv#atMostWideSize}), so a reference warped into that grid lies on it pixel for pixel.
         */
        public Image atMostWide(int atMost) {
            int[] grid = OpenCv.atMostWideSize(width, height, atMost);
            return image.width() == grid[0] && image.height() == grid[1] ? image : OpenCv.resize(image, grid[0], grid[1]);
        }

        /** Whether {@code image} is smaller than the frame. */
        public boolean reduced() {
            return image.width() != width || image.height() != height;
        }
    }

    private SequenceAligner() {
    }

    public static List<Frame> align(FrameSource scan, FrameSource reference, TemporalMatch match, Aligner aligner,
            IProgressMonitor monitor) throws IOException {
        return align(scan, reference, match, aligner, 0, (frame, s, r) -> { }, monitor);
    }

    /**
     * {@link #align(FrameSource, FrameSource, TemporalMatch, Aligner, IProgressMonitor)}, showing each pair to
     * {@code visitor} with the scan frame at least {@code viewWidth} pixels wide (or whole).
     */
    public static List<Frame> align(FrameSource scan, FrameSource reference, TemporalMatch match, Aligner aligner, int viewWidth,
            PairVisitor visitor, IProgressMonitor monitor) throws IOException {
        if (match.scanFrames() != scan.frameCount()) {
            throw new IllegalArgumentException("the temporal match covers " + match.scanFrames() + " frames, the scan has "
                    + scan.frameCount());
        }
        SubMonitor progress = SubMonitor.convert(monitor, scan.frameCount());
        List<Frame> frames = new ArrayList<>();
        SpatialAlignment shot = null;
        int previousReference = TemporalMatch.NONE;
        int width = scan.info().width();
        int height = scan.info().height();
        int working = aligner.workingWidth(reference.info().width(), reference.info().height(), width, height);
        int readWidth = working < 1 ? width : Math.min(width, Math.max(viewWidth, working)); // a width below 1 means nothing: whole
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
                ScanView view = new ScanView(readWidth < width ? scanFrames.read(i, readWidth) : scanFrames.read(i), width, height);
                Image referenceFrame = reference.read(r);
                boolean sameShot = shot != null && (r == previousReference + 1 || r == previousReference);
                long start = System.nanoTime();
                SpatialAlignment alignment = sameShot ? aligner.refine(referenceFrame, view.image(), toView(shot, view))
                        : aligner.align(referenceFrame, view.image());
                alignment = toFrame(alignment, view);
                double millis = (System.nanoTime() - start) / 1e6;
                Frame frame = new Frame(i, r, match.confidenceOf(i), alignment, millis);
                frames.add(frame);
                visitor.aligned(frame, view, referenceFrame);
                shot = alignment.isRejected() ? null : alignment;
                previousReference = r;
                progress.split(1);
            }
        }
        return frames;
    }

    /** An alignment in the whole frame's pixels as it maps into {@code view}'s image. */
    private static SpatialAlignment toView(SpatialAlignment alignment, ScanView view) {
        return view.reduced() ? alignment.resized((double) view.image().width() / view.width(),
                (double) view.image().height() / view.height()) : alignment;
    }

    /** An alignment found on {@code view}'s image in the whole frame's pixels. */
    private static SpatialAlignment toFrame(SpatialAlignment alignment, ScanView view) {
        if (!view.reduced()) {
            return alignment;
        }
        SpatialAlignment whole = alignment.resized((double) view.width() / view.image().width(),
                (double) view.height() / view.image().height());
        String method = whole.method() + String.format(Locale.ROOT, ", on the scan decoded at %dx%d", view.image().width(),
                view.image().height());
        return new SpatialAlignment(whole.homography(), null, whole.confidence(), method, whole.rejection());
    }
}
