package org.emulsion.quality;

import java.util.List;
import java.util.function.IntConsumer;

import org.emulsion.core.image.Image;

/**
 * An aligned training pair for a {@link ColourBaseline}: a scan frame, the reference frame
 * registered onto it, and a mask of the reference pixels that are valid. A pixel is used when the
 * mask selects it (a null mask selects all) and the scan and the reference are finite in all three
 * channels there (registration leaves NaN where the reference does not cover the scan).
 *
 * @param scan RGB scan frame
 * @param reference RGB reference registered onto the scan, same size, NaN where invalid
 * @param valid 1-channel mask of valid reference pixels (&gt; 0.5), or null
 */
public record ColourPair(Image scan, Image reference, Image valid) {
    public ColourPair {
        Masks.checkChannels(scan, 3, "scan");
        Masks.checkSameSize(scan, reference);
        Masks.check(valid, scan);
    }

    /** A pair whose valid pixels are those where the reference is finite. */
    public static ColourPair of(Image scan, Image reference) {
        return new ColourPair(scan, reference, null);
    }

    /** Whether pixel {@code i} (row-major index) is usable for fitting. */
    public boolean usable(int i) {
        if (!Masks.selected(valid, i)) {
            return false;
        }
        float[] s = scan.data();
        float[] r = reference.data();
        int k = 3 * i;
        return Float.isFinite(s[k]) && Float.isFinite(s[k + 1]) && Float.isFinite(s[k + 2])
                && Float.isFinite(r[k]) && Float.isFinite(r[k + 1]) && Float.isFinite(r[k + 2]);
    }

    /**
     * Calls {@code sample} with the index of the first (red) sample of every usable pixel, in
     * row-major order.
     *
     * @return how many pixels were usable
     */
    public long forEachUsable(IntConsumer sample) {
        long count = 0;
        for (int i = 0; i < pixels(); i++) {
            if (usable(i)) {
                sample.accept(3 * i);
                count++;
            }
        }
        return count;
    }

    /** Refuses a fit that saw no usable pixel ({@code count} from {@link #forEachUsable}). */
    static void requireUsable(long count, List<ColourPair> pairs) {
        if (count == 0) {
            throw new IllegalArgumentException("no usable pixel in " + pairs.size() + " training pair(s)");
        }
    }

    /** Number of pixels of the frame. */
    public int pixels() {
        return scan.width() * scan.height();
    }
}
