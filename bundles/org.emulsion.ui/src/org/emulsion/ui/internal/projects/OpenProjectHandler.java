package org.emulsion.ui.internal.projects;

import java.nio.file.Path;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.ui.handlers.HandlerUtil;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.EmulsionPreferences;
import org.emulsion.core.project.FilmProject;
import org.emulsion.ui.internal.Labels;

/** Open Film Project...: a folder holding {@value FilmProject#FILE_NAME} joins the explorer. */
public final class OpenProjectHandler extends AbstractHandler {
    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        DirectoryDialog dialog = new DirectoryDialog(HandlerUtil.getActiveShellChecked(event));
        dialog.setText(Labels.get("openProject.title"));
        dialog.setMessage(Labels.get("openProject.message"));
        dialog.setFilterPath(EmulsionPreferences.workFolder().toString());
        String folder = dialog.open();
        if (folder != null) {
            try {
                ProjectCommands.reveal(event, OpenProjects.get().add(FilmProject.open(Path.of(folder))));
            } catch (EmulsionException e) {
                ProjectCommands.showError(event, e);
            }
        }
        return null;
    }
}
