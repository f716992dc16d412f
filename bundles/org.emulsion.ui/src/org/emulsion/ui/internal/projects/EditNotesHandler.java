package org.emulsion.ui.internal.projects;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.jface.window.Window;
import org.eclipse.ui.handlers.HandlerUtil;
import org.emulsion.core.project.FilmElement;
import org.emulsion.core.project.FilmProject;
import org.emulsion.ui.internal.Labels;

/** Edit Notes...: the notes of the selected project or element. */
public final class EditNotesHandler extends AbstractHandler {
    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        Object selected = HandlerUtil.getCurrentStructuredSelection(event).getFirstElement();
        if (selected instanceof FilmProject project) {
            String before = project.notes();
            String notes = ask(event, project.title(), before);
            if (notes != null) {
                project.setNotes(notes);
                ProjectCommands.saveOrUndo(event, project, () -> project.setNotes(before));
            }
        } else if (selected instanceof ElementNode node) {
            FilmElement before = node.element();
            String notes = ask(event, before.name(), before.notes());
            if (notes != null) {
                FilmElement after = before.withNotes(notes);
                node.project().replaceElement(before, after);
                ProjectCommands.saveOrUndo(event, node.project(), () -> node.project().replaceElement(after, before));
            }
        }
        return null;
    }

    private static String ask(ExecutionEvent event, String name, String notes) throws ExecutionException {
        NotesDialog dialog = new NotesDialog(HandlerUtil.getActiveShellChecked(event), Labels.get("notes.title"),
                Labels.get("notes.message", name), notes);
        return dialog.open() == Window.OK ? dialog.getValue() : null;
    }
}
