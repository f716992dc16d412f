package org.emulsion.engine.internal;

/**
 * The channel contract of network inputs and targets: Y'CbCr planes with CbCr centred on 0.5.
 * Three channels are Y, Cb, Cr; two are Cb, Cr (a chroma target); one is Y (a luma target).
 * An input may carry guide channels after its Y, Cb, Cr (a mask, a position in the frame): they
 * are not colour, so nothing that varies colour or brightness touches them.
 */
public final class YCbCr {
    /** The value of Cb and Cr for a grey pixel. */
    public static final float NEUTRAL = 0.5f;

    private YCbCr() {
    }

    /** Whether channel {@code k} of an image with {@code channels} channels is Cb or Cr. */
    public static boolean isChroma(int channels, int k) {
        return channels == 2 || (channels >= 3 && (k == 1 || k == 2));
    }

    /** Whether channel {@code k} of an image with {@code channels} channels is a guide channel, not Y, Cb or Cr. */
    public static boolean isGuide(int channels, int k) {
        return channels > 3 && k >= 3;
    }
}
