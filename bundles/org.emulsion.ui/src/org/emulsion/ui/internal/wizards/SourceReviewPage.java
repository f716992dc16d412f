package org.emulsion.ui.internal.wizards;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.layout.RowLayoutFactory;
import org.eclipse.jface.viewers.CheckboxTableViewer;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.TableColumn;
import org.emulsion.core.image.Image;
import org.emulsion.pipeline.PreparedRun;
import org.emulsion.pipeline.RestorationTarget;
import org.emulsion.pipeline.report.SourceColours;
import org.emulsion.ui.internal.Labels;
import org.emulsion.ui.internal.TableColumns;
import org.emulsion.ui.internal.compare.CompareCanvas;
import org.emulsion.ui.internal.compare.DisplayImages;

/**
 * The source map review, for a workflow whose target composites several elements, after the damage
 * review: every scan frame with the share of its pixels planned from each print and inferred, and
 * for the selected frame the planned source map over the scan, one colour per print and one for
 * inferred pixels, the report's ({@link SourceColours}), with their legend ({@link PreparedRun#planSources},
 * planned by the rule the render applies; the render may still take a hole from a print that agrees
 * with the model's fill there, so the inferred share is at most the planned one). A tick
 * composites the frame as planned; an unticked frame is kept as scanned, the same decision as the
 * damage review's ({@link RestoreWizardModel#repair}), so both pages show it.
 */
final class SourceReviewPage extends RepairReviewPage<PreparedRun.PlannedSources> {
    private static final int ALPHA = 110;
    private final List<TableColumn> planColumns = new ArrayList<>();
    private final List<Color> swatches = new ArrayList<>();
    private Button showMap;
    private Composite legend;
    private List<ImageData> overlays = List.of();

    SourceReviewPage(RestoreWizardModel model) {
        super("sources", model, PreparedRun.PlannedSources.class);
        setTitle(Labels.get("wizard.sources.title"));
        setDescription(Labels.get("wizard.sources.description"));
    }

    /** The frame column; the share and decision columns follow once the plan names the prints ({@link #setVisible}). */
    @Override
    protected void addColumns(CheckboxTableViewer viewer) {
        TableColumns.add(viewer, PreparedRun.PlannedSources.class, Labels.get("wizard.sources.frame"), 160, PreparedRun.PlannedSources::scanName);
    }

    @Override
    protected int frame(PreparedRun.PlannedSources row) {
        return row.index();
    }

