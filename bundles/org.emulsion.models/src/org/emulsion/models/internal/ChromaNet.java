package org.emulsion.models.internal;

/**
 * The {@code org.emulsion.models.chromaNet} contribution: the scan's YCbCr (N, 3, H, W) in,
 * corrected CbCr (N, 2, H, W) out, as a residual added to the scan's CbCr (channels 1 and 2).
 * Fading shifts chroma but keeps its structure, and chroma is low-frequency, so the U-Net runs
 * on a 2×2 space-to-depth of the frame: four times less work at the same receptive field.
 */
public final class ChromaNet extends ResidualUNetArchitecture {
    private static final int STEM = 2;
    private static final int STANDARD_DEPTH = 2;

    public ChromaNet() {
        super(STEM, STANDARD_DEPTH, 1, 2, true); // the match-graded scan is already a fair answer
    }
}
