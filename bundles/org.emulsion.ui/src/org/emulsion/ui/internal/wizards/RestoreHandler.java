package org.emulsion.ui.internal.wizards;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.ui.handlers.HandlerUtil;
import org.emulsion.core.extensions.WorkflowContribution;
import org.emulsion.core.extensions.WorkflowRegistry;

/** Opens the restore wizard of the workflow named by the command's {@value #WORKFLOW} parameter. */
public final class RestoreHandler extends AbstractHandler {
    public static final String COMMAND = "org.emulsion.ui.restore";
    public static final String WORKFLOW = "org.emulsion.ui.restore.workflow";

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        String id = event.getParameter(WORKFLOW);
        WorkflowContribution workflow = WorkflowRegistry.get().find(id)
                .orElseThrow(() -> new ExecutionException("no workflow '" + id + "' is installed"));
        WizardDialog dialog = new WizardDialog(HandlerUtil.getActiveShellChecked(event), new RestoreWizard(workflow));
        dialog.setPageSize(720, 460);
        dialog.open();
        return null;
    }
}
