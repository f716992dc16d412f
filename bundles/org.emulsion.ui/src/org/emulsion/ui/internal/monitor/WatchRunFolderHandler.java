package org.emulsion.ui.internal.monitor;

import java.nio.file.Path;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;
import org.emulsion.ui.internal.Labels;
import org.emulsion.ui.internal.viewer.OpenRunFolderHandler;

/** "Watch Training...": asks for a run folder (e.g. of a restore running on the command line) and monitors it. */
public final class WatchRunFolderHandler extends AbstractHandler {
    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        Path folder = OpenRunFolderHandler.askFolder(HandlerUtil.getActiveShellChecked(event), Labels.get("monitor.open.message"));
        if (folder != null) {
            try {
                TrainingMonitorView.watch(folder, null);
            } catch (PartInitException e) {
                throw new ExecutionException(e.getMessage(), e);
            }
        }
        return null;
    }
}
