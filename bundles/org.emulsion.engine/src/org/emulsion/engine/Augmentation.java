package org.emulsion.engine;

/**
 * How training crops are varied, always identically for the input, the target and the mask.
 * <p>
 * <b>Geometry.</b> A crop spans {@code patchSize × s} source pixels with {@code s} drawn from
 * {@code 1 ± maxScale}, starts at a continuous (sub-pixel) position when {@code subPixelShift},
 * and is resampled bilinearly; the mask takes the smallest of the samples it interpolates, so
 * pixels next to missing evidence drop out rather than being half-trusted. {@code flips}
 * mirrors crops horizontally and vertically.
 * <p>
 * <b>Exposure.</b> Network inputs and targets are Y'CbCr planes (CbCr centred on 0.5), the
 * channel contract of every {@code modelArchitectures} contribution: a 3-channel image is
 * Y, Cb, Cr; a 2-channel one is Cb, Cr (chroma target); a 1-channel one is Y (luma target).
 * Exposure multiplies Y by {@code k = 1 ± exposure} and CbCr's distance from 0.5 by the same
 * {@code k}. That is exactly a gain on R'G'B', which keeps hue and saturation: brightness
 * varies, colour does not. Scaling Y alone would change saturation, i.e. jitter the very
 * chroma the network must learn, so there is deliberately no colour jitter of any kind.
 *
 * @param maxScale      largest relative zoom, e.g. 0.05 for ±5 %; 0 turns scaling off
 * @param subPixelShift whether crop origins are continuous rather than whole pixels
 * @param flips         whether crops are mirrored at random (each axis independently)
 * @param exposure      largest relative gain change, e.g. 0.1 for ±10 %; 0 turns it off
 */
public record Augmentation(double maxScale, boolean subPixelShift, boolean flips, double exposure) {

    /** Small scale (±5 %), sub-pixel shifts, flips and exposure ±0.1. */
    public static final Augmentation DEFAULT = new Augmentation(0.05, true, true, 0.1);

    /** Plain whole-pixel random crops. */
    public static final Augmentation NONE = new Augmentation(0, false, false, 0);

    public Augmentation {
        if (maxScale < 0 || maxScale > 0.5 || exposure < 0 || exposure > 0.5) {
            throw new IllegalArgumentException("augmentation out of range: scale ±" + maxScale + ", exposure ±" + exposure);
        }
    }

    /** Whether crops are plain copies of the source pixels. */
    public boolean isIdentity() {
        return maxScale == 0 && !subPixelShift && !flips && exposure == 0;
    }
}
