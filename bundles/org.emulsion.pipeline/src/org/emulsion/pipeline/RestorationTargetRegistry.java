package org.emulsion.pipeline;

import org.emulsion.core.extensions.ContributionRegistry;

/** Registry of the {@code org.emulsion.pipeline.restorationTargets} extension point ({@link RestorationTarget} contributions). */
public final class RestorationTargetRegistry extends ContributionRegistry<RestorationTarget, TargetContribution> {
    public static final String EXTENSION_POINT = "org.emulsion.pipeline.restorationTargets";
    private static final RestorationTargetRegistry INSTANCE = new RestorationTargetRegistry();

    private RestorationTargetRegistry() {
        super(EXTENSION_POINT, "target", RestorationTarget.class, TargetContribution::new);
    }

    public static RestorationTargetRegistry get() { return INSTANCE; }
}
