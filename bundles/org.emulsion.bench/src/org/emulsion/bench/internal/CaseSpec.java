package org.emulsion.bench.internal;

import org.emulsion.simulator.ScanParameters;
import org.emulsion.simulator.Truth;

/**
 * One simulated restoration case of the quality benchmark.
 *
 * @param reference     which surviving element guides the restoration
 * @param reels         the film is split into this many reels, whose fading drifts apart
 * @param trainSeconds  Emulsion's training budget
 * @param patch         training crop size
 */
public record CaseSpec(String name, String description, Truth.Spec truth, ScanParameters scan, ReferenceKind reference,
        int reels, int trainSeconds, int patch) {

    /** The reference elements the simulator renders. */
    public enum ReferenceKind { PRINT, DVD, TELECINE }
}
