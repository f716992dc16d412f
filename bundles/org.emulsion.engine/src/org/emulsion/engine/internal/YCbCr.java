package org.emulsion.engine.internal;

/**
 * The channel contract of network inputs and targets: Y'CbCr planes with CbCr centred on 0.5.
 * Three channels are Y, Cb, Cr; two are Cb, Cr (a chroma target); one is Y (a luma target).
 */
public final class YCbCr {
    /** The value of Cb and Cr for a grey pixel. */
    public static final float NEUTRAL = 0.5f;

    private YCbCr() {
    }

    /** Whether channel {@code k} of an image with {@code channels} channels is Cb or Cr. */
    public static boolean isChroma(int channels, int k) {
        return channels == 2 || (channels == 3 && k > 0);
    }
}
