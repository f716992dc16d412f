package org.emulsion.core.extensions;

/** Registry of the {@code org.emulsion.core.compositors} extension point ({@link Compositor} contributions). */
public final class CompositorRegistry extends ContributionRegistry<Compositor, Contribution<Compositor>> {
    public static final String EXTENSION_POINT = "org.emulsion.core.compositors";
    private static final CompositorRegistry INSTANCE = new CompositorRegistry();

    private CompositorRegistry() {
        super(EXTENSION_POINT, "compositor", Compositor.class, Contribution::new);
    }

    public static CompositorRegistry get() { return INSTANCE; }
}
