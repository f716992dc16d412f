package org.emulsion.ui.internal.wizards;

import java.util.Locale;

import org.eclipse.jface.viewers.CheckboxTableViewer;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
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
final class AlignmentPage extends ReviewPage<PreparedRun.Frame> {
    AlignmentPage(RestoreWizardModel model) {
        super("alignment", model, PreparedRun.Frame.class);
        setTitle(Labels.get("wizard.alignment.title"));
        setDescription(Labels.get("wizard.alignment.description"));
        setPageComplete(false);
    }

    @Override
    protected void addColumns(CheckboxTableViewer viewer) {
        TableColumns.add(viewer, PreparedRun.Frame.class, Labels.get("wizard.alignment.frame"), 140, f -> f.scanName());
        TableColumns.add(viewer, PreparedRun.Frame.class, Labels.get("wizard.alignment.reference"), 140,
                f -> f.referenceName() == null ? "—" : f.referenceName());
        TableColumns.add(viewer, PreparedRun.Frame.class, Labels.get("wizard.alignment.temporal"), 60,
                f -> confidence(f.temporalConfidence()));
        TableColumns.add(viewer, PreparedRun.Frame.class, Labels.get("wizard.alignment.spatial"), 95,
                f -> confidence(f.spatialConfidence()));
        TableColumns.add(viewer, PreparedRun.Frame.class, Labels.get("wizard.alignment.verdict"), 380,
                PreparedRun.Frame::verdict);
    }

    @Override
    protected boolean isChecked(PreparedRun.Frame frame) {
        return Boolean.TRUE.equals(model.chosen(frame.index()));
    }

    @Override
    protected boolean isGrayed(PreparedRun.Frame frame) {
        return !frame.candidate();
    }

    @Override
    protected void checked(PreparedRun.Frame frame, boolean checked) {
        if (frame.candidate()) {
            model.choose(frame.index(), checked);
        } else { // only training candidates can be accepted or rejected
            table.setChecked(frame, false);
        }
    }

    /** The compare mode: wipe, difference, and so on. */
    @Override
    protected Control createViewControl(Composite bar) {
        Combo mode = new Combo(bar, SWT.READ_ONLY);
        for (CompareCanvas.Mode m : CompareCanvas.Mode.values()) {
            mode.add(Labels.get("wizard.alignment.mode." + m.name()));
        }
        compare.setLabels(Labels.get("wizard.alignment.scan"), Labels.get("wizard.alignment.alignedReference"));
        mode.select(compare.getMode().ordinal());
        mode.addListener(SWT.Selection, e -> compare.setMode(CompareCanvas.Mode.values()[mode.getSelectionIndex()]));
        return mode;
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
    @Override
    protected void preview(PreparedRun.Frame frame) {
        PreparedRun run = model.prepared();
        if (!run.hasAlignedReference(frame.index())) {
            previewNote.setText(Labels.get("wizard.alignment.noPreview", frame.scanName()));
            return;
        }
        previews.load(Labels.get("wizard.alignment.loading", frame.scanName()),
                monitor -> new ImageData[] {DisplayImages.toImageData(run.scanFrame(frame.index())),
                        DisplayImages.toImageData(run.alignedReference(frame.index()))},
                compare, pictures -> {
                    compare.setImages(pictures[0], pictures[1]);
                    previewNote.setText(Labels.get("wizard.alignment.preview", frame.scanName(), frame.referenceName()));
                });
    }
}
