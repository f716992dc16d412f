package org.emulsion.pipeline;

import java.util.List;

import org.emulsion.core.extensions.AlignerRegistry;
import org.emulsion.core.extensions.CompositorRegistry;
import org.emulsion.core.extensions.ContributionRegistry;
import org.emulsion.core.extensions.ReferenceSourceRegistry;
import org.emulsion.core.extensions.TemporalAlignerRegistry;
import org.emulsion.core.extensions.WorkflowRegistry;
import org.emulsion.engine.extensions.ModelArchitectureRegistry;

/** Every registry of Emulsion's extension points in data-flow order, for front ends that list what is installed. */
public final class Installed {
    private Installed() {
    }

    public static List<ContributionRegistry<?, ?>> registries() {
        return List.of(ReferenceSourceRegistry.get(), TemporalAlignerRegistry.get(), AlignerRegistry.get(),
                ModelArchitectureRegistry.get(), RestorationTargetRegistry.get(), CompositorRegistry.get(), WorkflowRegistry.get());
    }
}
