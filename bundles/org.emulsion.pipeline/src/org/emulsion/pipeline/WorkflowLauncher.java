package org.emulsion.pipeline;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.core.runtime.IProgressMonitor;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.extensions.StagedWorkflow;
import org.emulsion.core.extensions.WorkflowContribution;
import org.emulsion.core.extensions.WorkflowRegistry;
import org.emulsion.core.extensions.WorkflowResult;
import org.emulsion.core.extensions.WorkflowRun;
import org.emulsion.engine.Djl;

import com.google.gson.JsonObject;

/**
 * Starts a workflow the same way for every front end (command line, workbench wizard): device
 * preference met, options checked against the workflow's declaration, output folder new or empty
 * and writable, or holding an earlier run of the same workflow with the same options (which the
 * workflow then resumes).
 */
public final class WorkflowLauncher {
    private WorkflowLauncher() {
    }

    public static WorkflowResult launch(WorkflowContribution workflow, Map<String, String> options, Path output,
            IProgressMonitor monitor) throws EmulsionException {
        Djl.checkDevice(); // before any work: a GPU asked for in the preferences but missing fails here, named
        Map<String, String> resolved = workflow.resolveOptions(options);
        Path out = OutputDirectory.prepare(output, record(workflow, resolved));
        return workflow.instance().run(new WorkflowRun(workflow, resolved, out), monitor);
    }

    /**
     * Runs a staged workflow's preparatory stage ({@link StagedWorkflow#prepare}) into
     * {@code output}, for the restorer to review; {@link #launch} into the same folder then
     * resumes from it, with the same inputs and any training settings.
     *
     * @throws EmulsionException when the workflow has no preparatory stage, or as {@link #launch}
     */
    public static WorkflowResult prepare(WorkflowContribution workflow, Map<String, String> options, Path output,
            IProgressMonitor monitor) throws EmulsionException {
        if (!(workflow.instance() instanceof StagedWorkflow staged)) {
            throw new EmulsionException("Workflow " + workflow.id() + " has no preparatory stage to review; run it directly");
        }
        Djl.checkDevice(); // the run that follows needs it: say so before the restorer reviews anything
        Map<String, String> resolved = workflow.resolveOptions(options);
        Path out = OutputDirectory.stage(output, record(workflow, resolved));
        return staged.prepare(new WorkflowRun(workflow, resolved, out), monitor);
    }

    /**
     * Opens the job of the prepared folder {@code output} as it was prepared (its workflow and
     * options, recorded by {@link #prepare}) and hands it to {@code stage}: how a unit of work
     * ({@link RunUnits}) runs on any machine that sees the folder, with nothing but its path.
     *
     * @throws EmulsionException naming the folder when it was not prepared by a restoration workflow
     */
    public static WorkflowResult onPrepared(Path output, RestorationWorkflow.Stage stage, IProgressMonitor monitor)
            throws EmulsionException {
        return withPrepared(output, stage, true, monitor);
    }

    /**
     * Opens the job of the prepared folder {@code output} as {@link #onPrepared} does, for a stage that
     * only reads the preparation (the review before training): nothing is recorded, so the run that
     * follows may still change its training settings.
     */
    static WorkflowResult reviewPrepared(Path output, RestorationWorkflow.Stage stage, IProgressMonitor monitor)
            throws EmulsionException {
        return withPrepared(output, stage, false, monitor);
    }

    private static WorkflowResult withPrepared(Path output, RestorationWorkflow.Stage stage, boolean run, IProgressMonitor monitor)
            throws EmulsionException {
        JsonObject launch = OutputDirectory.prepared(output);
        String id = launch.get("workflow").getAsString();
        WorkflowContribution workflow = WorkflowRegistry.get().find(id).orElseThrow(() -> new EmulsionException(output
                + " was prepared with workflow " + id + ", which is not installed here; install its feature on this machine"));
        if (!(workflow.instance() instanceof RestorationWorkflow restoration)) {
            throw new EmulsionException("Workflow " + id + " of " + output + " has no units of work; run it with ./emulsion restore");
        }
        Map<String, String> options = new TreeMap<>();
        launch.entrySet().stream().filter(e -> !e.getKey().equals("workflow")).forEach(e -> options.put(e.getKey(), e.getValue().getAsString()));
        Map<String, String> resolved = workflow.resolveOptions(options);
        Path out = output.toAbsolutePath().normalize();
        if (run) {
            Djl.checkDevice();
            out = OutputDirectory.prepare(output, record(workflow, resolved));
        }
        return restoration.withJob(new WorkflowRun(workflow, resolved, out), monitor, stage);
    }

    /** Whether {@code workflow} offers a preparatory stage to review before it runs. */
    public static boolean canPrepare(WorkflowContribution workflow) {
        return workflow.instance() instanceof StagedWorkflow;
    }

    /**
     * Whether {@code workflow}'s preparation writes damage maps for the restorer to review: a staged
     * recipe whose restoration target repairs damage ({@link RestorationTarget#needsDamage()}).
     */
    public static boolean findsDamage(WorkflowContribution workflow) {
        return canPrepare(workflow) && RestorationTargetRegistry.get().find(workflow.target())
                .map(t -> t.instance().needsDamage()).orElse(false);
    }

    /**
     * Whether {@code workflow}'s preparation can plan which element each pixel of its composite comes
     * from ({@link RestorationTarget#plansSources}), for the restorer to review before training.
     */
    public static boolean plansSources(WorkflowContribution workflow) {
        return canPrepare(workflow) && RestorationTargetRegistry.get().find(workflow.target())
                .map(t -> t.instance().plansSources()).orElse(false);
    }

    private static JsonObject record(WorkflowContribution workflow, Map<String, String> resolved) {
        JsonObject launch = new JsonObject();
        launch.addProperty("workflow", workflow.id());
        new TreeMap<>(resolved).forEach(launch::addProperty);
        return launch;
    }
}
