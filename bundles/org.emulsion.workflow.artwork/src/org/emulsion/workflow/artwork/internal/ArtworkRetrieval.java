package org.emulsion.workflow.artwork.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.emulsion.core.extensions.TemporalAligner;
import org.emulsion.core.extensions.TemporalMatch;
import org.emulsion.core.image.FrameSource;

/**
 * {@code org.emulsion.workflow.artwork.retrieval}: no artwork shows a frame of the scan, so
 * "matching in time" means giving each scan frame the artwork that resembles it most
 * ({@link LumaDescriptor}: structure and texture of the luma, blind to the fade). The best
 * {@value #CHOICES} artworks of a frame take turns along the frames, so that a shot's training pairs
 * see more than one picture of its subjects. The confidence is the chosen artwork's similarity.
 */
public final class ArtworkRetrieval implements TemporalAligner {
    /** How many of the most similar artworks a frame's pairs draw on. */
    static final int CHOICES = 2;
    static final String METHOD = "artwork retrieval by luma structure and texture (the best " + CHOICES + " per frame, in turn)";

    @Override
    public TemporalMatch match(FrameSource scan, FrameSource reference, IProgressMonitor monitor) throws IOException {
        SubMonitor progress = SubMonitor.convert(monitor, reference.frameCount() + scan.frameCount());
        int width = scan.info().width();
        int height = scan.info().height();
        List<LumaDescriptor> artwork = new ArrayList<>();
        for (int a = 0; a < reference.frameCount(); a++) {
            artwork.add(LumaDescriptor.ofArtwork(reference.read(a), width, height));
            progress.split(1);
        }
        int[] chosen = new int[scan.frameCount()];
        double[] confidence = new double[scan.frameCount()];
        int choices = Math.min(CHOICES, artwork.size());
        for (int f = 0; f < scan.frameCount(); f++) {
            LumaDescriptor frame = LumaDescriptor.ofFrame(scan.read(f));
            double[] similarity = artwork.stream().mapToDouble(frame::similarity).toArray();
            int[] ranked = IntStream.range(0, artwork.size()).boxed()
                    .sorted(Comparator.comparingDouble((Integer a) -> -similarity[a])).mapToInt(Integer::intValue).toArray();
            chosen[f] = ranked[f % choices];
            confidence[f] = Math.max(0, Math.min(1, similarity[chosen[f]]));
            progress.split(1);
        }
        return new TemporalMatch(chosen, confidence, METHOD);
    }
}
