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
 * @param maxSteps      training stops here if the budget lasts that long (tests: a result independent of load)
 */
public record CaseSpec(String name, String description, Truth.Spec truth, ScanParameters scan, ReferenceKind reference,
        int reels, int trainSeconds, int patch, int maxSteps) {

    /** A case trained for {@code trainSeconds}, however many steps that makes: what the benchmark measures. */
    public CaseSpec(String name, String description, Truth.Spec truth, ScanParameters scan, ReferenceKind reference, int reels,
            int trainSeconds, int patch) {
        this(name, description, truth, scan, reference, reels, trainSeconds, patch, 1_000_000);
    }

    /** The reference elements the simulator renders. */
    public enum ReferenceKind { PRINT, DVD, TELECINE }
}
