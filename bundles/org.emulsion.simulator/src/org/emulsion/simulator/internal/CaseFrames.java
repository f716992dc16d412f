package org.emulsion.simulator.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import org.emulsion.core.image.Image;
import org.emulsion.media.ImageFiles;
import org.emulsion.media.MaskFiles;

/**
 * Frame folders of simulated elements and cases: frame {@code k} of an element is
 * {@code <prefix>_<k, six digits>}, a 16-bit TIFF (or what the element's bit depth says), and its
 * damage mask the same name as an 8-bit PNG ({@link MaskFiles}) in a folder of its own.
 */
public final class CaseFrames {
    /**
     * The film frame a case's first frame is: cases are a stretch from well into a reel, so that
     * long-lived damage is under way from their first frame on, as on every later one.
     */
    public static final int FIRST_FILM_FRAME = 240;

    private CaseFrames() {
    }

    /** {@code prefix_000012} for index 12. */
    public static String name(String prefix, int index) {
        return String.format(Locale.ROOT, "%s_%06d", prefix, index);
    }

    /** Writes {@code folder/name.tif} (16 bits) and returns it. */
    public static Path frame(Path folder, String name, Image image) throws IOException {
        Path file = folder.resolve(name + ".tif");
        ImageFiles.writeTiff16(file, image);
        return file;
    }

    /** Writes {@code folder/name.png} ({@link MaskFiles}) and returns it. */
    public static Path mask(Path folder, String name, Image mask) throws IOException {
        Path file = folder.resolve(name + "." + MaskFiles.EXTENSION);
        MaskFiles.write(file, mask);
        return file;
    }

    /** Share of a mask's pixels above 0. */
    public static double damagedFraction(Image mask) {
        int n = 0;
        for (float v : mask.data()) {
            n += v > 0 ? 1 : 0;
        }
        return (double) n / mask.data().length;
    }
}
