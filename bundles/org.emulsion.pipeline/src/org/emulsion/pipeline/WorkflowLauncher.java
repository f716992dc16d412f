package org.emulsion.pipeline;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.core.runtime.IProgressMonitor;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.extensions.WorkflowContribution;
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
        JsonObject launch = new JsonObject();
        launch.addProperty("workflow", workflow.id());
        new TreeMap<>(resolved).forEach(launch::addProperty);
        Path out = OutputDirectory.prepare(output, launch);
        return workflow.instance().run(new WorkflowRun(workflow, resolved, out), monitor);
    }
}
