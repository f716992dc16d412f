package org.emulsion.core.extensions;

/** Registry of the {@code org.emulsion.core.referenceSources} extension point ({@link ReferenceSource} contributions). */
public final class ReferenceSourceRegistry extends ContributionRegistry<ReferenceSource, Contribution<ReferenceSource>> {
    public static final String EXTENSION_POINT = "org.emulsion.core.referenceSources";
    private static final ReferenceSourceRegistry INSTANCE = new ReferenceSourceRegistry();

    private ReferenceSourceRegistry() {
        super(EXTENSION_POINT, "referenceSource", ReferenceSource.class, Contribution::new);
    }

    public static ReferenceSourceRegistry get() { return INSTANCE; }
}
