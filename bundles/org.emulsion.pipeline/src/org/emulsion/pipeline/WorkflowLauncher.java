package org.emulsion.pipeline;

import java.nio.file.Path;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.extensions.WorkflowContribution;
import org.emulsion.core.extensions.WorkflowResult;
import org.emulsion.core.extensions.WorkflowRun;

/**
 * Starts a workflow the same way for every front end (command line, workbench wizard): options
 * checked against the workflow's declaration, output folder new or empty and writable.
 */
public final class WorkflowLauncher {
    private WorkflowLauncher() {
    }

    public static WorkflowResult launch(WorkflowContribution workflow, Map<String, String> options, Path output,
            IProgressMonitor monitor) throws EmulsionException {
        Map<String, String> resolved = workflow.resolveOptions(options);
        Path out = OutputDirectory.prepare(output);
        return workflow.instance().run(new WorkflowRun(workflow, resolved, out), monitor);
    }
}
