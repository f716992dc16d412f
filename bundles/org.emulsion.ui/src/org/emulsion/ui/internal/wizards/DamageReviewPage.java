package org.emulsion.ui.internal.wizards;

import java.util.Locale;

import org.eclipse.jface.viewers.CheckboxTableViewer;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
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
final class DamageReviewPage extends RepairReviewPage<PreparedRun.Damage> {
    private static final RGB DAMAGE = new RGB(255, 40, 40);
    private static final int ALPHA = 128;
    private Button showMask;
    private ImageData mask;

    DamageReviewPage(RestoreWizardModel model) {
        super("damage", model, PreparedRun.Damage.class);
        setTitle(Labels.get("wizard.damage.title"));
        setDescription(Labels.get("wizard.damage.description"));
    }

    @Override
    protected void addColumns(CheckboxTableViewer viewer) {
        TableColumns.add(viewer, PreparedRun.Damage.class, Labels.get("wizard.damage.frame"), 160, PreparedRun.Damage::scanName);
        TableColumns.add(viewer, PreparedRun.Damage.class, Labels.get("wizard.damage.area"), 130,
                d -> String.format(Locale.ROOT, "%.2f %%", d.areaPercent()));
        TableColumns.add(viewer, PreparedRun.Damage.class, Labels.get("wizard.damage.decision"), 320,
                d -> Labels.get(model.repairs(d.index()) ? "wizard.damage.repaired" : "wizard.damage.kept"));
    }

    @Override
    protected int frame(PreparedRun.Damage row) {
        return row.index();
    }

    /** Shows or hides the damage map over the scan. */
    @Override
    protected Control createViewControl(Composite bar) {
        showMask = new Button(bar, SWT.CHECK);
        showMask.setText(Labels.get("wizard.damage.showMask"));
        showMask.setSelection(true);
        showMask.addListener(SWT.Selection, e -> compare.setOverlays(showMask.getSelection() && mask != null
                ? java.util.List.of(mask) : java.util.List.of()));
        compare.setMode(CompareCanvas.Mode.A_ONLY);
        compare.setLabels(Labels.get("wizard.damage.scan"), "");
        return showMask;
    }

    @Override
    public void setVisible(boolean visible) {
        if (visible && model.prepared() != null && table.getInput() != model.prepared().damage()) {
            table.setInput(model.prepared().damage());
            // the most damaged frame first, to see at once what was found
            model.prepared().damage().stream().max(java.util.Comparator.comparingDouble(PreparedRun.Damage::areaPercent))
                    .ifPresent(d -> table.setSelection(new StructuredSelection(d), true));
        }
        if (visible && model.prepared() != null) {
            table.refresh(); // the source map review may have changed a frame's decision
        }
        setPageComplete(model.isPrepared());
        super.setVisible(visible);
    }

    /** Reads the frame's scan and damage map in the background; the preview shows them when read. */
    @Override
    protected void preview(PreparedRun.Damage frame) {
        PreparedRun run = model.prepared();
        previews.load(Labels.get("wizard.damage.loading", frame.scanName()),
                monitor -> new ImageData[] {DisplayImages.toImageData(run.scanFrame(frame.index())),
                        DisplayImages.overlay(run.damageMask(frame.index()), DAMAGE, ALPHA, false)},
                compare, pictures -> {
                    mask = pictures[1];
                    compare.setImages(pictures[0], null);
                    compare.setOverlays(showMask.getSelection() ? java.util.List.of(mask) : java.util.List.of());
                    previewNote.setText(Labels.get("wizard.damage.preview", frame.scanName(),
                            String.format(Locale.ROOT, "%.2f", frame.areaPercent())));
                });
    }
}
