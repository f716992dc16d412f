package org.emulsion.core.extensions;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One invocation of a workflow: its resolved options, its output directory and the recipe its
 * contribution declares.
 */
public record WorkflowRun(WorkflowContribution workflow, Map<String, String> options, Path outputDirectory) {

    public WorkflowRun {
        options = Map.copyOf(options);
    }

    public String option(String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("workflow " + workflow.id() + " declares no option " + name);
        }
        return value;
    }

    public boolean hasOption(String name) { return options.containsKey(name); }

    public int intOption(String name) { return Integer.parseInt(option(name)); }

    public double doubleOption(String name) { return Double.parseDouble(option(name)); }

    /** The paths a {@code path} or {@code paths} option names, in order. */
    public List<String> paths(String name) { return WorkflowOption.paths(option(name)); }

    public Compositor compositor() { return workflow.compositor(); }

    public List<ReferenceRecipe> references() { return workflow.references(); }
}
