package org.emulsion.core.extensions;

import java.util.List;

/**
 * Core's registries in data-flow order. Front ends that list everything installed use the
 * pipeline's {@code Installed.registries()}, which places the engine's and the pipeline's
 * extension points among these.
 */
public final class Registries {
    private Registries() {
    }

    public static List<ContributionRegistry<?, ?>> core() {
        return List.of(ReferenceSourceRegistry.get(), TemporalAlignerRegistry.get(), AlignerRegistry.get(), CompositorRegistry.get(),
                WorkflowRegistry.get());
    }
}
