package org.emulsion.ui.internal.wizards;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.emulsion.core.extensions.WorkflowContribution;
import org.emulsion.core.extensions.WorkflowOption;
import org.emulsion.pipeline.Granularity;
import org.emulsion.pipeline.LumaMode;
import org.emulsion.pipeline.OutputFormat;
import org.emulsion.ui.internal.Labels;

/**
 * Granularity (one model per sequence, scene or shot, or automatic), training time, output
 * format and the luma (the scan's kept, or tone-mapped), for the workflows that declare those
 * options; the choices are the pipeline's own.
 */
final class TrainingPage extends WizardPage {
    static final String GRANULARITY = "granularity";
    static final String MINUTES = "train-minutes";
    static final String FORMAT = "format";
    static final String LUMA = "luma";
    private static final int MAX_MINUTES = 24 * 60;

    private final RestoreWizardModel model;

    TrainingPage(RestoreWizardModel model) {
        super("training");
        this.model = model;
        setTitle(Labels.get("wizard.training.title"));
        setDescription(Labels.get("wizard.training.description"));
    }

    /** The options this page sets among those {@code workflow} declares; none: the wizard leaves the page out. */
    static Set<String> covers(WorkflowContribution workflow) {
        return Set.copyOf(workflow.options().stream().map(WorkflowOption::name).filter(List.of(GRANULARITY, MINUTES, FORMAT, LUMA)::contains)
                .toList());
    }

    @Override
    public void createControl(Composite parent) {
        Composite page = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(3).applyTo(page);
        Set<String> covered = covers(model.workflow());
        if (covered.contains(GRANULARITY)) {
            combo(page, GRANULARITY, Arrays.stream(Granularity.values()).map(Granularity::id).toList());
        }
        if (covered.contains(MINUTES)) {
            label(page, MINUTES);
            Spinner minutes = new Spinner(page, SWT.BORDER);
            minutes.setValues(Integer.parseInt(model.option(MINUTES)), 1, MAX_MINUTES, 0, 1, 10);
            minutes.addListener(SWT.Modify, e -> model.setOption(MINUTES, Integer.toString(minutes.getSelection())));
            help(page, MINUTES);
        }
        if (covered.contains(FORMAT)) {
            combo(page, FORMAT, Arrays.stream(OutputFormat.values()).map(OutputFormat::optionValue).toList());
        }
        if (covered.contains(LUMA)) {
            combo(page, LUMA, Arrays.stream(LumaMode.values()).map(LumaMode::id).toList());
        }
        setControl(page);
    }

    private void combo(Composite page, String option, List<String> values) {
        label(page, option);
        Combo combo = new Combo(page, SWT.READ_ONLY);
        combo.setItems(values.toArray(String[]::new));
        combo.select(Math.max(0, values.indexOf(model.option(option))));
        GridDataFactory.fillDefaults().applyTo(combo);
        combo.addListener(SWT.Selection, e -> model.setOption(option, combo.getText()));
        help(page, option);
    }

    private static void label(Composite page, String option) {
        new Label(page, SWT.NONE).setText(option + ":");
    }

    /** The option's declared help beside its control, as the command line's usage shows it. */
    private void help(Composite page, String option) {
        Label help = new Label(page, SWT.WRAP);
        help.setText(model.workflow().options().stream().filter(o -> o.name().equals(option)).findFirst()
                .map(WorkflowOption::description).orElse(""));
        GridDataFactory.fillDefaults().grab(true, false).hint(360, SWT.DEFAULT).applyTo(help);
    }
}
