package org.emulsion.ui.internal.viewer;

import java.nio.file.Path;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;
import org.emulsion.ui.internal.Labels;

/** "Open Run Folder...": asks for a restore's output folder and opens the viewer on it. */
public final class OpenRunFolderHandler extends AbstractHandler {
    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        Path folder = askFolder(HandlerUtil.getActiveShellChecked(event), Labels.get("viewer.open.message"));
        if (folder != null) {
            try {
                ViewerView.open(folder);
            } catch (PartInitException e) {
                throw new ExecutionException(e.getMessage(), e);
            }
        }
        return null;
    }

    /** A folder chosen in the system's folder dialog, or null when cancelled (also used by "Watch Training..."). */
    public static Path askFolder(Shell shell, String message) {
        DirectoryDialog dialog = new DirectoryDialog(shell);
        dialog.setText(Labels.get("viewer.open.title"));
        dialog.setMessage(message);
        String chosen = dialog.open();
        return chosen == null ? null : Path.of(chosen);
    }
}
