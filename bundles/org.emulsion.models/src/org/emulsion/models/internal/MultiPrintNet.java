package org.emulsion.models.internal;

/**
 * The {@code org.emulsion.models.multiPrintNet} contribution: the luma U-Net's blocks with a
 * colour head, for the holes no print kept. In: the composite's Y, Cb, Cr with the holes
 * inpainted, the inpainted Y as guide and the hole map; out: Y, Cb, Cr (N, 3, H, W), a residual
 * added to the inpainted composite (channels 0–2), starting close to adding nothing. Detail is
 * luma's, so the first stage works at full resolution, as {@link LumaNet}'s; colour prints get
 * their holes' colour from the same network, black-and-white ones a neutral chroma it learns to keep.
 */
public final class MultiPrintNet extends ResidualUNetArchitecture {
    private static final int STEM = 1;
    private static final int STANDARD_DEPTH = 2;

    public MultiPrintNet() {
        super(STEM, STANDARD_DEPTH, 0, 3, true); // the inpainting pasted into the holes is already a fair answer
    }
}
