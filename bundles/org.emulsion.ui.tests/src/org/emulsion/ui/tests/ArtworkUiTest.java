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

import org.eclipse.jface.wizard.IWizardPage;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.emulsion.compose.Luma;
import org.emulsion.media.ImageFiles;
import org.emulsion.pipeline.Provenance;
import org.emulsion.pipeline.RunLayout;
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
 * with how many it holds; the assignment page is optional and refuses a
 * folder; an assignment pinning one artwork to every frame is honoured by the run, which keeps the
 * scan's luma and names the artwork in its provenance.
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
        Path assign = dir.resolve("assign.json");
        Files.writeString(assign, "{\"assign\": [{\"frames\": \"0-" + (scans.size() - 1) + "\", \"artwork\": [\"" + PINNED + "\"]}]}");
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
        Text artworkField = Ui.ui(() -> Ui.find((Composite) artworkPage.getControl(), Text.class, t -> true));
        assertFalse(Ui.ui(artworkPage::isPageComplete));
        Ui.run(() -> Ui.type(artworkField, assign.toString()));
        assertEquals(assign + " is a file: the artwork is a folder", Ui.ui(artworkPage::getErrorMessage));
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

        // The assignment page: complete while empty (the workflow chooses), a folder refused, the file taken.
        IWizardPage assignPage = wizard.page();
        assertEquals("artwork-chroma.assign", Ui.ui(assignPage::getName));
        assertTrue(Ui.ui(assignPage::isPageComplete), "the assignment is optional");
        Text assignField = Ui.ui(() -> Ui.find((Composite) assignPage.getControl(), Text.class, t -> true));
        Ui.run(() -> Ui.type(assignField, artwork.toString()));
        assertEquals(artwork + " is a folder: the assign is a file", Ui.ui(assignPage::getErrorMessage));
        assertFalse(Ui.ui(assignPage::isPageComplete));
        Ui.run(() -> Ui.type(assignField, assign.toString()));
        assertTrue(Ui.ui(assignPage::isPageComplete), Ui.ui(assignPage::getErrorMessage));
        Screenshots.save(shell, "wizard-artwork-3-assign");

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
    }
}
