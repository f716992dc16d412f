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

    /**
     * Whether the network supports mixed precision: given float32 input while its parameter store
     * hands out bfloat16 or float16 copies of the weights, it computes in the weights' type and
     * returns float32, keeping what passes through unchanged (a residual's identity) exact. The
     * engine runs reduced-precision inference only with networks that do; others run in float32.
     */
    default boolean mixedPrecision() {
        return false;
    }
}
