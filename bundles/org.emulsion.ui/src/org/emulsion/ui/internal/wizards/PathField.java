package org.emulsion.ui.internal.wizards;

import java.util.List;
import java.util.function.Consumer;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Text;
import org.emulsion.core.project.FilmElement;
import org.emulsion.ui.internal.Labels;

/** A path text with buttons that browse for a folder and/or a file, as the wizards' path options need. */
public final class PathField {
    private final Text text;

    /**
     * @param folders  offer a folder browser
     * @param files    offer a file browser
     * @param onChange called with the text on every edit
     */
    public PathField(Composite parent, String initial, boolean folders, boolean files, Consumer<String> onChange) {
        Composite row = new Composite(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(row);
        GridLayoutFactory.fillDefaults().numColumns(1 + (folders ? 1 : 0) + (files ? 1 : 0)).applyTo(row);
        text = new Text(row, SWT.BORDER | SWT.SINGLE);
        GridDataFactory.fillDefaults().grab(true, false).hint(360, SWT.DEFAULT).applyTo(text);
        text.setText(initial == null ? "" : initial);
        text.addModifyListener(e -> onChange.accept(text.getText().strip()));
        if (folders) {
            button(row, Labels.get("wizard.browseFolder")).addListener(SWT.Selection, e -> {
                DirectoryDialog dialog = new DirectoryDialog(text.getShell());
                dialog.setFilterPath(text.getText());
                set(dialog.open());
            });
        }
        if (files) {
            button(row, Labels.get("wizard.browseFile")).addListener(SWT.Selection, e -> {
                FileDialog dialog = new FileDialog(text.getShell(), SWT.OPEN);
                dialog.setFilterPath(text.getText());
                set(dialog.open());
            });
        }
    }

    /**
     * Adds a list of {@code elements} (a film project's material) beside the browse buttons:
     * choosing one puts its path in the field. Nothing is added when there are none.
     */
    public PathField offer(List<FilmElement> elements) {
        if (elements.isEmpty()) {
            return this;
        }
        Composite row = text.getParent();
        ((GridLayout) row.getLayout()).numColumns++;
        Combo combo = new Combo(row, SWT.READ_ONLY | SWT.DROP_DOWN);
        combo.add(Labels.get("wizard.fromProject"));
        elements.forEach(e -> combo.add(Labels.get("wizard.fromProject.element", e.name(), e.kind().label())));
        combo.select(0);
        combo.addListener(SWT.Selection, e -> {
            if (combo.getSelectionIndex() > 0) {
                set(elements.get(combo.getSelectionIndex() - 1).path().toString());
            }
        });
        return this;
    }

    private static Button button(Composite row, String label) {
        Button button = new Button(row, SWT.PUSH);
        button.setText(label);
        return button;
    }

    private void set(String chosen) {
        if (chosen != null) {
            text.setText(chosen);
        }
    }

    public Text text() { return text; }
}
