package org.emulsion.align.damage;

import java.io.IOException;
import java.nio.file.Path;

import org.emulsion.core.image.Image;
import org.emulsion.media.MaskFiles;

/**
 * Where a frame is damaged: a one-channel mask in [0, 1] (0 = intact, 1 = damaged, the values
 * between on a feathered edge; take ≥ 0.5 as damaged) and the detector's confidence in the whole
 * map, 0 (no evidence: no witness, no neighbour) to 1 (every pixel compared with a witness that
 * explains the frame well).
 *
 * @param mask           the damage mask, the frame's size
 * @param confidence     confidence in the map
 * @param basis          what it was found from, for reports (witnesses, neighbours)
 * @param lineCandidates faint line scratches this frame alone cannot confirm, not in {@code mask}
 *                       (a mask like it; null when none): damage where the previous or next frame
 *                       of the element shows one at the same place ({@link DamageDetector#withLineScratches})
 */
public record DamageMap(Image mask, double confidence, String basis, Image lineCandidates) {

    public DamageMap {
        if (mask.channels() != 1) {
            throw new IllegalArgumentException("a damage mask has one channel, not " + mask.channels());
        }
    }

    /** A map with no line candidates. */
    public DamageMap(Image mask, double confidence, String basis) {
        this(mask, confidence, basis, null);
    }

    /** Share of the frame marked damaged (mask ≥ 0.5). */
    public double damagedFraction() {
        int n = 0;
        for (float v : mask.data()) {
            n += v >= 0.5f ? 1 : 0;
        }
        return (double) n / mask.data().length;
    }

    /** Writes the mask as an 8-bit PNG ({@link MaskFiles}: 0 = intact); where is the caller's layout. */
    public void write(Path file) throws IOException {
        MaskFiles.write(file, mask);
    }

    /** Reads a mask written by {@link #write} (or by hand) for a {@code width}×{@code height} frame, with confidence 1 (given, not found). */
    public static DamageMap read(Path file, int width, int height) throws IOException {
        return new DamageMap(MaskFiles.read(file, width, height), 1, "given: " + file.getFileName());
    }
}
