package org.emulsion.core.extensions;

import java.nio.file.Path;
import java.util.Map;

/**
 * One invocation of a workflow: its resolved options, its output directory and the components
 * its recipe names, looked up in the registries.
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

    public int intOption(String name) { return Integer.parseInt(option(name)); }

    public double doubleOption(String name) { return Double.parseDouble(option(name)); }

    public ReferenceSource referenceSource() {
        return ReferenceSourceRegistry.get().get(workflow.referenceSourceId()).instance();
    }

    public Aligner aligner() { return AlignerRegistry.get().get(workflow.alignerId()).instance(); }

    public ArchitectureContribution architecture() {
        return ModelArchitectureRegistry.get().get(workflow.architectureId());
    }

    public Compositor compositor() { return CompositorRegistry.get().get(workflow.compositorId()).instance(); }

    /**
     * The temporal aligner the recipe names.
     *
     * @throws IllegalStateException when the workflow declares none
     */
    public TemporalAligner temporalAligner() {
        if (workflow.temporalAlignerId().isEmpty()) {
            throw new IllegalStateException("workflow " + workflow.id() + " declares no temporalAligner");
        }
        return TemporalAlignerRegistry.get().get(workflow.temporalAlignerId()).instance();
    }
}
