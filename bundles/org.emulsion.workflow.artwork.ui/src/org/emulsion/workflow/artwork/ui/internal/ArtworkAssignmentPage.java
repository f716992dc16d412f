package org.emulsion.workflow.artwork.ui.internal;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.project.FilmProject;
import org.emulsion.pipeline.internal.FrameRange;
import org.emulsion.ui.internal.wizards.PathField;
import org.emulsion.ui.wizards.IRestoreWizardContext;
import org.emulsion.workflow.artwork.internal.ArtworkAssignment;
import org.emulsion.workflow.artwork.internal.ArtworkFolder;

/**
 * The assignment of artworks to the scan's shots: on the left the shots as the run will find them
 * (numbered from 1 as the report numbers them), on the right the usable artworks of the folder, each
 * with a tick that pins it to the shots selected on the left. Shots with nothing ticked stay automatic
 * (retrieval gives each frame the artwork that resembles it most). What is ticked is written as an
 * {@code --assign} file ({@link ArtworkAssignment#write}) beside the output folder and the option set to
 * it; with nothing ticked the option is cleared, and on Cancel the file is removed. The restorer may name an assignment file of their own
 * instead, which is then checked against the shots and the folder. Always complete: the assignment is optional.
 */
final class ArtworkAssignmentPage extends WizardPage {
    private static final String SCAN = "scan";
    private static final int TABLE_HEIGHT = 190;

    private final IRestoreWizardContext context;
    private final ShotTicks ticks = new ShotTicks();
    private final List<Image> images = new ArrayList<>();
    /** The shots and artwork shown, or null until found. */
    private AssignmentMaterial material;
    /** The file this page wrote last: replaced when the ticks change, deleted when nothing is ticked. */
    private Path written;
    /** The restorer's own assignment file, or empty: the ticks are then not used. */
    private String ownFile = "";
    /** Why the shots or the artwork could not be shown, or null. */
    private String findProblem;

    private Table shots;
    private Table artworks;
    private Button clearShots;
    private Button clearAll;
    private Label skipped;
    private Label result;

    ArtworkAssignmentPage(IRestoreWizardContext context) {
        super(context.workflow().id() + "." + ArtworkPages.ASSIGN);
        this.context = context;
        setTitle(Texts.get("assign.title"));
        setDescription(Texts.get("assign.description"));
        String initial = context.option(ArtworkPages.ASSIGN);
        ownFile = initial == null ? "" : initial;
    }

    @Override
    public void createControl(Composite parent) {
        Composite page = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).equalWidth(true).applyTo(page);
        Label explanation = new Label(page, SWT.WRAP);
        explanation.setText(Texts.get("assign.explanation"));
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(480, SWT.DEFAULT).applyTo(explanation);

        new Label(page, SWT.NONE).setText(Texts.get("assign.shots"));
        new Label(page, SWT.NONE).setText(Texts.get("assign.artworks"));
        shots = new Table(page, SWT.BORDER | SWT.MULTI | SWT.FULL_SELECTION | SWT.V_SCROLL);
        shots.setHeaderVisible(true);
        column(shots, Texts.get("assign.column.shot"), 130);
        column(shots, Texts.get("assign.column.frames"), 80);
        column(shots, Texts.get("assign.column.artwork"), 140);
        GridDataFactory.fillDefaults().grab(true, true).hint(SWT.DEFAULT, TABLE_HEIGHT).applyTo(shots);
        shots.addListener(SWT.Selection, e -> showTicks());
        artworks = new Table(page, SWT.BORDER | SWT.CHECK | SWT.SINGLE | SWT.FULL_SELECTION | SWT.V_SCROLL);
        column(artworks, "", 320);
        GridDataFactory.fillDefaults().grab(true, true).hint(SWT.DEFAULT, TABLE_HEIGHT).applyTo(artworks);
        artworks.addListener(SWT.Selection, this::ticked);

