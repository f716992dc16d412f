package org.emulsion.core.extensions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IConfigurationElement;
import org.emulsion.core.EmulsionException;

/**
 * A workflow recipe: what it restores ({@link #target()}: the id of a restoration target, which
 * the architecture must declare too), the references it reads and how each is opened, matched in
 * time and registered, the architecture and compositor, and the options it accepts.
 */
public final class WorkflowContribution extends Contribution<Workflow> {

    WorkflowContribution(IConfigurationElement element, Class<Workflow> type) {
        super(element, type);
    }

    /** The restoration target's id ({@code chroma}, {@code luma}, or a plugin's own). */
    public String target() { return attribute("target", ""); }

    public String architectureId() { return attribute("architecture", ""); }

    public String compositorId() { return attribute("compositor", ""); }

    public Compositor compositor() { return CompositorRegistry.get().get(compositorId()).instance(); }

    /** The references the recipe reads, in declaration order (the first is the primary one). */
    public List<ReferenceRecipe> references() {
        List<ReferenceRecipe> references = new ArrayList<>();
        for (IConfigurationElement r : element().getChildren("reference")) {
            references.add(new ReferenceRecipe(attribute(r, "option", ""), attribute(r, "referenceSource", ""),
                    attribute(r, "temporalAligner", ""), attribute(r, "aligner", ""), attribute(r, "role", "reference"),
                    attribute(r, "kinds", "a folder of frames or a video file")));
        }
        return references;
    }

    public List<WorkflowOption> options() {
        List<WorkflowOption> options = new ArrayList<>();
        for (IConfigurationElement option : element().getChildren("option")) {
            String choices = attribute(option, "choices", "").strip();
            String minimum = option.getAttribute("minimum");
            options.add(new WorkflowOption(option.getAttribute("name"),
                    attribute(option, "type", "string"), option.getAttribute("default"),
                    attribute(option, "description", ""), choices.isEmpty() ? List.of() : List.of(choices.split("\\s*,\\s*")),
                    minimum == null ? null : Double.valueOf(minimum)));
        }
        return options;
    }

    /**
     * Checks {@code given} against the declared options and fills in defaults. A {@code paths}
     * option's value lists its paths separated by {@link WorkflowOption#PATH_SEPARATOR}.
     *
     * @throws EmulsionException naming the first unknown, missing or malformed option
     */
    public Map<String, String> resolveOptions(Map<String, String> given) throws EmulsionException {
        Map<String, String> resolved = new LinkedHashMap<>();
        List<WorkflowOption> declared = options();
        for (String name : given.keySet()) {
            if (declared.stream().noneMatch(o -> o.name().equals(name))) {
                throw new EmulsionException("Workflow " + id() + " has no option --" + name + "; it accepts: "
                        + declared.stream().map(o -> "--" + o.name()).toList());
            }
        }
        for (WorkflowOption option : declared) {
            String value = given.getOrDefault(option.name(), option.defaultValue());
            if (value == null) {
                throw new EmulsionException("Workflow " + id() + " needs --" + option.name() + " (" + option.description() + ")");
            }
            String problem = option.validate(value);
            if (problem != null) {
                throw new EmulsionException(problem);
            }
            resolved.put(option.name(), value);
        }
        return resolved;
    }

    private static String attribute(IConfigurationElement element, String name, String fallback) {
        String value = element.getAttribute(name);
        return value == null ? fallback : value;
    }
}
