package org.emulsion.ui.wizards;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.emulsion.ui.internal.Labels;
import org.emulsion.ui.internal.wizards.PictureStrip;

/**
 * A wizard page for one path option of a workflow (typically {@code reference}): an explanation
 * of what the path may be, and the path with folder and/or file browsers. Complete when the path
 * exists and is of a kind the page offers (a folder, a file), or when it is left empty and the
 * workflow declares a default for the option (an optional file).
 * With {@code preview}, a folder's first pictures are shown as thumbnails under the field (e.g.
 * artwork-chroma's artwork).
 * Workflow UI bundles return it from {@link IWorkflowWizardPages#createPages}, or name it through
 * {@link PathPages}.
 */
public class PathOptionPage extends PathPageBase {
    private final boolean optional;
    private final boolean preview;
    private PictureStrip pictures;
    /** Whether the restorer has typed anything: until then an empty required path disables Next without an error. */
    private boolean edited;

    /**
     * @param option      the option the page sets
     * @param title       the page's title
     * @param description one line under the title
     * @param explanation what the path may be, in a paragraph or a short list (shown above the field)
     * @param folders     whether a folder may be chosen
     * @param files       whether a file may be chosen
     */
    public PathOptionPage(IRestoreWizardContext context, String option, String title, String description, String explanation,
            boolean folders, boolean files) {
        this(context, option, title, description, explanation, folders, files, false);
    }

    /**
     * As {@link #PathOptionPage(IRestoreWizardContext, String, String, String, String, boolean, boolean)},
     * with {@code preview}: thumbnails of the chosen folder's first pictures under the field.
     */
    public PathOptionPage(IRestoreWizardContext context, String option, String title, String description, String explanation,
            boolean folders, boolean files, boolean preview) {
        super(context, option, title, description, explanation, folders, files);
        this.optional = context.workflow().options().stream().anyMatch(o -> o.name().equals(option) && !o.required());
        this.preview = preview;
    }

    /** The option this page sets, for {@link IWorkflowWizardPages#coveredOptions}. */
    public String option() { return option; }

    @Override
    public void createControl(Composite parent) {
        Composite page = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(1).applyTo(page);
        explain(page, 1);
        field(page, context.option(option), value -> {
            context.setOption(option, value);
            edited = true;
            validate();
        });
        if (preview) {
            pictures = new PictureStrip(page);
        }
        setControl(page);
        validate();
    }

    /** The thumbnails of the chosen folder, or null without {@code preview}. */
    public PictureStrip pictures() {
        return pictures;
    }

    private void validate() {
        String value = context.option(option);
        boolean empty = value == null || value.isBlank();
        String problem = empty ? (optional ? null : Labels.get("wizard.path.missing", option)) : problem(Path.of(value));
        setErrorMessage(empty && !edited ? null : problem);
        setPageComplete(problem == null);
        if (pictures != null) {
            pictures.show(empty || problem != null ? null : Path.of(value));
        }
    }

    /** What is wrong with {@code path} for this page, or null. */
    private String problem(Path path) {
        if (notFound(path.toString()) != null) {
            return notFound(path.toString());
        }
        if (!files && !Files.isDirectory(path)) {
            return Labels.get("wizard.path.notFolder", path, option);
        }
        if (!folders && Files.isDirectory(path)) {
            return Labels.get("wizard.path.notFile", path, option);
        }
        return null;
    }
}
