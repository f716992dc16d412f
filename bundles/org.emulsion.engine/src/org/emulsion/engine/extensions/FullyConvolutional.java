package org.emulsion.engine.extensions;

/**
 * What tiled inference needs to know about a fully-convolutional DJL block: tiles must start on
 * multiples of {@link #sizeMultiple()} (so down-sampling sees the same pixel grid as the whole
 * frame), overlap by at least {@link #receptiveRadius()}, and are sized so that
 * {@link #inferenceBytesPerPixel()} times their area stays within a memory budget.
 */
public interface FullyConvolutional {

    /** Height and width of inputs must be multiples of this. */
    int sizeMultiple();

    /** See {@link ModelArchitecture#receptiveRadius(ArchitecturePreset)}. */
    int receptiveRadius();

    /**
     * Estimated bytes of tensors one forward pass without gradients holds per input pixel (DJL
     * keeps every intermediate result until its manager is closed).
     */
    long inferenceBytesPerPixel();
}