    /** Shows or hides the source map over the scan, with the legend of its colours beside. */
    @Override
    protected Control createViewControl(Composite bar) {
        Composite controls = new Composite(bar, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(controls);
        showMap = new Button(controls, SWT.CHECK);
        showMap.setText(Labels.get("wizard.sources.showMap"));
        showMap.setSelection(true);
        showMap.addListener(SWT.Selection, e -> compare.setOverlays(showMap.getSelection() ? overlays : List.of()));
        legend = new Composite(controls, SWT.NONE);
        RowLayoutFactory.fillDefaults().spacing(8).applyTo(legend);
        compare.setMode(CompareCanvas.Mode.A_ONLY);
        compare.setLabels(Labels.get("wizard.sources.scan"), "");
        return controls;
    }

    /** The colour of source code {@code code}: its print's, or the inferred one's, as the report shows them. */
    static RGB colour(int code) {
        float[] c = SourceColours.of(code == RestorationTarget.INFERRED ? -1 : code);
        return new RGB(Math.round(255 * c[0]), Math.round(255 * c[1]), Math.round(255 * c[2]));
    }

    @Override
    public void setVisible(boolean visible) {
        PreparedRun run = model.prepared();
        if (visible && run != null) {
            if (table.getInput() != run.plannedSources()) {
                showPlan(run);
            }
            table.refresh(); // the damage review may have changed a frame's decision
        }
        setPageComplete(model.isPrepared());
        super.setVisible(visible);
    }

    /** One share column per print and inferred, the decision column, the legend; the frame with the most inferred first. */
    private void showPlan(PreparedRun run) {
        planColumns.forEach(TableColumn::dispose);
        planColumns.clear();
        List<String> elements = run.sourceElements();
        int columns = table.getTable().getColumnCount();
        for (int k = 0; k < elements.size(); k++) {
            int share = k;
            String header = k == 0 ? "wizard.sources.master" : k == elements.size() - 1 ? "wizard.sources.inferred" : "wizard.sources.share";
            TableColumns.add(table, PreparedRun.PlannedSources.class, Labels.get(header, elements.get(k)), k == 0 ? 200 : 130,
                    s -> String.format(Locale.ROOT, "%.2f %%", s.percent().get(share)));
        }
        TableColumns.add(table, PreparedRun.PlannedSources.class, Labels.get("wizard.sources.decision"), 260,
                s -> Labels.get(model.repairs(s.index()) ? "wizard.sources.composited" : "wizard.sources.kept"));
        for (int c = columns; c < table.getTable().getColumnCount(); c++) {
            planColumns.add(table.getTable().getColumn(c));
        }
        for (Control c : legend.getChildren()) {
            c.dispose();
        }
        swatches.forEach(Color::dispose);
        swatches.clear();
        for (int k = 0; k < elements.size(); k++) {
            Label swatch = new Label(legend, SWT.NONE);
            swatch.setText("    ");
            Color colour = new Color(colour(k == elements.size() - 1 ? RestorationTarget.INFERRED : k));
            swatches.add(colour);
            swatch.setBackground(colour);
            new Label(legend, SWT.NONE).setText(elements.get(k));
        }
        legend.getParent().getParent().layout(true, true);
        table.setInput(run.plannedSources());
        int inferred = elements.size() - 1;
        run.plannedSources().stream().max(java.util.Comparator.comparingDouble(s -> s.percent().get(inferred)))
                .ifPresent(s -> table.setSelection(new StructuredSelection(s), true));
    }

    /** Plans the frame's source map and reads its scan in the background; the preview shows them when done. */
    @Override
    protected void preview(PreparedRun.PlannedSources frame) {
        PreparedRun run = model.prepared();
        List<String> elements = run.sourceElements();
        previews.load(Labels.get("wizard.sources.loading", frame.scanName()), monitor -> {
            Image scan = run.scanFrame(frame.index());
            int[] codes = run.plannedSourceMap(frame.index());
            List<ImageData> pictures = new ArrayList<>();
            pictures.add(DisplayImages.toImageData(scan));
            for (int k = 0; k < elements.size(); k++) {
                int code = k == elements.size() - 1 ? RestorationTarget.INFERRED : k;
                float[] mask = new float[codes.length];
                boolean any = false;
                for (int i = 0; i < codes.length; i++) {
                    if (codes[i] == code) {
                        mask[i] = 1;
                        any = true;
                    }
                }
                if (any) {
                    pictures.add(DisplayImages.overlay(new Image(scan.width(), scan.height(), 1, mask), colour(code), ALPHA, false));
                }
            }
            return pictures.toArray(ImageData[]::new);
        }, compare, pictures -> {
            overlays = List.of(pictures).subList(1, pictures.length);
            compare.setImages(pictures[0], null);
            compare.setOverlays(showMap.getSelection() ? overlays : List.of());
            StringBuilder shares = new StringBuilder();
            for (int k = 0; k < elements.size(); k++) {
                shares.append(k == 0 ? "" : ", ").append(Labels.get("wizard.sources.legend", elements.get(k),
                        String.format(Locale.ROOT, "%.2f", frame.percent().get(k))));
            }
            previewNote.setText(Labels.get("wizard.sources.preview", frame.scanName(), shares));
        });
    }

    /** The overlays drawn for the selected frame, one per source present (for tests). */
    List<ImageData> overlays() {
        return overlays;
    }

    @Override
    public void dispose() {
        swatches.forEach(Color::dispose);
        super.dispose();
    }
}
