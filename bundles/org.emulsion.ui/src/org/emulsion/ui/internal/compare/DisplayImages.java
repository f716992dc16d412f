package org.emulsion.ui.internal.compare;

import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.RGB;
import org.emulsion.core.image.Image;
import org.emulsion.media.OpenCv;

/**
 * The one conversion from Emulsion's headless frames to what SWT draws: 8-bit RGB
 * {@link ImageData} in a single layout (24 bits per pixel stored as the bytes R, G, B, rows
 * {@code bytesPerLine} apart), so the compare canvas can read and combine the pixels of any two
 * images directly. Display only: samples are clamped to [0, 1] and rounded to 8 bits.
 */
public final class DisplayImages {
    private static final PaletteData RGB_PALETTE = new PaletteData(0xFF0000, 0x00FF00, 0x0000FF);

    private DisplayImages() {
    }

    /** An 8-bit RGB copy of {@code image} (a grey frame is repeated to R, G and B; a fourth channel is ignored). */
    public static ImageData toImageData(Image image) {
        int width = image.width();
        int channels = image.channels();
        float[] samples = image.data();
        ImageData rgb = blank(width, image.height());
        for (int y = 0; y < image.height(); y++) {
            int in = y * width * channels;
            int out = y * rgb.bytesPerLine;
            for (int x = 0; x < width; x++, in += channels) {
                for (int c = 0; c < 3; c++) {
                    rgb.data[out++] = toByte(samples[in + (channels >= 3 ? c : 0)]);
                }
            }
        }
        return rgb;
    }

    /** {@code image} resampled to {@code height} pixels high (its aspect kept), as 8-bit RGB: a thumbnail. */
    public static ImageData thumbnail(Image image, int height) {
        int width = Math.max(1, Math.round((float) image.width() * height / image.height()));
        return toImageData(OpenCv.resize(image, width, height));
    }

    /**
     * {@code data} in this class's layout: the same object when it already is, else a converted copy
     * (for images SWT decoded itself, e.g. a contact sheet read with an ImageLoader).
     */
    public static ImageData toRgb(ImageData data) {
        if (isRgb(data)) {
            return data;
        }
        ImageData rgb = blank(data.width, data.height);
        int[] pixels = new int[data.width];
        for (int y = 0; y < data.height; y++) {
            data.getPixels(0, y, data.width, pixels, 0);
            int out = y * rgb.bytesPerLine;
            for (int x = 0; x < data.width; x++) {
                RGB colour = data.palette.getRGB(pixels[x]);
                rgb.data[out++] = (byte) colour.red;
                rgb.data[out++] = (byte) colour.green;
                rgb.data[out++] = (byte) colour.blue;
            }
        }
        return rgb;
    }

    /**
     * A map (damage, confidence) as a translucent overlay: {@code colour} everywhere, each pixel as
     * opaque as the map's first channel says (0 → clear, 1 → {@code maxAlpha}), or as the map's
     * complement when {@code inverted} (a confidence map then tints where the result is unsure).
     */
    public static ImageData overlay(Image map, RGB colour, int maxAlpha, boolean inverted) {
        int width = map.width();
        int channels = map.channels();
        float[] samples = map.data();
        ImageData tint = blank(width, map.height());
        byte[] alpha = new byte[width * map.height()];
        for (int y = 0; y < map.height(); y++) {
            int out = y * tint.bytesPerLine;
            for (int x = 0; x < width; x++) {
                tint.data[out++] = (byte) colour.red;
                tint.data[out++] = (byte) colour.green;
                tint.data[out++] = (byte) colour.blue;
                float v = samples[(y * width + x) * channels];
                float clamped = v <= 0f ? 0f : Math.min(v, 1f);
                alpha[y * width + x] = (byte) Math.round((inverted ? 1f - clamped : clamped) * maxAlpha);
            }
        }
        tint.alphaData = alpha;
        return tint;
    }

    /** A black image in this class's layout. */
    static ImageData blank(int width, int height) {
        return new ImageData(width, height, 24, RGB_PALETTE);
    }

    static boolean isRgb(ImageData data) {
        PaletteData palette = data.palette;
        return data.depth == 24 && palette.isDirect && palette.redMask == 0xFF0000 && palette.greenMask == 0x00FF00
                && palette.blueMask == 0x0000FF;
    }

    private static byte toByte(float sample) {
        float clamped = sample <= 0f ? 0f : Math.min(sample, 1f);
        return (byte) Math.round(clamped * 255f);
    }
}
