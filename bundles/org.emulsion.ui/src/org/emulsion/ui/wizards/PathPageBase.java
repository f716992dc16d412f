package org.emulsion.ui.wizards;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.emulsion.core.project.FilmProject;
import org.emulsion.ui.internal.Labels;
import org.emulsion.ui.internal.wizards.PathField;

/**
 * What the path option pages ({@link PathOptionPage}, {@link PathListOptionPage}) share: the option
 * they set, the explanation above the field, the path field with its browsers and the film
 * project's elements, and the check that a path exists.
 */
abstract class PathPageBase extends WizardPage {
    final IRestoreWizardContext context;
    final String option;
    final boolean folders;
    final boolean files;
    private final String explanation;

    PathPageBase(IRestoreWizardContext context, String option, String title, String description, String explanation, boolean folders,
            boolean files) {
        super(context.workflow().id() + "." + option);
        this.context = context;
        this.option = option;
        this.explanation = explanation;
        this.folders = folders;
        this.files = files;
        setTitle(title);
        setDescription(description);
        setPageComplete(false);
    }

    /** The explanation, wrapped, across {@code columns} of the page's grid. */
    void explain(Composite page, int columns) {
        Label text = new Label(page, SWT.WRAP);
        text.setText(explanation);
        GridDataFactory.fillDefaults().span(columns, 1).grab(true, false).hint(480, SWT.DEFAULT).applyTo(text);
    }

    /** A path field with the page's browsers, offering the film project's elements. */
    PathField field(Composite page, String initial, Consumer<String> onChange) {
        return new PathField(page, initial, folders, files, onChange).offer(context.project().map(FilmProject::elements).orElse(List.of()));
    }

    /** The message for a path that does not exist, or null. */
    static String notFound(String path) {
        return Files.exists(Path.of(path)) ? null : Labels.get("wizard.path.notFound", path);
    }
}
