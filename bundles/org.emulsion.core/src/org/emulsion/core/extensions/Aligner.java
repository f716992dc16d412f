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
     * Resamples {@code reference} into the scan's pixel grid ({@code width}×{@code height}).
     * Pixels that the reference does not cover are NaN in every channel, so that later stages
     * can mask them out rather than learn from invented borders.
     */
    Image warp(Image reference, SpatialAlignment alignment, int width, int height);
}
