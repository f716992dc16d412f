package org.emulsion.pipeline;

import java.util.Arrays;

import org.emulsion.core.extensions.TemporalMatch;

/**
 * Which reference frame shows each scan frame, or none (lead-in, censor cut, missing frame,
 * shot absent from the reference). Produced by a temporal aligner or, for simulated material,
 * taken from the simulator's record.
 */
public final class FrameMap {
    public static final int NONE = TemporalMatch.NONE;
    private final int[] referenceIndex;

    public FrameMap(int[] referenceIndex) {
        this.referenceIndex = referenceIndex.clone();
    }

    /** The scan-to-reference map a temporal aligner found (its confidences stay in its report). */
    public static FrameMap of(TemporalMatch match) {
        return new FrameMap(match.referenceFrames());
    }

    /** Scan frame i ↔ reference frame i. */
    public static FrameMap identity(int frames) {
        int[] map = new int[frames];
        Arrays.setAll(map, i -> i);
        return new FrameMap(map);
    }

    public int scanFrames() {
        return referenceIndex.length;
    }

    /** The reference frame showing scan frame {@code scanIndex}, or {@link #NONE}. */
    public int referenceFor(int scanIndex) {
        return referenceIndex[scanIndex];
    }
}
