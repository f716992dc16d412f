package org.emulsion.core.extensions;

/** Registry of the {@code org.emulsion.core.temporalAligners} extension point ({@link TemporalAligner} contributions). */
public final class TemporalAlignerRegistry extends ContributionRegistry<TemporalAligner, Contribution<TemporalAligner>> {
    public static final String EXTENSION_POINT = "org.emulsion.core.temporalAligners";
    private static final TemporalAlignerRegistry INSTANCE = new TemporalAlignerRegistry();

    private TemporalAlignerRegistry() {
        super(EXTENSION_POINT, "temporalAligner", TemporalAligner.class, Contribution::new);
    }

    public static TemporalAlignerRegistry get() { return INSTANCE; }
}
