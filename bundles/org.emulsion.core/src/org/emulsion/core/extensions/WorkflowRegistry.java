package org.emulsion.core.extensions;

/** Registry of the {@code org.emulsion.core.workflows} extension point ({@link Workflow} contributions). */
public final class WorkflowRegistry extends ContributionRegistry<Workflow, WorkflowContribution> {
    public static final String EXTENSION_POINT = "org.emulsion.core.workflows";
    private static final WorkflowRegistry INSTANCE = new WorkflowRegistry();

    private WorkflowRegistry() {
        super(EXTENSION_POINT, "workflow", Workflow.class, WorkflowContribution::new);
    }

    public static WorkflowRegistry get() { return INSTANCE; }
}
