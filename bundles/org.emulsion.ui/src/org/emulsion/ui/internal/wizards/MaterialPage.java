package org.emulsion.ui.internal.wizards;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.emulsion.core.extensions.WorkflowOption;
import org.emulsion.ui.internal.Labels;

/**
 * The material: the output folder, then a field for each option of the workflow that no other
 * page covers (for a reference-guided workflow: the scan, and the reference when its UI bundle
 * contributes no page for it), generated from the option's declared type, default and help.
 */
final class MaterialPage extends WizardPage {
    private final RestoreWizardModel model;
    private final List<WorkflowOption> fields;
    /** Whether the restorer has typed anything: until then a missing field disables Next without an error. */
    private boolean edited;

    MaterialPage(RestoreWizardModel model, Set<String> covered) {
        super("material");
        this.model = model;
        this.fields = model.workflow().options().stream().filter(o -> !covered.contains(o.name())).toList();
        setTitle(Labels.get("wizard.material.title"));
        setDescription(Labels.get("wizard.material.description", model.workflow().name()));
        setPageComplete(false);
    }

    @Override
    public void createControl(Composite parent) {
        Composite page = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(page);
        Label about = new Label(page, SWT.WRAP);
        about.setText(model.workflow().description());
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(560, SWT.DEFAULT).applyTo(about);
        for (WorkflowOption option : fields) {
            label(page, option.name(), option.description());
            switch (option.type()) {
                case "path" -> new PathField(page, model.option(option.name()), true, true, v -> set(option, v))
                        .offer(model.projectElements());
                case "paths" -> { // one path per line (a workflow whose UI bundle gives no list page): the value's separator is the line break
                    Text list = new Text(page, SWT.BORDER | SWT.MULTI | SWT.V_SCROLL);
                    list.setText(model.option(option.name()) == null ? "" : model.option(option.name()));
                    GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, 4 * list.getLineHeight()).applyTo(list);
                    list.addModifyListener(e -> set(option, list.getText().replace("\r", "")));
                }
                case "boolean" -> {
                    Button check = new Button(page, SWT.CHECK);
                    check.setSelection(Boolean.parseBoolean(model.option(option.name())));
                    check.addListener(SWT.Selection, e -> set(option, Boolean.toString(check.getSelection())));
                }
                default -> {
                    Text text = new Text(page, SWT.BORDER | SWT.SINGLE);
                    text.setText(model.option(option.name()) == null ? "" : model.option(option.name()));
                    GridDataFactory.fillDefaults().grab(true, false).applyTo(text);
                    text.addModifyListener(e -> set(option, text.getText()));
                }
            }
        }
        label(page, Labels.get("wizard.material.output"), Labels.get("wizard.material.outputHelp"));
        new PathField(page, model.outputDirectory(), true, false, v -> {
            model.setOutputDirectory(v);
            edited = true;
            validate();
        });
        setControl(page);
        validate();
    }

    private static void label(Composite page, String text, String help) {
        Label label = new Label(page, SWT.NONE);
        label.setText(text + ":");
        label.setToolTipText(help);
        GridDataFactory.fillDefaults().align(SWT.BEGINNING, SWT.CENTER).applyTo(label);
    }

    private void set(WorkflowOption option, String value) {
        model.setOption(option.name(), value);
        edited = true;
        validate();
    }

    /** The first problem with the material, shown once the restorer has typed something; none: the page is complete. */
    private void validate() {
        String problem = null;
        for (WorkflowOption option : fields) {
            String value = model.option(option.name());
            problem = value == null ? (option.required() ? Labels.get("wizard.option.missing", option.name(), option.description()) : null)
                    : option.type().equals("path") && !Files.exists(Path.of(value)) ? Labels.get("wizard.path.notFound", value)
                    : option.validate(value);
            if (problem == null && value != null && option.multiple()) {
                problem = WorkflowOption.paths(value).stream().filter(p -> !Files.exists(Path.of(p))).findFirst()
                        .map(p -> Labels.get("wizard.path.notFound", p)).orElse(null);
            }
            if (problem != null) {
                break;
            }
        }
        if (problem == null && model.outputDirectory().isEmpty()) {
            problem = Labels.get("wizard.material.outputMissing");
        }
        setErrorMessage(edited ? problem : null);
        setPageComplete(problem == null);
    }
}
