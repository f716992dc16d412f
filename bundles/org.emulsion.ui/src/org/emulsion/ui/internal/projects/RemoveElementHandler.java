package org.emulsion.ui.internal.projects;

import java.util.List;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.ui.handlers.HandlerUtil;
import org.emulsion.core.project.FilmProject;

/** Remove Element: takes the selected elements out of their project (the material itself stays where it is). */
public final class RemoveElementHandler extends AbstractHandler {
    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        List<?> selected = HandlerUtil.getCurrentStructuredSelection(event).toList();
        for (Object node : selected) {
            if (node instanceof ElementNode e) {
                FilmProject project = e.project();
                project.removeElement(e.element());
                ProjectCommands.saveOrUndo(event, project, () -> project.addElement(e.element()));
            }
        }
        return null;
    }
}
