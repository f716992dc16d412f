package org.emulsion.pipeline.internal;

import org.emulsion.core.extensions.SpatialAlignment;
import org.emulsion.pipeline.Alignments;

/**
 * What the aligner made of one scan frame against the primary reference.
 *
 * @param alignment null when no reference frame shows the scan frame
 * @param training  whether the frame is a chosen training pair
 */
public record Registered(int frame, int referenceFrame, SpatialAlignment alignment, boolean training) {

    public boolean hasReference() {
        return Alignments.usable(alignment);
    }

    /** What progress shows while the frame is rendered (FramePipeline names frames by their string). */
    @Override
    public String toString() {
        return "frame " + (frame + 1);
    }
}
