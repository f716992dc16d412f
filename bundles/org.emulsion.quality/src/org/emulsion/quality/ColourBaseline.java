package org.emulsion.quality;

import java.util.List;

import org.emulsion.core.image.Image;
import org.emulsion.media.Colour;

/**
 * A per-film colour correction that a colourist could do without machine learning: fitted once
 * on aligned (scan, reference) pairs of a film, then applied to any scan frame of it.
 */
public interface ColourBaseline {
    /** Short stable identifier, e.g. for report keys ({@code "reinhard"}, {@code "lut33"}). */
    String id();

    /**
     * Fits the correction on the usable pixels of {@code pairs} (see {@link ColourPair#usable}).
     *
     * @throws IllegalArgumentException when the pairs hold no usable pixel
     */
    void fit(List<ColourPair> pairs);

    /**
     * The corrected RGB frame, clamped to [0, 1]; pixels not finite in {@code scan} come out NaN.
     *
     * @throws IllegalStateException before {@link #fit}
     */
    Image apply(Image scan);

    /**
     * Cb and Cr of {@link #apply}'s colour (BT.601, centred on 0.5, as {@link Colour#ycbcr}
     * computes them): what a Colour blend takes from the grade. Implementations may compute it in
     * one pass over the frame, without the graded RGB copy.
     *
     * @throws IllegalStateException before {@link #fit}
     */
    default Image chroma(Image scan) {
        return Colour.channels(Colour.ycbcr(apply(scan)), 1, 2);
    }
}
