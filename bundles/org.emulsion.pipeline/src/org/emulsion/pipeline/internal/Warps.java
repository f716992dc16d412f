package org.emulsion.pipeline.internal;

import org.emulsion.core.extensions.Aligner;
import org.emulsion.core.extensions.SpatialAlignment;
import org.emulsion.core.image.Image;
import org.emulsion.media.OpenCv;

/** A reference registered on a scan frame for a check that looks at a reduced copy of the frame. */
public final class Warps {
    private Warps() {
    }

    /**
     * The reference registered on a {@code scanWidth}×{@code scanHeight} scan frame as
     * {@link OpenCv#atMostWide} reduces that frame to at most {@code width} pixels: a global
     * alignment warps straight into the reduced grid (an archive-size warp costs a few hundred
     * milliseconds and as many megabytes); a residual flow lives in the scan's own grid, so such a
     * frame is warped at full size and shrunk.
     */
    public static Image atMostWide(Aligner aligner, Image reference, SpatialAlignment alignment, int scanWidth, int scanHeight,
            int width) {
        if (alignment.flow() != null) {
            return OpenCv.atMostWide(aligner.warp(reference, alignment, scanWidth, scanHeight), width);
        }
        int w = Math.min(width, scanWidth);
        int h = w == scanWidth ? scanHeight : Math.max(1, (int) Math.round((double) scanHeight * w / scanWidth));
        return aligner.warp(reference, alignment.resized((double) w / scanWidth, (double) h / scanHeight), w, h);
    }
}
