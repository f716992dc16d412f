package org.emulsion.core.extensions;

/**
 * Which reference frame shows each scan frame, or {@link #NONE} (lead-in, censor cut, a shot the
 * reference lacks), with the temporal aligner's confidence per scan frame.
 *
 * @param referenceFrames per scan frame, the reference frame index or {@link #NONE}
 * @param confidence      per scan frame, 0 (a guess) to 1 (certain) in the decision taken, matched or NONE
 * @param method          what produced it, for the provenance record
 */
public record TemporalMatch(int[] referenceFrames, double[] confidence, String method) {
    public static final int NONE = -1;

    public TemporalMatch {
        if (referenceFrames.length != confidence.length) {
            throw new IllegalArgumentException(referenceFrames.length + " frames but " + confidence.length + " confidences");
        }
        referenceFrames = referenceFrames.clone();
        confidence = confidence.clone();
    }

    /** A match known beforehand (a simulator's record, a sample made frame for frame): confidence 1 throughout. */
    public static TemporalMatch known(int[] referenceFrames, String method) {
        double[] certain = new double[referenceFrames.length];
        java.util.Arrays.fill(certain, 1);
        return new TemporalMatch(referenceFrames, certain, method);
    }

    public int scanFrames() { return referenceFrames.length; }

    /** The reference frame showing scan frame {@code scanIndex}, or {@link #NONE}. */
    public int referenceFor(int scanIndex) { return referenceFrames[scanIndex]; }

    public double confidenceOf(int scanIndex) { return confidence[scanIndex]; }

    @Override
    public int[] referenceFrames() { return referenceFrames.clone(); }

    @Override
    public double[] confidence() { return confidence.clone(); }
}
