package org.emulsion.pipeline;

import java.util.Locale;

import org.emulsion.core.extensions.SpatialAlignment;

/** The one rule for when a registration may serve as evidence (a training pair, a held-out frame, a guide). */
public final class Alignments {
    /** Alignments below this confidence are not trusted as evidence. */
    public static final double MIN_CONFIDENCE = 0.5;

    private Alignments() {
    }

    /** Whether {@code alignment} exists, was not refused and is confident enough. */
    public static boolean usable(SpatialAlignment alignment) {
        return whyNot(alignment) == null;
    }

    /** Why {@code alignment} may not serve as evidence, or null when it may. */
    public static String whyNot(SpatialAlignment alignment) {
        if (alignment == null) {
            return "no reference frame";
        }
        if (alignment.isRejected()) {
            return "the aligner refused it: " + alignment.rejection();
        }
        if (alignment.confidence() < MIN_CONFIDENCE) {
            return String.format(Locale.ROOT, "alignment confidence %.2f is below %.2f", alignment.confidence(), MIN_CONFIDENCE);
        }
        return null;
    }
}