        Composite buttons = new Composite(page, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(buttons);
        GridDataFactory.fillDefaults().align(SWT.BEGINNING, SWT.BEGINNING).applyTo(buttons);
        clearShots = button(buttons, Texts.get("assign.clearShots"), () -> ticks.clear(selectedShots()));
        clearAll = button(buttons, Texts.get("assign.clearAll"), ticks::clearAll);
        skipped = new Label(page, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).hint(200, SWT.DEFAULT).applyTo(skipped);

        result = new Label(page, SWT.WRAP);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(480, SWT.DEFAULT).applyTo(result);
        Composite own = new Composite(page, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(own);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(own);
        new Label(own, SWT.NONE).setText(Texts.get("assign.ownFile"));
        new PathField(own, ownFile, false, true, value -> {
            ownFile = value;
            update();
        }).offer(context.project().map(FilmProject::elements).orElse(List.of()));

        page.addDisposeListener(e -> {
            disposeImages();
            if (!context.started()) { // cancelled: the ticks' file served no run
                removeWritten();
            }
        });
        setControl(page);
        update();
    }

    /** When shown for a scan and artwork folder other than those shown, finds their shots and artwork (after the page is drawn). */
    @Override
    public void setVisible(boolean visible) {
        super.setVisible(visible);
        if (visible && !isShown(context.option(SCAN), context.option(ArtworkPages.ARTWORK))) {
            getShell().getDisplay().asyncExec(() -> {
                if (!getControl().isDisposed() && isCurrentPage()) {
                    find();
                }
            });
        }
    }

    private boolean isShown(String scan, String artwork) {
        return material != null && scan != null && artwork != null && material.scan().equals(Path.of(scan))
                && material.artwork().equals(Path.of(artwork));
    }

    /** Finds the shots and reads the artwork in the wizard's progress area (cancellable), then shows them. */
    private void find() {
        String scan = context.option(SCAN);
        String artwork = context.option(ArtworkPages.ARTWORK);
        if (scan == null || artwork == null) {
            return; // the earlier pages refuse to go on without them
        }
        AssignmentMaterial[] found = new AssignmentMaterial[1];
        try {
            getContainer().run(true, true, monitor -> {
                try {
                    found[0] = AssignmentMaterial.find(Path.of(scan), Path.of(artwork), monitor);
                } catch (OperationCanceledException e) {
                    throw new InterruptedException();
                } catch (EmulsionException | RuntimeException e) {
                    throw new InvocationTargetException(e);
                }
            });
        } catch (InvocationTargetException e) {
            findProblem = e.getCause().getMessage();
            show(null);
            return;
        } catch (InterruptedException e) {
            findProblem = null;
            show(null);
            setMessage(Texts.get("assign.cancelled"), IMessageProvider.WARNING);
            return;
        }
        findProblem = null;
        setMessage(null);
        show(found[0]);
    }

    /** Shows {@code found} (null: nothing), keeping the ticks that still name a shot and a usable artwork. */
    private void show(AssignmentMaterial found) {
        if (material != null && (found == null || !material.scan().equals(found.scan()) || !material.artwork().equals(found.artwork()))) {
            ticks.clearAll(); // another scan or folder: its shots and artworks are not the ones ticked
        }
        material = found;
        disposeImages();
        shots.removeAll();
        artworks.removeAll();
        if (found != null) {
            List<FrameRange> ranges = found.shots().shots();
            for (int s = 0; s < ranges.size(); s++) {
                TableItem item = new TableItem(shots, SWT.NONE);
                item.setData(s + 1);
                item.setImage(0, image(found.shotPictures().get(s)));
            }
            List<ArtworkFolder.Artwork> usable = found.folder().artworks();
            for (int a = 0; a < usable.size(); a++) {
                TableItem item = new TableItem(artworks, SWT.NONE);
                item.setData(usable.get(a).name());
                item.setText(Texts.get("assign.artwork", usable.get(a).name(), usable.get(a).width(), usable.get(a).height()));
                item.setImage(image(found.artworkPictures().get(a)));
            }
            shots.select(0);
            List<String> left = found.folder().skipped().stream().map(ArtworkFolder.Skipped::toString).toList();
            skipped.setText(left.isEmpty() ? "" : Texts.get("assign.skipped", String.join(", ", left)));
        } else {
            skipped.setText("");
        }
        update();
        ((Composite) getControl()).layout(true, true);
    }

    /** A tick or an untick on the right: pins the artwork to, or takes it from, every shot selected on the left. */
    private void ticked(Event e) {
        if (e.detail != SWT.CHECK) {
            return;
        }
        TableItem item = (TableItem) e.item;
        List<Integer> selected = selectedShots();
        if (selected.isEmpty()) {
            item.setChecked(false);
            setMessage(Texts.get("assign.selectShot"), IMessageProvider.INFORMATION);
            return;
        }
        setMessage(null);
        ticks.set(selected, (String) item.getData(), item.getChecked());
        update();
    }

    /** The shots selected on the left, numbered from 1. */
    List<Integer> selectedShots() {
        List<Integer> selected = new ArrayList<>();
        for (TableItem item : shots.getSelection()) {
            selected.add((Integer) item.getData());
        }
        return selected;
    }

    /** Writes or clears the assignment, then shows it: each shot's artworks, the ticks of the selected shots, what the run will read. */
    private void update() {
        String problem = ownFile.isEmpty() ? save() : checkOwnFile();
        for (TableItem item : shots.getItems()) {
            int shot = (Integer) item.getData();
            FrameRange range = material.shots().shots().get(shot - 1);
            List<String> pinned = ticks.of(shot);
            item.setText(0, Texts.get("assign.shot", shot));
            item.setText(1, Texts.get("assign.frames", range.first(), range.last()));
            item.setText(2, pinned.isEmpty() ? Texts.get("assign.automatic") : String.join(", ", pinned));
        }
        showTicks();
        boolean ticking = ownFile.isEmpty() && material != null;
        shots.setEnabled(ticking);
        artworks.setEnabled(ticking);
        clearShots.setEnabled(ticking);
        clearAll.setEnabled(ticking && !ticks.isEmpty());
        String assign = context.option(ArtworkPages.ASSIGN);
        result.setText(!ownFile.isEmpty() ? Texts.get("assign.usingOwn", ownFile)
                : assign == null ? Texts.get("assign.none") : Texts.get("assign.written", assign));
        setErrorMessage(problem != null ? problem : findProblem);
        // always complete but for an assignment file of the restorer's own that the run would refuse
        setPageComplete(problem == null);
        result.getParent().layout(true, true);
    }

    /** The ticks of the shots selected: ticked for all of them, grey for some. */
    private void showTicks() {
        List<Integer> selected = selectedShots();
        for (TableItem item : artworks.getItems()) {
            long count = ticks.count(selected, (String) item.getData());
            item.setChecked(count > 0);
            item.setGrayed(count > 0 && count < selected.size());
        }
    }

    /**
     * Writes the ticks to a new file and points {@code assign} at it, or clears {@code assign} when
     * nothing is ticked; the file written before is deleted.
     *
     * @return what is wrong, or null
     */
    private String save() {
        Path previous = written;
        written = null;
        try {
            if (!ticks.isEmpty()) {
                Map<Integer, List<String>> assignment = ticks.asMap();
                written = AssignmentFile.location(context, assignment);
                Files.createDirectories(written.getParent());
                ArtworkAssignment.write(written, assignment);
            }
            if (previous != null && !previous.equals(written)) {
                Files.deleteIfExists(previous);
            }
        } catch (IOException e) {
            written = null;
            context.setOption(ArtworkPages.ASSIGN, null);
            return e.getMessage();
        }
        context.setOption(ArtworkPages.ASSIGN, written == null ? null : written.toString());
        return null;
    }

    /** Deletes the file the ticks were written to, if any. */
    private void removeWritten() {
        if (written != null) {
            try {
                Files.deleteIfExists(written);
            } catch (IOException e) {
                ILog.of(getClass()).warn(written + " could not be deleted: " + e.getMessage());
            }
            written = null;
        }
    }

    /** Takes the restorer's own file, checked as the run will read it once the shots and artwork are known. */
    private String checkOwnFile() {
        removeWritten(); // the ticks' file is not used meanwhile
        context.setOption(ArtworkPages.ASSIGN, ownFile);
        Path file = Path.of(ownFile);
        if (!Files.isRegularFile(file)) {
            return Texts.get(Files.isDirectory(file) ? "assign.ownIsFolder" : "assign.ownMissing", ownFile);
        }
        if (material == null) {
            return null;
        }
        try {
            ArtworkAssignment.read(file, material.folder(), material.frames(), material::shots);
            return null;
        } catch (EmulsionException e) {
            return e.getMessage();
        }
    }

    private Image image(org.eclipse.swt.graphics.ImageData data) {
        Image image = new Image(getShell().getDisplay(), data);
        images.add(image);
        return image;
    }

    private void disposeImages() {
        images.forEach(Image::dispose);
        images.clear();
    }

    private Button button(Composite parent, String label, Runnable action) {
        Button button = new Button(parent, SWT.PUSH);
        button.setText(label);
        button.addListener(SWT.Selection, e -> {
            action.run();
            update();
        });
        return button;
    }

    private static void column(Table table, String title, int width) {
        TableColumn column = new TableColumn(table, SWT.NONE);
        column.setText(title);
        column.setWidth(width);
    }
}
