package org.emulsion.ui.internal.wizards;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.CheckboxTableViewer;
import org.eclipse.jface.viewers.ICheckStateProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.emulsion.ui.internal.compare.CompareCanvas;

/**
 * The layout the review pages after preparation share: a table of the prepared run's frames, a
 * tick per frame for the restorer's decision, and below it a note, one control of the page's own
 * and a compare view of the selected frame, its pictures read in the background.
 *
 * @param <T> the table's rows
 */
abstract class ReviewPage<T> extends WizardPage {
    protected final RestoreWizardModel model;
    private final Class<T> rowType;
    protected CheckboxTableViewer table;
    protected CompareCanvas compare;
    protected Label previewNote;
    protected PreviewLoader previews;

    ReviewPage(String name, RestoreWizardModel model, Class<T> rowType) {
        super(name);
        this.model = model;
        this.rowType = rowType;
    }

    /** Adds the table's columns. */
    protected abstract void addColumns(CheckboxTableViewer table);

    protected abstract boolean isChecked(T row);

    /** Whether the row's tick is greyed (cannot be changed). */
    protected boolean isGrayed(T row) {
        return false;
    }

    /** The restorer ticked or unticked the row. */
    protected abstract void checked(T row, boolean checked);

    /** The page's own control, beside the note; {@link #compare} is made already, for the page to set up. */
    protected abstract Control createViewControl(Composite bar);

    /** Starts reading the selected row's pictures into the compare view. */
    protected abstract void preview(T row);

    @Override
    public void createControl(Composite parent) {
        SashForm page = new SashForm(parent, SWT.VERTICAL);
        table = CheckboxTableViewer.newCheckList(page, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        table.getTable().setHeaderVisible(true);
        table.getTable().setLinesVisible(true);
        table.setContentProvider(ArrayContentProvider.getInstance());
        addColumns(table);
        table.setCheckStateProvider(new ICheckStateProvider() {
            @Override
            public boolean isChecked(Object element) {
                return ReviewPage.this.isChecked(rowType.cast(element));
            }

            @Override
            public boolean isGrayed(Object element) {
                return ReviewPage.this.isGrayed(rowType.cast(element));
            }
        });
        table.addCheckStateListener(e -> checked(rowType.cast(e.getElement()), e.getChecked()));
        table.addSelectionChangedListener(e -> {
            Object first = ((IStructuredSelection) e.getSelection()).getFirstElement();
            if (first != null) {
                preview(rowType.cast(first));
            }
        });

        Composite bottom = new Composite(page, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(bottom);
        previewNote = new Label(bottom, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(previewNote);
        previews = new PreviewLoader(previewNote);
        compare = new CompareCanvas(bottom, SWT.BORDER);
        createViewControl(bottom).moveAbove(compare); // beside the note, the compare view on the row below
        GridDataFactory.fillDefaults().span(2, 1).grab(true, true).hint(SWT.DEFAULT, 220).applyTo(compare);
        page.setWeights(1, 1);
        setControl(page);
    }

    /** Whether a preview is being read (tests wait for it before a screenshot). */
    boolean isLoadingPreview() {
        return previews != null && previews.isLoading();
    }

    @Override
    public void dispose() {
        if (previews != null) {
            previews.cancel();
        }
        super.dispose();
    }
}
