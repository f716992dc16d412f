package org.emulsion.quality;

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

    /** Number of pixels of the frame. */
    public int pixels() {
        return scan.width() * scan.height();
    }
}
