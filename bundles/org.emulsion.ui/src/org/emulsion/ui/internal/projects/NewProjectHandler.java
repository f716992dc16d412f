package org.emulsion.ui.internal.projects;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.jface.window.Window;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.ui.handlers.HandlerUtil;

/** New Film Project...: runs the wizard and shows the new project in the explorer. */
public final class NewProjectHandler extends AbstractHandler {
    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        NewFilmProjectWizard wizard = new NewFilmProjectWizard();
        if (new WizardDialog(HandlerUtil.getActiveShellChecked(event), wizard).open() == Window.OK) {
            ProjectCommands.reveal(event, wizard.created());
        }
        return null;
    }
}
