package org.emulsion.core.extensions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IConfigurationElement;
import org.emulsion.core.EmulsionException;

/**
 * A workflow recipe: which reference source, aligner, architecture and compositor it ties
 * together, and the options it accepts.
 */
public final class WorkflowContribution extends Contribution<Workflow> {

    WorkflowContribution(IConfigurationElement element, Class<Workflow> type) {
        super(element, type);
    }

    public String referenceSourceId() { return attribute("referenceSource", ""); }

    public String alignerId() { return attribute("aligner", ""); }

    public String architectureId() { return attribute("architecture", ""); }

    public String compositorId() { return attribute("compositor", ""); }

    /** The temporal aligner the recipe names, or empty when the workflow knows the frame correspondence itself. */
    public String temporalAlignerId() { return attribute("temporalAligner", ""); }

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
     * Checks {@code given} against the declared options and fills in defaults.
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
