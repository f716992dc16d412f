package org.emulsion.ui.internal.wizards;

import java.util.Locale;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.CheckboxTableViewer;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.emulsion.pipeline.PreparedRun;
import org.emulsion.ui.internal.Labels;
import org.emulsion.ui.internal.TableColumns;
import org.emulsion.ui.internal.compare.CompareCanvas;
import org.emulsion.ui.internal.compare.DisplayImages;

/**
 * The damage review, for a workflow whose target repairs damage, after the wizard prepared the
 * run: every scan frame with the share of it found damaged and, for the selected frame, its damage
 * map over the scan. A tick accepts the frame's damage map (the run repairs it); an unticked frame
 * is kept as scanned ({@link PreparedRun#keepAsScanned}, written when the restorer finishes).
 */
final class DamageReviewPage extends WizardPage {
    private static final RGB DAMAGE = new RGB(255, 40, 40);
    private static final int ALPHA = 128;
    private final RestoreWizardModel model;
    private CheckboxTableViewer table;
    private CompareCanvas preview;
    private Button showMask;
    private Label previewNote;
    private ImageData mask;
    private PreviewLoader previews;

    DamageReviewPage(RestoreWizardModel model) {
        super("damage");
        this.model = model;
        setTitle(Labels.get("wizard.damage.title"));
        setDescription(Labels.get("wizard.damage.description"));
    }

    @Override
    public void createControl(Composite parent) {
        SashForm page = new SashForm(parent, SWT.VERTICAL);
        table = CheckboxTableViewer.newCheckList(page, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        table.getTable().setHeaderVisible(true);
        table.getTable().setLinesVisible(true);
        table.setContentProvider(ArrayContentProvider.getInstance());
        TableColumns.add(table, PreparedRun.Damage.class, Labels.get("wizard.damage.frame"), 160, PreparedRun.Damage::scanName);
        TableColumns.add(table, PreparedRun.Damage.class, Labels.get("wizard.damage.area"), 130,
                d -> String.format(Locale.ROOT, "%.2f %%", d.areaPercent()));
        TableColumns.add(table, PreparedRun.Damage.class, Labels.get("wizard.damage.decision"), 320,
                d -> Labels.get(model.repairs(d.index()) ? "wizard.damage.repaired" : "wizard.damage.kept"));
        table.setCheckStateProvider(new org.eclipse.jface.viewers.ICheckStateProvider() {
            @Override
            public boolean isChecked(Object element) {
                return model.repairs(((PreparedRun.Damage) element).index());
            }

            @Override
            public boolean isGrayed(Object element) {
                return false;
            }
        });
        table.addCheckStateListener(e -> {
            model.repair(((PreparedRun.Damage) e.getElement()).index(), e.getChecked());
            table.update(e.getElement(), null);
        });
        table.addSelectionChangedListener(e -> preview((PreparedRun.Damage) ((IStructuredSelection) e.getSelection()).getFirstElement()));

        Composite bottom = new Composite(page, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(bottom);
        previewNote = new Label(bottom, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(previewNote);
        previews = new PreviewLoader(previewNote);
        showMask = new Button(bottom, SWT.CHECK);
        showMask.setText(Labels.get("wizard.damage.showMask"));
        showMask.setSelection(true);
        showMask.addListener(SWT.Selection, e -> preview.setOverlays(showMask.getSelection() && mask != null
                ? java.util.List.of(mask) : java.util.List.of()));
        preview = new CompareCanvas(bottom, SWT.BORDER);
        preview.setMode(CompareCanvas.Mode.A_ONLY);
        preview.setLabels(Labels.get("wizard.damage.scan"), "");
        GridDataFactory.fillDefaults().span(2, 1).grab(true, true).hint(SWT.DEFAULT, 220).applyTo(preview);
        page.setWeights(1, 1);
        setControl(page);
    }

    @Override
    public void setVisible(boolean visible) {
        if (visible && model.prepared() != null && table.getInput() != model.prepared().damage()) {
            table.setInput(model.prepared().damage());
            // the most damaged frame first, to see at once what was found
            model.prepared().damage().stream().max(java.util.Comparator.comparingDouble(PreparedRun.Damage::areaPercent))
                    .ifPresent(d -> table.setSelection(new StructuredSelection(d), true));
        }
        setPageComplete(model.isPrepared());
        super.setVisible(visible);
    }

    /** Reads the frame's scan and damage map in the background; the preview shows them when read. */
    private void preview(PreparedRun.Damage frame) {
        if (frame == null) {
            return;
        }
        PreparedRun run = model.prepared();
        previews.load(Labels.get("wizard.damage.loading", frame.scanName()),
                () -> new ImageData[] {DisplayImages.toImageData(run.scanFrame(frame.index())),
                        DisplayImages.overlay(run.damageMask(frame.index()), DAMAGE, ALPHA, false)},
                preview, pictures -> {
                    mask = pictures[1];
                    preview.setImages(pictures[0], null);
                    preview.setOverlays(showMask.getSelection() ? java.util.List.of(mask) : java.util.List.of());
                    previewNote.setText(Labels.get("wizard.damage.preview", frame.scanName(),
                            String.format(Locale.ROOT, "%.2f", frame.areaPercent())));
                });
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
