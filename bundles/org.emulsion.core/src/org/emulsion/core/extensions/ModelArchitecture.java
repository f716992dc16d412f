package org.emulsion.core.extensions;

import ai.djl.nn.Block;

/**
 * A small fully-convolutional network that the engine trains per film.
 * <p>
 * Contributed through the {@code org.emulsion.core.modelArchitectures} extension point, which
 * also declares the channel contract ({@code inputChannels}, {@code outputChannels}), the
 * {@code target} (what the output replaces: {@code chroma} or {@code luma}) and the defaults
 * ({@code patchSize}, {@code baseWidth}). The network must accept any input whose height and
 * width are multiples of {@link #sizeMultiple()} and return the same height and width.
 */
public interface ModelArchitecture {

    /**
     * A fresh, uninitialised DJL block.
     *
     * @param baseWidth number of feature channels of the first stage
     */
    Block newBlock(int baseWidth);

    /** Height and width of inputs must be multiples of this (2^number of downsamplings). */
    int sizeMultiple();
}
