package org.emulsion.core.extensions;

import org.emulsion.core.image.Image;

/**
 * Registers a reference frame onto a scan frame.
 * <p>
 * Contributed through the {@code org.emulsion.core.aligners} extension point. Implementations
 * must tolerate the differences between elements of the same film: another crop, scale and
 * pixel aspect, another grade, fading, grain and dirt. They refuse a frame they cannot align
 * (heavy damage, a wrong temporal match) with {@link SpatialAlignment#rejection()} instead of
 * returning a bad warp. Instances must be thread-safe.
 */
public interface Aligner {

    /**
     * Estimates where {@code reference} lies on {@code scan}.
     *
     * @return the alignment; its confidence is 0 when no usable match was found
     */
    SpatialAlignment align(Image reference, Image scan);

    /**
     * Estimates where {@code reference} lies on {@code scan} starting from {@code initial}, e.g. the
     * transform of the previous frame of the same shot, so that per-frame refinement is cheap and
     * consistent within a shot. The default ignores the hint.
     */
    default SpatialAlignment refine(Image reference, Image scan, SpatialAlignment initial) {
        return align(reference, scan);
    }

    /**
     * The narrowest scan frame this aligner registers a {@code referenceWidth}×{@code referenceHeight}
     * reference on a {@code scanWidth}×{@code scanHeight} scan from, no wider than the scan. A caller
     * that can decode frames smaller (an archive scan against a DVD) may hand {@link #align} and
     * {@link #refine} the scan reduced to at least this width and map the result back into the
     * scan's pixels ({@link SpatialAlignment#resized}); decoding and converting the whole frame would
     * then be wasted. The default, the scan's width, is for aligners that need every pixel or whose
     * result lives in the scan's own grid (a dense flow).
     */
    default int workingWidth(int referenceWidth, int referenceHeight, int scanWidth, int scanHeight) {
        return scanWidth;
    }

    /**
     * Resamples {@code reference} into the scan's pixel grid ({@code width}×{@code height}).
     * Pixels that the reference does not cover are NaN in every channel, so that later stages
     * can mask them out rather than learn from invented borders.
     */
    Image warp(Image reference, SpatialAlignment alignment, int width, int height);
}
