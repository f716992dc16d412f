package org.emulsion.core.extensions;

/** Registry of the {@code org.emulsion.core.referenceSources} extension point ({@link ReferenceSource} contributions). */
public final class ReferenceSourceRegistry extends ContributionRegistry<ReferenceSource, Contribution<ReferenceSource>> {
    public static final String EXTENSION_POINT = "org.emulsion.core.referenceSources";
    private static final ReferenceSourceRegistry INSTANCE = new ReferenceSourceRegistry();

    private ReferenceSourceRegistry() {
        super(EXTENSION_POINT, "referenceSource", ReferenceSource.class, Contribution::new);
    }

    public static ReferenceSourceRegistry get() { return INSTANCE; }

    /**
     * Whether source {@code id} declares that its material's colour drifts from frame to frame
     * ({@code colourDrifts}: an analogue transfer); false for a source that does not, or is not installed.
     */
    public boolean colourDrifts(String id) {
        return find(id).map(c -> Boolean.parseBoolean(c.attribute("colourDrifts", "false"))).orElse(false);
    }
}
