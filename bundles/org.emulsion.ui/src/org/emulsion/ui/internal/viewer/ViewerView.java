package org.emulsion.ui.internal.viewer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Scale;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.part.ViewPart;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.extensions.TemporalMatch;
import org.emulsion.engine.ContactSheets;
import org.emulsion.pipeline.RunFolder;
import org.emulsion.ui.internal.Labels;
import org.emulsion.ui.internal.UiThread;
import org.emulsion.ui.internal.compare.CompareCanvas;

/**
 * "Run Viewer": a restore's output folder frame by frame. Two of scan, registered reference,
 * baseline, result (or the Input, Target and Output tiles of a contact sheet row) are compared in
 * a {@link CompareCanvas} (wipe, side by side, difference, one alone; fit or 1:1 and closer), with
 * the frame's damage map (red) and confidence map (blue where unsure) over them when the overlay is on;
 * a slider, a spinner and the arrow keys (Page Up/Down: 10 frames, Home/End) step through the
 * frames; a side panel shows each model's contact sheets. Pictures are decoded off the UI thread
 * ({@link PictureLoader}); what a run has not written yet is named where the picture would be.
 */
public final class ViewerView extends ViewPart {
    public static final String ID = "org.emulsion.ui.views.viewer";
    private static final int[] ZOOMS = {CompareCanvas.FIT, 1, 2, 4};
    private static final int PAGE = 10;

    private Label runLabel;
    private Combo aCombo;
    private Combo bCombo;
    private Combo modeCombo;
    private Combo zoomCombo;
    private Button overlayButton;
    private Scale frameScale;
    private Spinner frameSpinner;
    private Label frameLabel;
    private Label readoutLabel;
    private CompareCanvas canvas;
    private Combo modelCombo;
    private Combo sheetCombo;
    private Spinner rowSpinner;
    private CompareCanvas sheetCanvas;
    private Label noteLabel;

    private PictureLoader loader;
    private RunFolder run;
    private List<RunFolder.Model> models = List.of();
    private int frameCount;
    private PictureLoader.Request requested;
    private PictureLoader.Request shown;
    private PictureLoader.Result shownResult;

    /** Shows the viewer on the run in {@code outputFolder} (read in the background). Call on the UI thread. */
    public static ViewerView open(Path outputFolder) throws PartInitException {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        ViewerView view = (ViewerView) page.showView(ID);
        view.openRun(outputFolder);
        return view;
    }

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        loader = new PictureLoader(result -> UiThread.later(canvas, () -> show(result)));

        Composite header = row(parent, 3);
        runLabel = new Label(header, SWT.NONE);
        runLabel.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        runLabel.setText(Labels.get("viewer.noRun"));
        overlayButton = new Button(header, SWT.CHECK);
        overlayButton.setText(Labels.get("viewer.overlay"));
        overlayButton.setToolTipText(Labels.get("viewer.overlay.tooltip"));
        overlayButton.addListener(SWT.Selection, e -> request());
        Button refresh = new Button(header, SWT.PUSH);
        refresh.setText(Labels.get("viewer.refresh"));
        refresh.addListener(SWT.Selection, e -> refresh());

        Composite choices = row(parent, 8);
        aCombo = combo(choices, "viewer.a", Source.values().length, i -> Source.values()[i].label());
        bCombo = combo(choices, "viewer.b", Source.values().length, i -> Source.values()[i].label());
        modeCombo = combo(choices, "viewer.mode", CompareCanvas.Mode.values().length,
                i -> Labels.get("viewer.mode." + CompareCanvas.Mode.values()[i].name()));
        zoomCombo = combo(choices, "viewer.zoom", ZOOMS.length,
                i -> ZOOMS[i] == CompareCanvas.FIT ? Labels.get("viewer.zoom.fit") : Labels.get("viewer.zoom.factor", ZOOMS[i]));
        aCombo.select(Source.SCAN.ordinal());
        bCombo.select(Source.RESULT.ordinal());
        modeCombo.select(CompareCanvas.Mode.WIPE.ordinal());
        zoomCombo.select(0);
        aCombo.addListener(SWT.Selection, e -> request());
        bCombo.addListener(SWT.Selection, e -> request());
        modeCombo.addListener(SWT.Selection, e -> canvas.setMode(CompareCanvas.Mode.values()[modeCombo.getSelectionIndex()]));
        zoomCombo.addListener(SWT.Selection, e -> canvas.setZoom(ZOOMS[zoomCombo.getSelectionIndex()]));

