package org.emulsion.core.extensions;

import java.util.Optional;

/** Registry of the {@code org.emulsion.core.aligners} extension point ({@link Aligner} contributions). */
public final class AlignerRegistry extends ContributionRegistry<Aligner, Contribution<Aligner>> {
    public static final String EXTENSION_POINT = "org.emulsion.core.aligners";
    private static final AlignerRegistry INSTANCE = new AlignerRegistry();

    private AlignerRegistry() {
        super(EXTENSION_POINT, "aligner", Aligner.class, Contribution::new);
    }

    public static AlignerRegistry get() { return INSTANCE; }

    /** The installed aligner implemented by {@code className} (what a run records), if any. */
    public Optional<Aligner> ofClass(String className) {
        return all().stream().filter(c -> c.className().equals(className)).findFirst().map(Contribution::instance);
    }
}
