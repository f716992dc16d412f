package org.emulsion.media;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import org.emulsion.core.image.Image;

/**
 * The one file format of per-frame masks (damage found or simulated, coverage): an 8-bit grey PNG
 * named after its frame, 0 = intact (or not covered), 255 = damaged, values between for a
 * partial or feathered edge. In memory a mask is a one-channel {@link Image} in [0, 1]. Where the
 * mask folder lies is its owner's business; this class only reads and writes the files.
 */
public final class MaskFiles {
    /** Extension of a mask file. */
    public static final String EXTENSION = "png";

    private MaskFiles() {
    }

    /** The mask file name of a frame: {@code scan_000012.tif} → {@code scan_000012.png}. */
    public static String fileName(String frameName) {
        int dot = frameName.lastIndexOf('.');
        return (dot > 0 ? frameName.substring(0, dot) : frameName) + "." + EXTENSION;
    }

    /**
     * Writes a one-channel mask in [0, 1] (values outside are clipped) as an 8-bit PNG, complete or
     * not at all.
     *
     * @throws IllegalArgumentException when the image has more than one channel or the file is not a .png
     * @throws IOException              naming the file when it cannot be written
     */
    public static void write(Path file, Image mask) throws IOException {
        if (mask.channels() != 1) {
            throw new IllegalArgumentException(file + ": a mask has one channel, not " + mask.channels());
        }
        if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith("." + EXTENSION)) {
            throw new IllegalArgumentException(file + ": a mask is written as ." + EXTENSION);
        }
        ImageFiles.write(file, mask, 8);
    }

    /**
     * Reads a mask of any bit depth as one channel in [0, 1]; a colour file (a mask painted in an
     * image editor) counts a pixel as damaged as far as its brightest channel says.
     *
     * @throws IOException naming the file when it is missing or not an image
     */
    public static Image read(Path file) throws IOException {
        Image image = ImageFiles.read(file).image();
        int c = image.channels();
        if (c == 1) {
            return image;
        }
        float[] d = image.data();
        float[] out = new float[image.width() * image.height()];
        for (int p = 0; p < out.length; p++) {
            float v = d[p * c];
            for (int k = 1; k < Math.min(c, 3); k++) {
                v = Math.max(v, d[p * c + k]);
            }
            out[p] = v;
        }
        return new Image(image.width(), image.height(), 1, out);
    }

    /**
     * Reads the mask of a {@code width}×{@code height} frame.
     *
     * @throws IOException naming the file when it is unreadable or of another size than its frame
     */
    public static Image read(Path file, int width, int height) throws IOException {
        Image mask = read(file);
        if (mask.width() != width || mask.height() != height) {
            throw new IOException(file + ": the mask is " + mask.width() + "x" + mask.height() + " but its frame is " + width + "x"
                    + height + "; give masks made for these frames");
        }
        return mask;
    }
}
