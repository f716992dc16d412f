package org.emulsion.ui.internal.wizards;

import java.util.Locale;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.CheckboxTableViewer;
import org.eclipse.jface.viewers.ICheckStateProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.emulsion.pipeline.PreparedRun;
import org.emulsion.ui.internal.Labels;
import org.emulsion.ui.internal.TableColumns;
import org.emulsion.ui.internal.compare.CompareCanvas;
import org.emulsion.ui.internal.compare.DisplayImages;

/**
 * The alignment check, after the wizard prepared the run: every scan frame with the reference
 * frame matched to it, the confidences and what becomes of it; for the frames tried as training
 * pairs a tick accepts or rejects it (written into {@code pairs.json} for the run), and the
 * selected frame's scan and registered reference are compared in a wipe or difference view.
 */
final class AlignmentPage extends WizardPage {
    private final RestoreWizardModel model;
    private CheckboxTableViewer table;
    private CompareCanvas compare;
    private Label previewNote;
    private PreviewLoader previews;

    AlignmentPage(RestoreWizardModel model) {
        super("alignment");
        this.model = model;
        setTitle(Labels.get("wizard.alignment.title"));
        setDescription(Labels.get("wizard.alignment.description"));
        setPageComplete(false);
    }

    @Override
    public void createControl(Composite parent) {
        SashForm page = new SashForm(parent, SWT.VERTICAL);
        table = CheckboxTableViewer.newCheckList(page, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        table.getTable().setHeaderVisible(true);
        table.getTable().setLinesVisible(true);
        table.setContentProvider(ArrayContentProvider.getInstance());
        TableColumns.add(table, PreparedRun.Frame.class, Labels.get("wizard.alignment.frame"), 140, f -> f.scanName());
        TableColumns.add(table, PreparedRun.Frame.class, Labels.get("wizard.alignment.reference"), 140,
                f -> f.referenceName() == null ? "—" : f.referenceName());
        TableColumns.add(table, PreparedRun.Frame.class, Labels.get("wizard.alignment.temporal"), 60,
                f -> confidence(f.temporalConfidence()));
        TableColumns.add(table, PreparedRun.Frame.class, Labels.get("wizard.alignment.spatial"), 95,
                f -> confidence(f.spatialConfidence()));
        TableColumns.add(table, PreparedRun.Frame.class, Labels.get("wizard.alignment.verdict"), 380,
                PreparedRun.Frame::verdict);
        table.setCheckStateProvider(new ICheckStateProvider() {
            @Override
            public boolean isChecked(Object element) {
                return Boolean.TRUE.equals(model.chosen(((PreparedRun.Frame) element).index()));
            }

            @Override
            public boolean isGrayed(Object element) {
                return !((PreparedRun.Frame) element).candidate();
            }
        });
        table.addCheckStateListener(event -> {
            PreparedRun.Frame frame = (PreparedRun.Frame) event.getElement();
            if (frame.candidate()) {
                model.choose(frame.index(), event.getChecked());
            } else { // only training candidates can be accepted or rejected
                table.setChecked(frame, false);
            }
        });
        table.addSelectionChangedListener(e -> preview((PreparedRun.Frame) ((IStructuredSelection) e.getSelection()).getFirstElement()));

        Composite preview = new Composite(page, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(preview);
        previewNote = new Label(preview, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(previewNote);
        previews = new PreviewLoader(previewNote);
        Combo mode = new Combo(preview, SWT.READ_ONLY);
        for (CompareCanvas.Mode m : CompareCanvas.Mode.values()) {
            mode.add(Labels.get("wizard.alignment.mode." + m.name()));
        }
        compare = new CompareCanvas(preview, SWT.BORDER);
        compare.setLabels(Labels.get("wizard.alignment.scan"), Labels.get("wizard.alignment.alignedReference"));
        mode.select(compare.getMode().ordinal());
        mode.addListener(SWT.Selection, e -> compare.setMode(CompareCanvas.Mode.values()[mode.getSelectionIndex()]));
        GridDataFactory.fillDefaults().span(2, 1).grab(true, true).hint(SWT.DEFAULT, 220).applyTo(compare);
        page.setWeights(1, 1);
        setControl(page);
    }

    private static String confidence(double value) {
        return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%.2f", value);
    }

    /** Shows the preparation the wizard just made (or refreshes the ticks the pair review changed). */
    @Override
    public void setVisible(boolean visible) {
        if (visible && model.prepared() != null) {
            if (table.getInput() != model.prepared().frames()) {
                table.setInput(model.prepared().frames());
                // the first training pair, to compare at once
                model.prepared().frames().stream().filter(f -> Boolean.TRUE.equals(model.chosen(f.index()))).findFirst()
                        .ifPresent(f -> table.setSelection(new StructuredSelection(f), true));
            }
            table.refresh();
        }
        setPageComplete(model.isPrepared());
        super.setVisible(visible);
    }

    /** Loads the frame's scan and registered reference in the background; the compare view shows them when read. */
    private void preview(PreparedRun.Frame frame) {
        if (frame == null) {
            return;
        }
        PreparedRun run = model.prepared();
        if (!run.hasAlignedReference(frame.index())) {
            previewNote.setText(Labels.get("wizard.alignment.noPreview", frame.scanName()));
            return;
        }
        previews.load(Labels.get("wizard.alignment.loading", frame.scanName()),
                () -> new ImageData[] {DisplayImages.toImageData(run.scanFrame(frame.index())),
                        DisplayImages.toImageData(run.alignedReference(frame.index()))},
                compare, pictures -> {
                    compare.setImages(pictures[0], pictures[1]);
                    previewNote.setText(Labels.get("wizard.alignment.preview", frame.scanName(), frame.referenceName()));
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
