package org.emulsion.ui.internal.projects;

import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;

/** Edits the notes of a project or an element: several lines of free text. */
final class NotesDialog extends InputDialog {
    NotesDialog(Shell parent, String title, String message, String notes) {
        super(parent, title, message, notes, null);
    }

    @Override
    protected int getInputTextStyle() {
        return SWT.MULTI | SWT.BORDER | SWT.WRAP | SWT.V_SCROLL;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Control area = super.createDialogArea(parent);
        ((GridData) getText().getLayoutData()).heightHint = 120;
        return area;
    }

    @Override
    protected boolean isResizable() {
        return true;
    }
}
