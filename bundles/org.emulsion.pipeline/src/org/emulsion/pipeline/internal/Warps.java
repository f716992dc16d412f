package org.emulsion.pipeline.internal;

import org.emulsion.core.extensions.Aligner;
import org.emulsion.core.extensions.SpatialAlignment;
import org.emulsion.core.image.Image;
import org.emulsion.media.OpenCv;

/** A reference registered on a scan frame in a reduced copy of the frame's grid: for checks, previews and a model working at a smaller scale. */
public final class Warps {
    private Warps() {
    }

    /**
     * The reference registered on a {@code scanWidth}×{@code scanHeight} scan frame as
     * {@link OpenCv#atMostWide} reduces that frame to at most {@code width} pixels ({@link #into}).
     */
    public static Image atMostWide(Aligner aligner, Image reference, SpatialAlignment alignment, int scanWidth, int scanHeight,
            int width) {
        int[] grid = OpenCv.atMostWideSize(scanWidth, scanHeight, width);
        return into(aligner, reference, alignment, scanWidth, scanHeight, grid[0], grid[1]);
    }

    /**
     * The reference registered on a {@code scanWidth}×{@code scanHeight} scan frame, sampled on a
     * {@code width}×{@code height} grid spanning that frame (as {@link OpenCv#resize} reduces it): a
     * global alignment warps straight into the grid (an archive-size warp costs a few hundred
     * milliseconds and as many megabytes); a residual flow lives in the scan's own grid, so such a
     * frame is warped at full size and reduced.
     */
    public static Image into(Aligner aligner, Image reference, SpatialAlignment alignment, int scanWidth, int scanHeight, int width,
            int height) {
        if (width == scanWidth && height == scanHeight) {
            return aligner.warp(reference, alignment, scanWidth, scanHeight);
        }
        if (alignment.flow() != null) {
            return OpenCv.resize(aligner.warp(reference, alignment, scanWidth, scanHeight), width, height);
        }
        return aligner.warp(reference, alignment.resized((double) width / scanWidth, (double) height / scanHeight), width, height);
    }
}
