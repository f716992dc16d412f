package org.emulsion.models.internal;

/**
 * The {@code org.emulsion.models.lumaNet} contribution: the scan's YCbCr (N, 3, H, W) in, a
 * corrected Y (N, 1, H, W) out, as a residual added to the scan's Y (channel 0). Luma carries
 * the picture's detail, so the first stage works at full resolution. The first convolution
 * sizes itself on initialisation, so callers may append guide channels after the three (a
 * damage mask, an aligned reference's Y) if they train and infer with the same ones.
 */
public final class LumaNet extends ResidualUNetArchitecture {
    private static final int STEM = 1;
    private static final int STANDARD_DEPTH = 2;

    public LumaNet() {
        super(STEM, STANDARD_DEPTH, 0, 1, true); // the guide pasted into the holes is already a fair answer
    }
}
