package org.emulsion.core.extensions;

/** Registry of the {@code org.emulsion.core.aligners} extension point ({@link Aligner} contributions). */
public final class AlignerRegistry extends ContributionRegistry<Aligner, Contribution<Aligner>> {
    public static final String EXTENSION_POINT = "org.emulsion.core.aligners";
    private static final AlignerRegistry INSTANCE = new AlignerRegistry();

    private AlignerRegistry() {
        super(EXTENSION_POINT, "aligner", Aligner.class, Contribution::new);
    }

    public static AlignerRegistry get() { return INSTANCE; }
}