        Composite frames = row(parent, 2);
        frameScale = new Scale(frames, SWT.HORIZONTAL);
        frameScale.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        frameScale.setPageIncrement(PAGE);
        frameScale.addListener(SWT.Selection, e -> setFrame(frameScale.getSelection()));
        frameSpinner = new Spinner(frames, SWT.BORDER);
        frameSpinner.setPageIncrement(PAGE);
        frameSpinner.addListener(SWT.Selection, e -> setFrame(frameSpinner.getSelection()));
        Composite labels = row(parent, 2);
        frameLabel = new Label(labels, SWT.NONE);
        frameLabel.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        readoutLabel = new Label(labels, SWT.NONE);
        GridData readoutData = new GridData(SWT.END, SWT.CENTER, false, false);
        readoutData.widthHint = 460;
        readoutLabel.setLayoutData(readoutData);
        enableFrames(false);

        SashForm sash = new SashForm(parent, SWT.HORIZONTAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        canvas = new CompareCanvas(sash, SWT.BORDER);
        canvas.addListener(SWT.KeyDown, this::key);
        canvas.addListener(SWT.MouseDown, e -> canvas.setFocus());
        canvas.addListener(SWT.Selection, e -> zoomCombo.select(indexOfZoom(canvas.getZoom())));
        canvas.addListener(SWT.MouseMove, e -> readout(e.x, e.y));
        canvas.addListener(SWT.MouseExit, e -> readoutLabel.setText(""));
        Composite sheets = new Composite(sash, SWT.NONE);
        sheets.setLayout(new GridLayout(2, false));
        modelCombo = labelledCombo(sheets, "viewer.model");
        modelCombo.addListener(SWT.Selection, e -> showSheets());
        sheetCombo = labelledCombo(sheets, "viewer.sheet");
        sheetCombo.addListener(SWT.Selection, e -> request());
        new Label(sheets, SWT.NONE).setText(Labels.get("viewer.row"));
        rowSpinner = new Spinner(sheets, SWT.BORDER);
        rowSpinner.setMinimum(1);
        rowSpinner.addListener(SWT.Selection, e -> request());
        sheetCanvas = new CompareCanvas(sheets, SWT.BORDER);
        sheetCanvas.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
        sheetCanvas.setMode(CompareCanvas.Mode.A_ONLY);
        sheetCanvas.setLabels(Labels.get("viewer.sheet.columns"), "");
        sash.setWeights(72, 28);

        noteLabel = new Label(parent, SWT.WRAP);
        noteLabel.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
    }

    private static Composite row(Composite parent, int columns) {
        Composite row = new Composite(parent, SWT.NONE);
        row.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        GridLayout layout = new GridLayout(columns, false);
        layout.marginHeight = 0;
        row.setLayout(layout);
        return row;
    }

    private static Combo combo(Composite parent, String labelKey, int count, java.util.function.IntFunction<String> item) {
        Combo combo = labelledCombo(parent, labelKey);
        for (int i = 0; i < count; i++) {
            combo.add(item.apply(i));
        }
        return combo;
    }

