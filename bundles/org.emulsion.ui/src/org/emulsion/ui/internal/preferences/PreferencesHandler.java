package org.emulsion.ui.internal.preferences;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.eclipse.ui.handlers.HandlerUtil;

/** Preferences...: the preference dialog, opened on Emulsion's page. */
public final class PreferencesHandler extends AbstractHandler {
    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        PreferencesUtil.createPreferenceDialogOn(HandlerUtil.getActiveShellChecked(event), EmulsionPreferencePage.ID, null, null)
                .open();
        return null;
    }
}
