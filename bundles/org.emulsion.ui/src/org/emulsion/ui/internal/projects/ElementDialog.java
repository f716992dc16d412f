package org.emulsion.ui.internal.projects;

import java.nio.file.Path;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ComboViewer;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.emulsion.core.project.ElementKind;
import org.emulsion.core.project.FilmElement;
import org.emulsion.ui.internal.Labels;

/**
 * Asks for one film element: its name, kind, where the material is (a frame folder or VIDEO_TS
 * folder, a video file or an artwork image) and notes. Used by the New Film Project wizard and by
 * "Add Element..." on an open project.
 */
public final class ElementDialog extends TitleAreaDialog {
    private Text name;
    private ComboViewer kind;
    private Text path;
    private Text notes;
    private FilmElement element;

    public ElementDialog(Shell parent) {
        super(parent);
    }

    /** The element entered, once the dialog closed with OK; else null. */
    public FilmElement element() {
        return element;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(Labels.get("element.dialog.title"));
    }

    @Override
    protected boolean isResizable() {
        return true;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle(Labels.get("element.dialog.title"));
        setMessage(Labels.get("element.dialog.message"));
        Composite fields = new Composite(area, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(fields);
        GridLayoutFactory.swtDefaults().numColumns(4).applyTo(fields);

        label(fields, "element.name");
        name = new Text(fields, SWT.BORDER);
        GridDataFactory.fillDefaults().grab(true, false).span(3, 1).applyTo(name);

        label(fields, "element.kind");
        kind = new ComboViewer(fields, SWT.READ_ONLY | SWT.DROP_DOWN);
        kind.setContentProvider(ArrayContentProvider.getInstance());
        kind.setLabelProvider(LabelProvider.createTextProvider(k -> ((ElementKind) k).label()));
        kind.setInput(ElementKind.values());
        kind.setSelection(new StructuredSelection(ElementKind.PRINT));
        GridDataFactory.fillDefaults().span(3, 1).applyTo(kind.getControl());

        label(fields, "element.path");
        path = new Text(fields, SWT.BORDER);
        GridDataFactory.fillDefaults().grab(true, false).hint(360, SWT.DEFAULT).applyTo(path);
        Button folder = button(fields, "element.browseFolder");
        folder.addListener(SWT.Selection, e -> browse(new DirectoryDialog(getShell()).open()));
        Button file = button(fields, "element.browseFile");
        file.addListener(SWT.Selection, e -> browse(new FileDialog(getShell(), SWT.OPEN).open()));

        Label notesLabel = label(fields, "element.notes");
        GridDataFactory.swtDefaults().align(SWT.BEGINNING, SWT.BEGINNING).applyTo(notesLabel);
        notes = new Text(fields, SWT.BORDER | SWT.MULTI | SWT.WRAP | SWT.V_SCROLL);
        GridDataFactory.fillDefaults().grab(true, true).span(3, 1).hint(SWT.DEFAULT, 70).applyTo(notes);

        name.addListener(SWT.Modify, e -> validate());
        path.addListener(SWT.Modify, e -> validate());
        return area;
    }

    @Override
    public void create() {
        super.create();
        validate();
        setErrorMessage(null); // no complaint before anything was typed
    }

    private void browse(String chosen) {
        if (chosen != null) {
            path.setText(chosen);
        }
    }

    private void validate() {
        String problem = null;
        if (name.getText().isBlank()) {
            problem = Labels.get("element.error.name");
        } else if (path.getText().isBlank() || !Path.of(path.getText().trim()).isAbsolute()) {
            problem = Labels.get("element.error.path");
        }
        setErrorMessage(problem);
        Button ok = getButton(IDialogConstants.OK_ID);
        if (ok != null) {
            ok.setEnabled(problem == null);
        }
    }

    @Override
    protected void okPressed() {
        ElementKind chosen = (ElementKind) kind.getStructuredSelection().getFirstElement();
        element = new FilmElement(name.getText().trim(), chosen, Path.of(path.getText().trim()), notes.getText());
        super.okPressed();
    }

    private static Label label(Composite parent, String key) {
        Label label = new Label(parent, SWT.NONE);
        label.setText(Labels.get(key));
        return label;
    }

    private static Button button(Composite parent, String key) {
        Button button = new Button(parent, SWT.PUSH);
        button.setText(Labels.get(key));
        return button;
    }
}
