package org.emulsion.ui.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.jface.wizard.IWizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.emulsion.compose.Luma;
import org.emulsion.core.image.FrameSource;
import org.emulsion.media.ImageFiles;
import org.emulsion.pipeline.Provenance;
import org.emulsion.pipeline.RunLayout;
import org.emulsion.pipeline.Sources;
import org.emulsion.pipeline.internal.ShotDetector;
import org.emulsion.simulator.ArtworkCase;
import org.emulsion.ui.internal.wizards.PictureStrip;
import org.emulsion.ui.wizards.PathOptionPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * artwork-chroma in the workbench on a small simulated faded scan and artwork of the film's other
 * shots: the artwork page (artwork.ui's contribution) says the result is an interpretation and
 * refuses a file or nothing, naming the artwork, and shows the folder's first pictures as thumbnails
 * with how many it holds; the assignment page lists the shots the run's detector finds and the usable
 * artwork, writes what is ticked (one artwork pinned to every shot) beside the output folder and points
 * {@code assign} at it, or takes the restorer's own file instead (a folder refused); the run honours the
 * assignment, keeps the scan's luma and names the artwork in its provenance. Cancelled, the wizard leaves
 * no assignment file behind.
 */
@ExtendWith(Workbench.class)
class ArtworkUiTest {
    private static final String PINNED = "artwork_003.png";

    @TempDir
    Path dir;

    @Test
    void theArtworkAndAssignmentPagesRefuseWhatTheyCannotUseAndTheRunHonoursTheAssignment() throws Exception {
        ArtworkCase.Written material = new ArtworkCase(ArtworkCase.Spec.small()).write(dir.resolve("case"));
        Path artwork = material.artwork().location();
        List<String> scans = RestoreWizardDriver.names(material.scan());
        Path handWritten = dir.resolve("assign.json");
        Files.writeString(handWritten, "{\"assign\": [{\"frames\": \"0-" + (scans.size() - 1) + "\", \"artwork\": [\"" + PINNED + "\"]}]}");
        Path out = dir.resolve("out");
        RestoreWizardDriver wizard = RestoreWizardDriver.open("artwork-chroma");
        Shell shell = wizard.shell();
        assertEquals(List.of("material", "artwork-chroma.artwork", "artwork-chroma.assign", "alignment", "pairs", "training"),
                wizard.pageNames());

        wizard.material(material.scan(), 30, out);
        wizard.next();

        // The artwork page: what the result is, said plainly; a file or nothing is refused, naming the artwork.
        IWizardPage artworkPage = wizard.page();
        assertEquals("artwork-chroma.artwork", Ui.ui(artworkPage::getName));
        assertTrue(Ui.ui(() -> Ui.findAll(shell, Label.class, l -> l.isVisible() && l.getText().contains("The result is an interpretation")))
                .size() == 1, "the page says the result is an interpretation of the artwork's colour");
        Text artworkField = artworkField(artworkPage);
        assertFalse(Ui.ui(artworkPage::isPageComplete));
        Ui.run(() -> Ui.type(artworkField, handWritten.toString()));
        assertEquals(handWritten + " is a file: the artwork is a folder", Ui.ui(artworkPage::getErrorMessage));
        assertFalse(Ui.ui(artworkPage::isPageComplete));
        Ui.run(() -> Ui.type(artworkField, ""));
        assertEquals("Choose the artwork", Ui.ui(artworkPage::getErrorMessage));
        assertFalse(Ui.ui(artworkPage::isPageComplete));
        Ui.run(() -> Ui.type(artworkField, artwork.toString()));
        assertNull(Ui.ui(artworkPage::getErrorMessage));
        // thumbnails of the folder's first pictures, with how many it holds
        PictureStrip pictures = Ui.ui(((PathOptionPage) artworkPage)::pictures);
        Ui.waitUntil("the artwork's thumbnails", Duration.ofSeconds(30), () -> !pictures.isLoading());
        int stills;
        try (Stream<Path> list = Files.list(artwork)) {
            stills = (int) list.filter(p -> p.toString().endsWith(".png")).count();
        }
        assertEquals(Math.min(12, stills), Ui.ui(() -> pictures.thumbnails().size()), "a thumbnail per picture, twelve at most");
        assertTrue(Ui.ui(() -> Ui.findAll(shell, Label.class, l -> l.getText().startsWith(stills + " pictures in the folder"))).size() == 1,
                "the page says how many pictures the folder holds");
        Screenshots.save(shell, "wizard-artwork-2-artwork");
        wizard.next();

        // The assignment page: the scan's shots as the run finds them, the usable artwork with a tick each.
        IWizardPage assignPage = wizard.page();
        assertEquals("artwork-chroma.assign", Ui.ui(assignPage::getName));
        Composite assignControl = Ui.ui(() -> (Composite) assignPage.getControl());
        Table shots = shotTable(assignPage);
        Table artworks = Ui.ui(() -> Ui.find(assignControl, Table.class, t -> (t.getStyle() & SWT.CHECK) != 0));
        int found;
        try (FrameSource scan = Sources.open(Sources.scan(material.scan(), "--scan"), material.scan(), "--scan")) {
            found = ShotDetector.detect(scan, new NullProgressMonitor()).shots().size();
        }
        assertEquals(found, Ui.ui(shots::getItemCount), "a row per shot the run's detector finds");
        assertEquals("Shot 1", Ui.ui(() -> shots.getItem(0).getText(0)));
        assertEquals("automatic", Ui.ui(() -> shots.getItem(0).getText(2)));
        assertEquals(stills, Ui.ui(artworks::getItemCount), "a tick per usable artwork");
        assertTrue(Ui.ui(assignPage::isPageComplete), "the assignment is optional");
        assertNull(Ui.ui(() -> wizard.wizard().model().option("assign")), "nothing ticked: no assignment");

        // Every shot selected and PINNED ticked: every frame is pinned, written beside the output folder.
        tickForEveryShot(assignPage, PINNED);
        String assign = Ui.ui(() -> wizard.wizard().model().option("assign"));
        assertTrue(assign != null && Path.of(assign).getParent().equals(out.getParent())
                && Path.of(assign).getFileName().toString().startsWith("out-assignment-"), String.valueOf(assign));
        JsonObject written = RestoreWizardTest.json(Path.of(assign));
        assertEquals(found, written.getAsJsonArray("assign").size(), written.toString());
        for (int s = 0; s < found; s++) {
            JsonObject entry = written.getAsJsonArray("assign").get(s).getAsJsonObject();
            assertEquals(s + 1, entry.get("shot").getAsInt(), written.toString());
            assertEquals(List.of(PINNED), entry.getAsJsonArray("artwork").asList().stream().map(JsonElement::getAsString).toList());
        }
        assertEquals(PINNED, Ui.ui(() -> shots.getItem(0).getText(2)));
        assertEquals(1, Ui.ui(() -> Ui.findAll(assignControl, Label.class, l -> l.getText().contains(assign)).size()),
                "the page says which file it wrote");
        Screenshots.save(shell, "wizard-artwork-3-assign");

        // An assignment file of the restorer's own instead: a folder refused, the file taken, the ticks back when emptied.
        Text own = Ui.ui(() -> Ui.find(assignControl, Text.class, t -> true));
        Ui.run(() -> Ui.type(own, artwork.toString()));
        assertEquals(artwork + " is a folder; give an assignment file (JSON) or empty the field", Ui.ui(assignPage::getErrorMessage));
        assertFalse(Ui.ui(assignPage::isPageComplete));
        Ui.run(() -> Ui.type(own, assign.replace(".json", "-none.json")));
        assertFalse(Ui.ui(assignPage::isPageComplete));
        Ui.run(() -> Ui.type(own, handWritten.toString()));
        assertTrue(Ui.ui(assignPage::isPageComplete), Ui.ui(assignPage::getErrorMessage));
        assertEquals(handWritten.toString(), Ui.ui(() -> wizard.wizard().model().option("assign")));
        assertFalse(Files.exists(Path.of(assign)), "the ticks' file is removed while the restorer's own is used");
        Ui.run(() -> Ui.type(own, ""));
        assertEquals(assign, Ui.ui(() -> wizard.wizard().model().option("assign")), "the ticks are written again");
        assertTrue(Files.isRegularFile(Path.of(assign)));

        wizard.nextToAlignment();
        wizard.nextThrough("pairs", "training");
        wizard.finish();

        // Every frame took the pinned artwork; the scan's luma is kept; the provenance names the artwork.
        for (JsonElement frame : RestoreWizardTest.json(out.resolve("alignment").resolve("alignment.json")).getAsJsonArray("frames")) {
            assertEquals(PINNED, frame.getAsJsonObject().get("referenceName").getAsString(), frame.toString());
        }
        assertEquals(scans, RestoreWizardDriver.names(out.resolve(RunLayout.FRAMES)));
        String first = scans.get(0);
        assertArrayEquals(Luma.codes(ImageFiles.read(material.scan().resolve(first)).image()),
                Luma.codes(ImageFiles.read(out.resolve(RunLayout.FRAMES).resolve(first)).image()), first + ": the scan's luma");
        JsonObject provenance = RestoreWizardTest.json(out.resolve(Provenance.SIDECAR));
        assertTrue(provenance.get("note").getAsString().contains("artwork"), provenance.toString());
        assertTrue(provenance.getAsJsonObject(Provenance.REFERENCE_FILES).has(PINNED), provenance.toString());
        JsonObject report = RestoreWizardTest.json(out.resolve(RunLayout.REPORT_JSON)).getAsJsonObject("artwork");
        assertTrue(report.get("choice").getAsString().contains(assign), report.get("choice").toString());
    }

    /** The file the ticks were written to serves no run when the wizard is cancelled: it is removed, nothing is left. */
    @Test
    void cancellingRemovesTheAssignmentTheTicksWrote() throws Exception {
        ArtworkCase.Written material = new ArtworkCase(ArtworkCase.Spec.small()).write(dir.resolve("case"));
        Path out = dir.resolve("out");
        RestoreWizardDriver wizard = RestoreWizardDriver.open("artwork-chroma");
        wizard.material(material.scan(), 30, out);
        wizard.next();
        Text artworkField = artworkField(wizard.page());
        Ui.run(() -> Ui.type(artworkField, material.artwork().location().toString()));
        wizard.next();
        IWizardPage assignPage = wizard.page();
        shotTable(assignPage);
        tickForEveryShot(assignPage, PINNED);
        Path assign = Path.of(Ui.ui(() -> wizard.wizard().model().option("assign")));
        assertTrue(Files.isRegularFile(assign), assign.toString());

        wizard.cancel();
        assertFalse(Files.exists(assign), assign + " is removed on Cancel");
        assertFalse(Files.exists(out), "no output folder");
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of("case"), left.map(p -> p.getFileName().toString()).toList(), "nothing else beside the output folder");
        }
    }

    private static Text artworkField(IWizardPage artworkPage) {
        return Ui.ui(() -> Ui.find((Composite) artworkPage.getControl(), Text.class, t -> true));
    }

    /** The assignment page's table of shots, once the shots are found. */
    private static Table shotTable(IWizardPage assignPage) {
        Table shots = Ui.ui(() -> Ui.find((Composite) assignPage.getControl(), Table.class, t -> (t.getStyle() & SWT.CHECK) == 0));
        Ui.waitUntil("the scan's shots", Duration.ofMinutes(2), () -> shots.getItemCount() > 0);
        return shots;
    }

    /** Selects every shot of the assignment page and ticks the artwork {@code name} for them. */
    private static void tickForEveryShot(IWizardPage assignPage, String name) {
        Ui.run(() -> {
            Composite control = (Composite) assignPage.getControl();
            Table shots = Ui.find(control, Table.class, t -> (t.getStyle() & SWT.CHECK) == 0);
            Table artworks = Ui.find(control, Table.class, t -> (t.getStyle() & SWT.CHECK) != 0);
            shots.selectAll();
            shots.notifyListeners(SWT.Selection, new Event());
            TableItem item = List.of(artworks.getItems()).stream().filter(i -> name.equals(i.getData())).findFirst().orElseThrow();
            item.setChecked(true);
            Event tick = new Event();
            tick.detail = SWT.CHECK;
            tick.item = item;
            artworks.notifyListeners(SWT.Selection, tick);
        });
    }
}
