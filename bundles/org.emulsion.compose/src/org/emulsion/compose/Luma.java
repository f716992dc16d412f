package org.emulsion.compose;

import java.util.stream.IntStream;

import org.emulsion.core.image.Image;

/**
 * The luma Emulsion preserves: OpenCV's Y of 16-bit RGB ({@code COLOR_RGB2YCrCb} on
 * {@code CV_16U}: BT.601 weights in 14-bit fixed point), i.e. exactly what the written 16-bit
 * frame will have. Chroma mode promises that this value of every output pixel equals the scan's.
 * Computed here with OpenCV's own integer arithmetic (a test holds it equal to OpenCV's on every
 * code) rather than through a converted copy of each archive-size frame.
 */
public final class Luma {
    private static final int SHIFT = 14;
    private static final int R = 4899;
    private static final int G = 9617;
    private static final int B = 1868;
    private static final int MAX = 65535;

    private Luma() {
    }

    /** 16-bit code values of an RGB image in [0, 1], rounded as the TIFF writer rounds them. */
    public static int[] codes(Image rgb) {
        if (rgb.channels() != 3) {
            throw new IllegalArgumentException("luma needs an RGB image, got " + rgb);
        }
        float[] d = rgb.data();
        int w = rgb.width();
        int[] y = new int[w * rgb.height()];
        IntStream.range(0, rgb.height()).parallel().forEach(row -> {
            for (int i = row * w; i < (row + 1) * w; i++) {
                y[i] = of(d, i);
            }
        });
        return y;
    }

    /** 16-bit Y of pixel {@code i} of RGB samples in [0, 1] ({@code rgb[3i..3i+2]}), coded as the TIFF writer codes them. */
    public static int of(float[] rgb, int i) {
        return of(code(rgb[3 * i]), code(rgb[3 * i + 1]), code(rgb[3 * i + 2]));
    }

    /** 16-bit Y of one pixel's 16-bit R, G and B codes. */
    public static int of(int r, int g, int b) {
        return (r * R + g * G + b * B + (1 << (SHIFT - 1))) >> SHIFT;
    }

    /**
     * With red {@code r} and blue {@code b}, the green codes whose {@link #of Y} is {@code y} are a
     * run of one or two (a green code moves the fixed-point sum by less than one Y code): its lowest
     * when {@code lowest}, else its highest. It may lie outside 0..65535 (green cannot reach that Y).
     */
    public static int green(int r, int b, int y, boolean lowest) {
        long from = ((long) y << SHIFT) - (1 << (SHIFT - 1)) - (long) r * R - (long) b * B; // g * G in [from, from + 2^14)
        return (int) (lowest ? Math.ceilDiv(from, G) : Math.floorDiv(from + (1 << SHIFT) - 1, G));
    }

    /** The 16-bit code of a sample in [0, 1] as OpenCV's {@code convertTo} makes it: scaled in float, rounded half to even, saturated. */
    private static int code(float v) {
        return (int) Math.max(0, Math.min(MAX, Math.rint(v * (float) MAX)));
    }
}
