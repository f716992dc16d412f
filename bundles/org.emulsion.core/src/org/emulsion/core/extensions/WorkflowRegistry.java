package org.emulsion.core.extensions;

import java.util.Arrays;
import java.util.Optional;

import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExtensionRegistry;
import org.eclipse.core.runtime.RegistryFactory;

/**
 * Registry of the {@code org.emulsion.core.workflows} extension point ({@link Workflow} contributions).
 * Besides the checks every registry makes, a recipe is rejected when the parts it names are not
 * installed or do not fit: its architecture must restore the recipe's target (both declare it), so
 * a luma network never ends up in a chroma workflow. The check reads declarations only, so it
 * loads no network code.
 */
public final class WorkflowRegistry extends ContributionRegistry<Workflow, WorkflowContribution> {
    public static final String EXTENSION_POINT = "org.emulsion.core.workflows";
    /** Where architectures are declared (the engine's extension point; read as declarations only). */
    static final String ARCHITECTURES = "org.emulsion.engine.modelArchitectures";
    /** Where restoration targets are declared (the pipeline's extension point). */
    static final String TARGETS = "org.emulsion.pipeline.restorationTargets";
    private static final WorkflowRegistry INSTANCE = new WorkflowRegistry();

    private WorkflowRegistry() {
        super(EXTENSION_POINT, "workflow", Workflow.class, WorkflowContribution::new);
    }

    public static WorkflowRegistry get() { return INSTANCE; }

    @Override
    protected String validate(IConfigurationElement workflow) {
        String target = workflow.getAttribute("target");
        if (target == null || target.isBlank()) {
            return "declares no target (what it restores, e.g. chroma or luma)";
        }
        if (declared(TARGETS, "target", target).isEmpty()) {
            return "restores target '" + target + "', which no installed bundle declares (extension point " + TARGETS + ")";
        }
        String architecture = workflow.getAttribute("architecture");
        Optional<IConfigurationElement> net = declared(ARCHITECTURES, "architecture", architecture);
        if (net.isEmpty()) {
            return "names architecture '" + architecture + "', which is not installed";
        }
        String restores = net.get().getAttribute("target");
        if (!target.equals(restores)) {
            return "restores " + target + " but its architecture '" + architecture + "' (" + net.get().getContributor().getName()
                    + ") restores " + restores + "; name an architecture declared with target=\"" + target + "\"";
        }
        String compositor = workflow.getAttribute("compositor");
        if (declared(CompositorRegistry.EXTENSION_POINT, "compositor", compositor).isEmpty()) {
            return "names compositor '" + compositor + "', which is not installed";
        }
        for (IConfigurationElement reference : workflow.getChildren("reference")) {
            String problem = missing(reference, "referenceSource", ReferenceSourceRegistry.EXTENSION_POINT);
            problem = problem != null ? problem : missing(reference, "temporalAligner", TemporalAlignerRegistry.EXTENSION_POINT);
            problem = problem != null ? problem : missing(reference, "aligner", AlignerRegistry.EXTENSION_POINT);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    /** Why a reference's part is missing, or null when it is installed or not named (all are optional but the aligner). */
    private static String missing(IConfigurationElement reference, String attribute, String point) {
        String id = reference.getAttribute(attribute);
        if (id == null || id.isBlank()) {
            return attribute.equals("aligner") ? "has a reference without an aligner" : null;
        }
        return declared(point, attribute, id).isEmpty() ? "names " + attribute + " '" + id + "', which is not installed" : null;
    }

    private static Optional<IConfigurationElement> declared(String point, String element, String id) {
        IExtensionRegistry registry = RegistryFactory.getRegistry();
        if (registry == null || id == null) {
            return Optional.empty();
        }
        return Arrays.stream(registry.getConfigurationElementsFor(point))
                .filter(e -> element.equals(e.getName()) && id.equals(e.getAttribute("id"))).findFirst();
    }
}
