package org.emulsion.ui.internal.projects;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.ui.handlers.HandlerUtil;
import org.emulsion.core.project.FilmProject;

/** Close Project: removes the selected projects from the explorer; their folders stay as they are. */
public final class CloseProjectHandler extends AbstractHandler {
    @Override
    public Object execute(ExecutionEvent event) {
        for (Object node : HandlerUtil.getCurrentStructuredSelection(event).toList()) {
            if (node instanceof FilmProject project) {
                OpenProjects.get().close(project);
            }
        }
        return null;
    }
}
