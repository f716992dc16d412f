package org.emulsion.core.extensions;

import java.util.List;

/** The registries, in data-flow order, for front ends that list everything installed. */
public final class Registries {
    private Registries() {
    }

    public static List<ContributionRegistry<?, ?>> all() {
        return List.of(ReferenceSourceRegistry.get(), TemporalAlignerRegistry.get(), AlignerRegistry.get(), ModelArchitectureRegistry.get(),
                CompositorRegistry.get(), WorkflowRegistry.get());
    }
}