    private static Combo labelledCombo(Composite parent, String labelKey) {
        new Label(parent, SWT.NONE).setText(Labels.get(labelKey));
        Combo combo = new Combo(parent, SWT.READ_ONLY);
        combo.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, false, false));
        return combo;
    }

    /** Opens the run in {@code outputFolder} in the background, then shows its first frame. UI thread. */
    public void openRun(Path outputFolder) {
        Path folder = outputFolder.toAbsolutePath().normalize();
        runLabel.setText(Labels.get("viewer.opening", folder));
        Job open = Job.create(Labels.get("viewer.opening", folder), (IProgressMonitor monitor) -> {
            try {
                RunFolder opened = RunFolder.open(folder);
                int count = opened.frameCount();
                List<RunFolder.Model> found = opened.models();
                UiThread.later(canvas, () -> setRun(opened, count, found));
            } catch (EmulsionException | IOException e) {
                UiThread.later(canvas, () -> {
                    runLabel.setText(Labels.get("viewer.run", folder));
                    noteLabel.setText(e.getMessage());
                });
            }
            return Status.OK_STATUS;
        });
        open.schedule();
    }

    private void setRun(RunFolder opened, int count, List<RunFolder.Model> found) {
        if (run != null) {
            run.close();
        }
        run = opened;
        frameCount = count;
        models = found;
        runLabel.setText(Labels.get("viewer.run", run.folder()) + (run.finished() ? "" : " " + Labels.get("viewer.unfinished")));
        runLabel.getParent().layout();
        noteLabel.setText(count == 0 ? String.valueOf(run.scanProblem()) : String.join("; ", run.unfinished()));
        enableFrames(count > 0);
        frameScale.setMaximum(Math.max(1, count - 1));
        frameSpinner.setMaximum(Math.max(0, count - 1));
        modelCombo.setItems(models.stream().map(RunFolder.Model::name).toArray(String[]::new));
        modelCombo.select(models.isEmpty() ? -1 : 0);
        showSheets();
        setFrame(Math.min(frame(), Math.max(0, count - 1)));
    }

    /** Reads the folder again: frames, baseline and sheets the run wrote since. */
    private void refresh() {
        if (run != null) {
            openRun(run.folder());
        }
    }

    private void showSheets() {
        RunFolder.Model model = selectedModel();
        List<Path> sheets = model == null ? List.of() : model.contactSheets();
        sheetCombo.setItems(sheets.stream().map(p -> Labels.get("viewer.sheet.step", String.valueOf(ContactSheets.step(p)))).toArray(String[]::new));
        sheetCombo.select(sheets.size() - 1); // the newest
        sheetCombo.getParent().layout();
        request();
    }

    private RunFolder.Model selectedModel() {
        int index = modelCombo.getSelectionIndex();
        return index < 0 || index >= models.size() ? null : models.get(index);
    }

    private Path selectedSheet() {
        RunFolder.Model model = selectedModel();
        int index = sheetCombo.getSelectionIndex();
        return model == null || index < 0 || index >= model.contactSheets().size() ? null : model.contactSheets().get(index);
    }

    private void enableFrames(boolean enabled) {
        frameScale.setEnabled(enabled);
        frameSpinner.setEnabled(enabled);
    }

    /** Shows frame {@code index} (clamped to the run's frames). UI thread. */
    public void setFrame(int index) {
        int frame = Math.clamp(index, 0, Math.max(0, frameCount - 1));
        frameScale.setSelection(frame);
        frameSpinner.setSelection(frame);
        request();
    }

    private void key(Event e) {
        int frame = frame();
        int target = switch (e.keyCode) {
            case SWT.ARROW_LEFT -> frame - 1;
            case SWT.ARROW_RIGHT -> frame + 1;
            case SWT.PAGE_UP -> frame - PAGE;
            case SWT.PAGE_DOWN -> frame + PAGE;
            case SWT.HOME -> 0;
            case SWT.END -> frameCount - 1;
            default -> frame;
        };
        if (target != frame) {
            setFrame(target);
            e.doit = false;
        }
    }

    private int frame() {
        return frameSpinner.getSelection();
    }

    private void request() {
        if (canvas == null || canvas.isDisposed()) {
            return;
        }
        requested = new PictureLoader.Request(run, run == null || frameCount == 0 ? -1 : frame(),
                Source.values()[aCombo.getSelectionIndex()], Source.values()[bCombo.getSelectionIndex()],
                overlayButton.getSelection(), selectedSheet(),
                rowSpinner.getSelection() - 1);
        loader.request(requested);
    }

    private void show(PictureLoader.Result result) {
        PictureLoader.Request request = result.request();
        canvas.setImages(result.a().image(), result.b().image());
        canvas.setOverlays(result.overlays());
        canvas.setLabels(label(request.a(), result.a()), label(request.b(), result.b()));
        sheetCanvas.setImages(result.sheet(), null);
        if (result.sheetRows() > 0) {
            rowSpinner.setMaximum(result.sheetRows());
        }
        frameLabel.setText(result.frame() == null ? "" : describe(result.frame(), request.frame()));
        frameLabel.getParent().layout();
        shown = request;
        shownResult = result;
    }

    /** The samples of A and B under the mouse (as decoded: 16-bit frames show their full precision). */
    private void readout(int x, int y) {
        Point pixel = canvas.toImage(x, y);
        if (pixel == null || shownResult == null) {
            readoutLabel.setText("");
            return;
        }
        readoutLabel.setText(Labels.get("viewer.readout", pixel.x, pixel.y, samples(shownResult.a().samples(), pixel),
                samples(shownResult.b().samples(), pixel)));
    }

    private static String samples(org.emulsion.core.image.Image image, Point pixel) {
        if (image == null || pixel.x >= image.width() || pixel.y >= image.height()) {
            return "-";
        }
        StringBuilder text = new StringBuilder();
        for (int c = 0; c < Math.min(3, image.channels()); c++) {
            text.append(c == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.4f", image.get(pixel.x, pixel.y, c)));
        }
        return text.toString();
    }

    private static String label(Source source, PictureLoader.Side side) {
        return side.note() == null ? source.label() : Labels.get("viewer.source.note", source.label(), side.note());
    }

    /** "scan_0003.tif (4 of 12) · reference frame 3 · confidence 0.98 · training pair". */
    private String describe(RunFolder.FrameInfo info, int frame) {
        StringBuilder text = new StringBuilder(Labels.get("viewer.frame", info.name(), frame + 1, frameCount));
        if (info.referenceFrame() != TemporalMatch.NONE) {
            text.append(" \u00b7 ").append(Labels.get("viewer.frame.reference", info.referenceFrame()));
        }
        if (!Double.isNaN(info.confidence())) {
            text.append(" \u00b7 ").append(Labels.get("viewer.frame.confidence", String.format(Locale.ROOT, "%.2f", info.confidence())));
        }
        if (info.role() != RunFolder.Role.NONE) {
            text.append(" \u00b7 ").append(Labels.get("viewer.frame.role." + info.role().name()));
        }
        return text.toString();
    }

    private static int indexOfZoom(int zoom) {
        for (int i = 0; i < ZOOMS.length; i++) {
            if (ZOOMS[i] == zoom) {
                return i;
            }
        }
        return 0;
    }

    // ---- for tests and glue (UI thread)

    /** The run shown, or null. */
    public RunFolder runFolder() {
        return run;
    }

    /** Whether the pictures last asked for are on screen. */
    public boolean isShowing() {
        return requested != null && requested.equals(shown);
    }

    /** The frame whose pictures are on screen, or -1. */
    public int shownFrame() {
        return shown == null ? -1 : shown.frame();
    }

    /** The frame label's text: name, position, reference frame, role. */
    public String frameText() {
        return frameLabel.getText();
    }

    /** The read-out of the samples under the mouse. */
    public String readoutText() {
        return readoutLabel.getText();
    }

    public CompareCanvas compareCanvas() {
        return canvas;
    }

    /** Puts {@code a} and {@code b} on the two sides. */
    public void setSources(Source a, Source b) {
        aCombo.select(a.ordinal());
        bCombo.select(b.ordinal());
        request();
    }

    /** Shows or hides the damage and confidence maps over the frame, as the check box does. */
    public void setOverlay(boolean shown) {
        overlayButton.setSelection(shown);
        request();
    }

    /** Chooses the compare mode and zoom as the combos would. */
    public void setMode(CompareCanvas.Mode mode, int zoom) {
        modeCombo.select(mode.ordinal());
        zoomCombo.select(indexOfZoom(zoom));
        canvas.setMode(mode);
        canvas.setZoom(zoom);
    }

    @Override
    public void setFocus() {
        canvas.setFocus();
    }

    @Override
    public void dispose() {
        loader.cancel();
        if (run != null) {
            run.close();
        }
        super.dispose();
    }
}
