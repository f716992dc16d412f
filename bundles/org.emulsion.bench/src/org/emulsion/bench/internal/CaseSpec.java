package org.emulsion.bench.internal;

import org.emulsion.simulator.ArtworkCase;
import org.emulsion.simulator.MultiPrintCase;
import org.emulsion.simulator.PrintLumaCase;
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
 * @param decay         for a luma case (print-luma, {@link PrintLumaCase}): what ate the scan's image; null for a chroma case,
 *                      whose {@code scan} and {@code reference} then say what the simulator renders
 * @param artwork       for an artwork-chroma case ({@link ArtworkCase}): the case the simulator writes (its {@code reference} is
 *                      null: the artwork is no element of the film); null otherwise
 * @param prints        for a multiprint case ({@link MultiPrintCase}): how many damaged prints of the film (2 or 3); 0 otherwise
 */
public record CaseSpec(String name, String description, Truth.Spec truth, ScanParameters scan, ReferenceKind reference,
        int reels, int trainSeconds, int patch, int maxSteps, PrintLumaCase.Decay decay, ArtworkCase.Spec artwork, int prints) {

    public CaseSpec(String name, String description, Truth.Spec truth, ScanParameters scan, ReferenceKind reference, int reels,
            int trainSeconds, int patch, int maxSteps) {
        this(name, description, truth, scan, reference, reels, trainSeconds, patch, maxSteps, null, null, 0);
    }

    /**
     * An artwork-chroma case: a faded scan of some shots of a film and artwork of its other shots, restored with the installed
     * artwork-chroma workflow, trained for {@code trainSeconds} (whole minutes, as the workflow takes them).
     */
    public static CaseSpec artwork(String description, ArtworkCase.Spec spec, int trainSeconds) {
        return new CaseSpec(spec.name(), description, spec.truth(), ArtworkCase.scanParameters(spec), null, 1,
                trainSeconds, 0, 1_000_000, null, spec, 0);
    }

    /**
     * A multiprint case: {@code prints} damaged prints of one film ({@link MultiPrintCase}), restored with the installed
     * multiprint workflow, trained for {@code trainSeconds} (whole minutes, as the workflow takes them).
     */
    public static CaseSpec multiPrint(String name, String description, Truth.Spec truth, int prints, int trainSeconds) {
        return new CaseSpec(name, description, truth, null, ReferenceKind.PRINT, 1, trainSeconds, 0, 1_000_000, null, null, prints);
    }

    /** The simulator's spec of a multiprint case (seeded from the truth's seed). */
    public MultiPrintCase.Spec multiPrintSpec() {
        return new MultiPrintCase.Spec(name, truth, prints, truth.seed() + 10);
    }

    /**
     * A print-luma case: a 35 mm element eaten by {@code decay}, restored with the installed print-luma workflow
     * from a 16 mm print, trained for {@code trainSeconds} (whole minutes, as the workflow takes them).
     */
    public static CaseSpec luma(String name, String description, Truth.Spec truth, PrintLumaCase.Decay decay, int trainSeconds) {
        return new CaseSpec(name, description, truth, PrintLumaCase.scanParameters(lumaSpec(name, truth, decay)), ReferenceKind.PRINT,
                1, trainSeconds, 0, 1_000_000, decay, null, 0);
    }

    /** The simulator's spec of a luma case (seeded from the truth's seed). */
    public PrintLumaCase.Spec lumaSpec() {
        return lumaSpec(name, truth, decay);
    }

    private static PrintLumaCase.Spec lumaSpec(String name, Truth.Spec truth, PrintLumaCase.Decay decay) {
        return new PrintLumaCase.Spec(name, truth, decay, truth.seed() + 10);
    }

    /** The same case with another training budget and step cap. */
    public CaseSpec withTraining(int seconds, int steps) {
        return new CaseSpec(name, description, truth, scan, reference, reels, seconds, patch, steps, decay, artwork, prints);
    }

    /** A case trained for {@code trainSeconds}, however many steps that makes: what the benchmark measures. */
    public CaseSpec(String name, String description, Truth.Spec truth, ScanParameters scan, ReferenceKind reference, int reels,
            int trainSeconds, int patch) {
        this(name, description, truth, scan, reference, reels, trainSeconds, patch, 1_000_000);
    }

    /** The reference elements the simulator renders. */
    public enum ReferenceKind { PRINT, DVD, TELECINE }
}
