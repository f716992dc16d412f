package org.emulsion.pipeline;

import java.util.ArrayList;
import java.util.List;

import org.emulsion.core.image.Image;
import org.emulsion.media.OpenCv;

/**
 * What the pipeline knows of one scan frame: the scan itself, each reference of the recipe
 * registered on it (NaN where that reference does not cover the scan; null where the reference has
 * no counterpart of the frame), and its damage map (0 = intact, 1 = damaged; null when the recipe
 * detects no damage). All images have the scan's size, or all the same smaller size after
 * {@link #scaled}.
 *
 * @param frame           the scan frame's index
 * @param name            the scan frame's name
 * @param referenceDamage each reference's damage map registered on the scan, in the order of
 *                        {@code references} (null entries where a reference has no counterpart of
 *                        the frame); empty unless the target {@link RestorationTarget#needsReferenceDamage}
 */
public record Evidence(int frame, String name, Image scan, List<Image> references, Image damage, List<Image> referenceDamage,
        Evidence previous, Evidence next) {

    public Evidence {
        references = java.util.Collections.unmodifiableList(new ArrayList<>(references)); // entries may be null
        referenceDamage = java.util.Collections.unmodifiableList(new ArrayList<>(referenceDamage));
    }

    /** Evidence without the references' damage. */
    public Evidence(int frame, String name, Image scan, List<Image> references, Image damage) {
        this(frame, name, scan, references, damage, List.of());
    }

    /** Evidence without neighbours. */
    public Evidence(int frame, String name, Image scan, List<Image> references, Image damage, List<Image> referenceDamage) {
        this(frame, name, scan, references, damage, referenceDamage, null, null);
    }

    /** This evidence with the neighbouring frames of its shot (either may be null). */
    public Evidence withNeighbours(Evidence previousFrame, Evidence nextFrame) {
        return new Evidence(frame, name, scan, references, damage, referenceDamage, previousFrame, nextFrame);
    }

    /** Reference {@code k}'s damage map, or null when it has none here. */
    public Image referenceDamage(int k) {
        return k < referenceDamage.size() ? referenceDamage.get(k) : null;
    }

    /** The primary reference registered on the scan, or null. */
    public Image reference() {
        return references.isEmpty() ? null : references.get(0);
    }

    /** Reference {@code k} registered on the scan, or null when it has no counterpart of this frame. */
    public Image reference(int k) {
        return k < references.size() ? references.get(k) : null;
    }

    /** The same evidence resampled to {@code scale} of its size (≤ 1; 1 returns it as it is). */
    public Evidence scaled(double scale) {
        if (scale >= 0.999) {
            return this;
        }
        List<Image> refs = new ArrayList<>();
        references.forEach(r -> refs.add(scale(r, scale)));
        List<Image> maps = new ArrayList<>();
        referenceDamage.forEach(d -> maps.add(scale(d, scale)));
        return new Evidence(frame, name, scale(scan, scale), refs, scale(damage, scale), maps,
                previous == null ? null : previous.scaled(scale), next == null ? null : next.scaled(scale));
    }

    /** {@code image} resampled to {@code scale} of its size (area-averaged; null stays null). */
    public static Image scale(Image image, double scale) {
        return image == null || scale >= 0.999 ? image : OpenCv.resize(image, scaled(image.width(), scale), scaled(image.height(), scale));
    }

    /** A length of {@code length} pixels at {@code scale} as {@link #scale} resamples it (≥ 0.999: unchanged). */
    public static int scaled(int length, double scale) {
        return scale >= 0.999 ? length : Math.max(1, (int) Math.round(length * scale));
    }
}
