package org.emulsion.ui.internal.wizards;


import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.CheckboxTableViewer;
import org.eclipse.jface.viewers.ICheckStateProvider;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.emulsion.pipeline.PreparedRun;
import org.emulsion.ui.internal.Labels;
import org.emulsion.ui.internal.TableColumns;

/**
 * The pair review: every frame tried as a training pair, shot by shot, why it was tried and why
 * it was rejected; the ticks are the pairs the models train on (Emulsion's proposal until the
 * restorer changes one here or in the alignment check).
 */
final class PairsPage extends WizardPage {
    private final RestoreWizardModel model;
    private CheckboxTableViewer table;

    PairsPage(RestoreWizardModel model) {
        super("pairs");
        this.model = model;
        setTitle(Labels.get("wizard.pairs.title"));
        setDescription(Labels.get("wizard.pairs.description"));
    }

    @Override
    public void createControl(Composite parent) {
        table = CheckboxTableViewer.newCheckList(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        table.getTable().setHeaderVisible(true);
        table.getTable().setLinesVisible(true);
        table.setContentProvider(ArrayContentProvider.getInstance());
        TableColumns.add(table, PreparedRun.Pair.class, Labels.get("wizard.pairs.shot"), 50,
                p -> Integer.toString(p.shot() + 1));
        TableColumns.add(table, PreparedRun.Pair.class, Labels.get("wizard.pairs.frame"), 140, PreparedRun.Pair::scanName);
        TableColumns.add(table, PreparedRun.Pair.class, Labels.get("wizard.pairs.reference"), 140,
                PreparedRun.Pair::referenceName);
        TableColumns.add(table, PreparedRun.Pair.class, Labels.get("wizard.pairs.tried"), 220, PreparedRun.Pair::tried);
        TableColumns.add(table, PreparedRun.Pair.class, Labels.get("wizard.pairs.verdict"), 320,
                p -> p.rejected() == null ? Labels.get("wizard.pairs.accepted")
                : Labels.get("wizard.pairs.rejected", p.rejected()));
        table.setCheckStateProvider(new ICheckStateProvider() {
            @Override
            public boolean isChecked(Object element) {
                return model.chosen((PreparedRun.Pair) element);
            }

            @Override
            public boolean isGrayed(Object element) {
                return false;
            }
        });
        table.addCheckStateListener(e -> {
            model.choose(((PreparedRun.Pair) e.getElement()).scanIndex(), e.getChecked());
            validate();
        });
        setControl(table.getControl());
    }

    @Override
    public void setVisible(boolean visible) {
        if (visible && model.prepared() != null) {
            table.setInput(model.prepared().pairs());
            table.refresh();
        }
        validate();
        super.setVisible(visible);
    }

    /** At least one pair must train. */
    private void validate() {
        boolean any = model.prepared() != null && model.prepared().pairs().stream().anyMatch(model::chosen);
        setErrorMessage(model.prepared() == null || any ? null : Labels.get("wizard.pairs.none"));
        setPageComplete(model.isPrepared() && any);
    }
}
