package org.emulsion.ui.internal.projects;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.jface.window.Window;
import org.eclipse.ui.handlers.HandlerUtil;
import org.emulsion.core.project.FilmElement;
import org.emulsion.core.project.FilmProject;

/** Add Element...: one more element for the selected project. */
public final class AddElementHandler extends AbstractHandler {
    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        FilmProject project = ProjectCommands.selectedProject(event);
        ElementDialog dialog = new ElementDialog(HandlerUtil.getActiveShellChecked(event));
        if (project != null && dialog.open() == Window.OK) {
            FilmElement element = dialog.element();
            project.addElement(element);
            ProjectCommands.saveOrUndo(event, project, () -> project.removeElement(element));
        }
        return null;
    }
}
