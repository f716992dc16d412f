package org.emulsion.quality;

import org.emulsion.core.image.Image;

/**
 * Pixel masks as used throughout this package: a 1-channel {@link Image} of the same width and
 * height as the frames it goes with; a pixel is <em>selected</em> where the mask is above 0.5.
 * A {@code null} mask selects every pixel.
 */
public final class Masks {
    /** Threshold above which a mask sample selects its pixel. */
    public static final float THRESHOLD = 0.5f;

    private Masks() {
    }

    /** Whether pixel {@code i} (row-major index) is selected by {@code mask} (null selects all). */
    public static boolean selected(Image mask, int i) {
        return mask == null || mask.data()[i] > THRESHOLD;
    }

    /** Number of pixels of a {@code width}×{@code height} frame that {@code mask} selects. */
    public static int count(Image mask, int width, int height) {
        if (mask == null) {
            return width * height;
        }
        int n = 0;
        for (float v : mask.data()) {
            if (v > THRESHOLD) {
                n++;
            }
        }
        return n;
    }

    /** The complement of {@code mask}: selects exactly the pixels {@code mask} does not (NaN counts as not selected). */
    public static Image invert(Image mask) {
        float[] in = mask.data();
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = in[i] > THRESHOLD ? 0f : 1f;
        }
        return new Image(mask.width(), mask.height(), 1, out);
    }

    /**
     * Throws unless {@code mask} is null or a 1-channel image of {@code frame}'s width and
     * height; returns {@code mask}.
     */
    public static Image check(Image mask, Image frame) {
        if (mask != null && (mask.channels() != 1 || mask.width() != frame.width() || mask.height() != frame.height())) {
            throw new IllegalArgumentException("mask " + mask + " does not fit frame " + frame + " (1 channel, same size)");
        }
        return mask;
    }

    static void checkSameSize(Image a, Image b) {
        if (!a.sameSize(b)) {
            throw new IllegalArgumentException("images differ in size: " + a + " vs " + b);
        }
    }

    static void checkChannels(Image image, int channels, String what) {
        if (image.channels() != channels) {
            throw new IllegalArgumentException(what + " must have " + channels + " channel(s): " + image);
        }
    }
}
