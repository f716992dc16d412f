package org.emulsion.engine.extensions;

import ai.djl.nn.Block;

/**
 * A small fully-convolutional network that the engine trains per film.
 * <p>
 * Contributed through the {@code org.emulsion.engine.modelArchitectures} extension point, which
 * also declares the channel contract ({@code inputChannels}, {@code outputChannels}), the
 * {@code target} (what the output replaces: {@code chroma} or {@code luma}), the defaults
 * ({@code patchSize}, {@code baseWidth}) and the size {@link ArchitecturePreset presets}. The
 * network must accept any input whose height and width are multiples of
 * {@link #sizeMultiple(ArchitecturePreset)} and return the same height and width.
 * <p>
 * Blocks should implement {@link FullyConvolutional}, so that inference can cut frames into
 * tiles whose overlap covers the receptive field; frames of blocks that do not are inferred whole.
 */
public interface ModelArchitecture {

    /**
     * A fresh, uninitialised DJL block of the architecture's standard depth.
     *
     * @param baseWidth number of feature channels of the first stage
     */
    Block newBlock(int baseWidth);

    /** Height and width of inputs to {@link #newBlock(int)} must be multiples of this. */
    int sizeMultiple();

    /**
     * A fresh, uninitialised DJL block of the given size. Architectures whose depth is fixed
     * may ignore {@link ArchitecturePreset#depth()}.
     */
    default Block newBlock(ArchitecturePreset preset) {
        return newBlock(preset.baseWidth());
    }

    /** Height and width of inputs to {@link #newBlock(ArchitecturePreset)} must be multiples of this. */
    default int sizeMultiple(ArchitecturePreset preset) {
        return sizeMultiple();
    }

    /**
     * Receptive field radius of the network built for {@code preset}: an output pixel depends
     * only on input pixels at most this many pixels away horizontally and vertically (the
     * field's width is {@code 2 * radius + 1}). Computed from the layer structure.
     */
    int receptiveRadius(ArchitecturePreset preset);
}
