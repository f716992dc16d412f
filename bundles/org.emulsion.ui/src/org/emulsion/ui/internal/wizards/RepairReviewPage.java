package org.emulsion.ui.internal.wizards;

/**
 * A review whose tick is the restorer's decision to repair a scan frame (its damage map, its
 * planned sources): a ticked frame is repaired, an unticked one is kept as scanned. The decision is
 * one per frame in the wizard's model, shared by every such page.
 */
abstract class RepairReviewPage<T> extends ReviewPage<T> {
    RepairReviewPage(String name, RestoreWizardModel model, Class<T> rowType) {
        super(name, model, rowType);
    }

    /** The scan frame a row stands for. */
    protected abstract int frame(T row);

    @Override
    protected final boolean isChecked(T row) {
        return model.repairs(frame(row));
    }

    @Override
    protected final void checked(T row, boolean checked) {
        model.repair(frame(row), checked);
        table.update(row, null);
    }
}
