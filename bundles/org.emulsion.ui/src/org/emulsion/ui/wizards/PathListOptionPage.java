package org.emulsion.ui.wizards;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.emulsion.core.extensions.WorkflowOption;
import org.emulsion.ui.internal.Labels;
import org.emulsion.ui.internal.wizards.PathField;

/**
 * A wizard page for a {@code paths} option of a workflow (e.g. multiprint's {@code prints}): an
 * explanation, a path field with folder and/or file browsers and an Add button, and the list of
 * paths chosen so far, which the restorer can remove from and reorder. Optionally, a second
 * option that names one of the listed paths (e.g. multiprint's {@code master}) is chosen below the
 * list, or left to the workflow (its declared default). Complete when at least {@code minimum}
 * paths are listed, each exists and none twice. The value is the paths in order, joined with
 * {@link WorkflowOption#PATH_SEPARATOR}, as the command line's {@code --prints a b c} gives them.
 */
public class PathListOptionPage extends PathPageBase {
    private final int minimum;
    private final String pick;
    private final List<String> paths = new ArrayList<>();
    private org.eclipse.swt.widgets.List list;
    private Combo picker;
    /** Whether the restorer has changed the list: until then too few paths disable Next without an error. */
    private boolean edited;

    /**
     * @param option      the {@code paths} option the page sets
     * @param title       the page's title
     * @param description one line under the title
     * @param explanation what the paths may be, in a paragraph or a short list (shown above the field)
     * @param folders     whether a folder may be added
     * @param files       whether a file may be added
     * @param minimum     the fewest paths the option takes
     * @param pick        an option naming one of the listed paths, chosen on this page (empty for
     *                    the workflow's declared default), or null for none
     */
    public PathListOptionPage(IRestoreWizardContext context, String option, String title, String description, String explanation,
            boolean folders, boolean files, int minimum, String pick) {
        super(context, option, title, description, explanation, folders, files);
        this.minimum = minimum;
        this.pick = pick;
        if (context.option(option) != null) {
            paths.addAll(WorkflowOption.paths(context.option(option)));
        }
    }

    /** The options this page sets, for {@link IWorkflowWizardPages#coveredOptions}. */
    public Set<String> options() { return pick == null ? Set.of(option) : Set.of(option, pick); }

    @Override
    public void createControl(Composite parent) {
        Composite page = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(page);
        explain(page, 2);

        PathField field = field(page, "", value -> { });
        Button add = button(page, "wizard.paths.add");
        add.addListener(SWT.Selection, e -> {
            String value = field.text().getText().strip();
            if (!value.isEmpty()) {
                paths.add(value);
                field.text().setText("");
                changed(paths.size() - 1);
            }
        });
        field.text().addListener(SWT.DefaultSelection, e -> add.notifyListeners(SWT.Selection, e)); // Enter adds

        list = new org.eclipse.swt.widgets.List(page, SWT.BORDER | SWT.SINGLE | SWT.V_SCROLL | SWT.H_SCROLL);
        GridDataFactory.fillDefaults().grab(true, true).hint(360, 6 * list.getItemHeight()).applyTo(list);
        Composite buttons = new Composite(page, SWT.NONE);
        GridDataFactory.fillDefaults().align(SWT.FILL, SWT.BEGINNING).applyTo(buttons);
        GridLayoutFactory.fillDefaults().applyTo(buttons);
        button(buttons, "wizard.paths.remove").addListener(SWT.Selection, e -> {
            int i = list.getSelectionIndex();
            if (i >= 0) {
                paths.remove(i);
                changed(Math.min(i, paths.size() - 1));
            }
        });
        button(buttons, "wizard.paths.up").addListener(SWT.Selection, e -> move(-1));
        button(buttons, "wizard.paths.down").addListener(SWT.Selection, e -> move(1));

        if (pick != null) {
            Label label = new Label(page, SWT.NONE);
            label.setText(pick + ":");
            context.workflow().options().stream().filter(o -> o.name().equals(pick)).findFirst()
                    .ifPresent(o -> label.setToolTipText(o.description()));
            GridDataFactory.fillDefaults().span(2, 1).applyTo(label);
            picker = new Combo(page, SWT.READ_ONLY | SWT.DROP_DOWN);
            GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(picker);
            picker.addListener(SWT.Selection, e -> {
                int i = picker.getSelectionIndex();
                context.setOption(pick, i <= 0 ? null : paths.get(i - 1));
            });
        }
        setControl(page);
        changed(-1);
        edited = false;
        validate();
    }

    private void move(int by) {
        int i = list.getSelectionIndex();
        if (i >= 0 && i + by >= 0 && i + by < paths.size()) {
            paths.add(i + by, paths.remove(i));
            changed(i + by);
        }
    }

    /** Shows the list with entry {@code selected} selected (or none) and sets the options from it. */
    private void changed(int selected) {
        list.setItems(paths.toArray(String[]::new));
        if (selected >= 0) {
            list.select(selected);
        }
        context.setOption(option, String.join(WorkflowOption.PATH_SEPARATOR, paths));
        if (picker != null) { // the chosen path stays chosen wherever it moves; removed, the workflow chooses
            String chosen = context.option(pick);
            List<String> items = new ArrayList<>(List.of(Labels.get("wizard.paths.automatic")));
            items.addAll(paths);
            picker.setItems(items.toArray(String[]::new));
            int at = chosen == null ? -1 : paths.indexOf(chosen);
            picker.select(at + 1);
            if (at < 0) {
                context.setOption(pick, null);
            }
        }
        edited = true;
        validate();
    }

    private void validate() {
        String problem = null;
        Set<String> seen = new HashSet<>();
        for (String path : paths) {
            problem = notFound(path);
            if (problem == null && !seen.add(Path.of(path).toAbsolutePath().normalize().toString())) {
                problem = Labels.get("wizard.paths.twice", path);
            }
            if (problem != null) {
                break;
            }
        }
        if (problem == null && paths.size() < minimum) {
            problem = Labels.get("wizard.paths.tooFew", minimum, option, paths.size());
        }
        setErrorMessage(edited ? problem : null);
        setPageComplete(problem == null);
    }

    private static Button button(Composite parent, String key) {
        Button button = new Button(parent, SWT.PUSH);
        button.setText(Labels.get(key));
        GridDataFactory.fillDefaults().applyTo(button);
        return button;
    }
}
