package org.emulsion.ui.internal.projects;

import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.project.FilmProject;
import org.emulsion.ui.internal.Labels;

/** What the project commands share: the project a selection belongs to, saving, showing the result. */
final class ProjectCommands {
    private ProjectCommands() {
    }

    /** The project of the first selected node (a project, or an element or run of one), or null. */
    static FilmProject selectedProject(ExecutionEvent event) {
        return switch (HandlerUtil.getCurrentStructuredSelection(event).getFirstElement()) {
            case FilmProject p -> p;
            case ElementNode e -> e.project();
            case RunNode r -> r.project();
            case null, default -> null;
        };
    }

    /** Saves {@code project} after an edit; when that fails the edit is undone and the reason shown. */
    static void saveOrUndo(ExecutionEvent event, FilmProject project, Runnable undo) throws ExecutionException {
        try {
            OpenProjects.get().save(project);
        } catch (EmulsionException e) {
            undo.run();
            showError(event, e);
        }
    }

    static void showError(ExecutionEvent event, EmulsionException e) throws ExecutionException {
        MessageDialog.openError(HandlerUtil.getActiveShellChecked(event), Labels.get("projects.error.title"), e.getMessage());
    }

    /** Brings the explorer forward with {@code project} selected. */
    static void reveal(ExecutionEvent event, FilmProject project) throws ExecutionException {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindowChecked(event);
        try {
            ((ProjectExplorerView) window.getActivePage().showView(ProjectExplorerView.ID)).reveal(project);
        } catch (PartInitException e) {
            throw new ExecutionException("The film projects view could not be opened", e);
        }
    }
}
