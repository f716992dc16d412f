package org.emulsion.engine.extensions;

import org.emulsion.core.extensions.ContributionRegistry;

/** Registry of the {@code org.emulsion.engine.modelArchitectures} extension point ({@link ModelArchitecture} contributions). */
public final class ModelArchitectureRegistry extends ContributionRegistry<ModelArchitecture, ArchitectureContribution> {
    public static final String EXTENSION_POINT = "org.emulsion.engine.modelArchitectures";
    private static final ModelArchitectureRegistry INSTANCE = new ModelArchitectureRegistry();

    private ModelArchitectureRegistry() {
        super(EXTENSION_POINT, "architecture", ModelArchitecture.class, ArchitectureContribution::new);
    }

    public static ModelArchitectureRegistry get() { return INSTANCE; }
}
