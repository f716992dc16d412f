package org.emulsion.ui.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.eclipse.jface.wizard.IWizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.emulsion.core.extensions.WorkflowOption;
import org.emulsion.media.ImageFiles;
import org.emulsion.media.MaskFiles;
import org.emulsion.pipeline.PreparedRun;
import org.emulsion.pipeline.RunLayout;
import org.emulsion.simulator.MultiPrintCase;
import org.emulsion.simulator.Truth;
import org.emulsion.ui.internal.compare.CompareCanvas;
import org.emulsion.ui.internal.compare.DisplayImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;

/**
 * multiprint in the workbench on a small simulated film with two damaged prints: the prints page
 * (multiprint.ui's contribution) refuses fewer than two prints, a print listed twice and one that
 * does not exist, naming each; the prints are added, reordered as the command line's
 * {@code --prints} would list them and the master chosen below the list; then the preparation, the
 * reviews (the source map review listing every master frame with its planned shares and drawing the
 * planned map over the scan; the frame unticked there delivered as scanned, bit for bit) and a short training run to a composite of the master's frames whose
 * report names both prints.
 */
@ExtendWith(Workbench.class)
class MultiPrintUiTest {
    @TempDir
    Path dir;

    @Test
    void thePrintsPageListsTwoOrMorePrintsWithTheMasterAndTheRunComposesThem() throws Exception {
        // smaller than the workflow tests' case (256x192, 16 frames): the wizard, not the composite's quality, is under test
        MultiPrintCase.Written material = new MultiPrintCase(new MultiPrintCase.Spec("multiprint-ui", new Truth.Spec(256, 192, 16, 1, 92),
                2, 102)).write(dir.resolve("case"));
        String complete = material.prints().get(0).location().toString();
        String spliced = material.prints().get(1).location().toString();
        Path out = dir.resolve("out");
        RestoreWizardDriver wizard = RestoreWizardDriver.open("multiprint");
        Shell shell = wizard.shell();
        assertEquals(List.of("material", "multiprint.prints", "alignment", "pairs", "damage", "sources", "training"), wizard.pageNames());

        // Material: the prints and the master are the next page's, not fields here.
        assertTrue(Ui.ui(() -> Ui.findAll(shell, org.eclipse.swt.widgets.Label.class,
                l -> l.isVisible() && (l.getText().equals("prints:") || l.getText().equals("master:"))).isEmpty()));
        wizard.material(null, 20, out);
        wizard.next();
        IWizardPage prints = wizard.page();
        assertEquals("multiprint.prints", Ui.ui(prints::getName));
        assertFalse(Ui.ui(prints::isPageComplete), "no prints yet");
        Text field = Ui.ui(() -> Ui.find((Composite) prints.getControl(), Text.class, t -> true));
        org.eclipse.swt.widgets.List list = Ui.ui(() -> Ui.find((Composite) prints.getControl(), org.eclipse.swt.widgets.List.class,
                l -> true));

        // One print is not enough; the same print twice and a print that does not exist are named.
        add(shell, field, complete);
        assertEquals("Add at least 2 to the prints: 1 listed", Ui.ui(prints::getErrorMessage));
        assertFalse(Ui.ui(prints::isPageComplete));
        add(shell, field, complete);
        assertEquals(complete + " is listed twice", Ui.ui(prints::getErrorMessage));
        remove(shell, list, 1);
        String missing = dir.resolve("no-such-print").toString();
        add(shell, field, missing);
        assertEquals(missing + " does not exist", Ui.ui(prints::getErrorMessage));
        remove(shell, list, 1);

        // Two prints, the spliced one moved first (as --prints SPLICED COMPLETE), the complete one chosen as master.
        add(shell, field, spliced);
        assertTrue(Ui.ui(prints::isPageComplete), Ui.ui(prints::getErrorMessage));
        Ui.run(() -> {
            list.setSelection(1);
            Ui.click(Ui.button(shell, "Up"));
        });
        assertEquals(List.of(spliced, complete), Ui.ui(() -> List.of(list.getItems())));
        Combo master = Ui.ui(() -> Ui.find((Composite) prints.getControl(), Combo.class, Combo::isVisible));
        assertEquals(List.of("Automatic", spliced, complete), Ui.ui(() -> List.of(master.getItems())));
        Ui.run(() -> {
            master.select(2);
            master.notifyListeners(SWT.Selection, new Event());
        });
        assertEquals(spliced + WorkflowOption.PATH_SEPARATOR + complete, Ui.ui(() -> wizard.wizard().model().option("prints")));
        assertEquals(complete, Ui.ui(() -> wizard.wizard().model().option("master")));
        assertNull(Ui.ui(prints::getErrorMessage));
        Screenshots.save(shell, "wizard-multiprint-2-prints");

        wizard.nextToAlignment();
        wizard.nextThrough("pairs", "damage", "sources");

        // The source map review: a row per master frame with the shares planned from each print and inferred
        // (summing to 100 %), and the selected frame's planned map drawn over its scan, one overlay per source.
        PreparedRun prepared = Ui.ui(() -> wizard.wizard().model().prepared());
        Table table = Ui.ui(() -> Ui.find(shell, Table.class, Control::isVisible));
        List<String> masterFrames = RestoreWizardDriver.names(Path.of(complete));
        assertEquals(masterFrames.size(), (int) Ui.ui(table::getItemCount));
        assertEquals(5, (int) Ui.ui(() -> table.getColumnCount()), "frame, the two prints, inferred, decision");
        for (int row = 0; row < masterFrames.size(); row++) {
            int r = row;
            assertEquals(masterFrames.get(row), Ui.ui(() -> table.getItem(r).getText(0)));
            assertTrue(Ui.ui(() -> table.getItem(r).getChecked()), masterFrames.get(row) + " is composited unless unticked");
            double sum = 0;
            for (int c = 1; c <= 3; c++) {
                int column = c;
                sum += Double.parseDouble(Ui.ui(() -> table.getItem(r).getText(column)).replace(" %", ""));
            }
            assertEquals(100, sum, 0.03, masterFrames.get(row) + ": the shares of the prints and inferred");
        }
        Ui.waitUntil("the preview of a frame with its planned source map", Duration.ofSeconds(60), () -> Ui.findAll(shell, Label.class,
                l -> l.isVisible() && l.getText().contains("with its planned source map")).size() == 1);
        String note = Ui.ui(() -> Ui.find(shell, Label.class, l -> l.isVisible() && l.getText().contains("with its planned source map"))
                .getText());
        String shown = note.substring("Scan ".length(), note.indexOf(" with its planned source map"));
        int shownIndex = masterFrames.indexOf(shown);
        int[] codes = prepared.plannedSourceMap(shownIndex);
        CompareCanvas canvas = Ui.ui(() -> Ui.find(shell, CompareCanvas.class, CompareCanvas::isVisible));
        assertEquals(Arrays.stream(codes).distinct().count(), (long) Ui.ui(canvas::overlayCount), "one overlay per source of " + shown);
        assertEquals(1, (int) Ui.ui(() -> Ui.findAll(shell, Label.class, l -> l.isVisible() && l.getText().equals("inferred")).size()),
                "the legend names the inferred colour");
        Screenshots.save(shell, "wizard-multiprint-6-source-map");
        ImageData scan = DisplayImages.toImageData(prepared.scanFrame(shownIndex));
        int[] tinted = tinted(canvas, scan);
        assertTrue(tinted[0] > 0.95 * tinted[1] && tinted[1] > 2000, "screen pixels tinted by the source map: " + tinted[0] + " of "
                + tinted[1]);
        // The restorer rejects the plan of the shown frame: kept as scanned, the damage review's decision too.
        Ui.run(() -> RestoreWizardTest.untick(table, RestoreWizardTest.row(table, shown)));
        assertTrue(Ui.ui(() -> RestoreWizardTest.row(table, shown).getText(4)).startsWith("kept as scanned"));
        assertFalse(Ui.ui(() -> wizard.wizard().model().repairs(shownIndex)));
        wizard.nextThrough("training");
        wizard.finish();
        assertArrayEquals(ImageFiles.read(Path.of(complete).resolve(shown)).image().data(),
                ImageFiles.read(out.resolve(RunLayout.FRAMES).resolve(shown)).image().data(), shown + " was unticked but changed");

        // One composite frame per frame of the master, a source map each, and the report naming the other print.
        assertEquals(masterFrames, RestoreWizardDriver.names(out.resolve(RunLayout.FRAMES)));
        for (String name : masterFrames) {
            assertTrue(Files.isRegularFile(out.resolve("sources").resolve(MaskFiles.fileName(name))), "which print every pixel of " + name
                    + " came from");
        }
        JsonObject report = RestoreWizardTest.json(out.resolve("report.json"));
        assertEquals("multiprint", report.get("target").getAsString());
        assertEquals(spliced, report.getAsJsonObject("inputs").getAsJsonArray("references").get(0).getAsJsonObject()
                .get("location").getAsString());
        JsonObject shares = report.getAsJsonObject("sources").getAsJsonObject("percentOfAllFrames");
        assertTrue(shares.entrySet().stream().filter(e -> !e.getKey().equals("inferred")).count() == 2
                && shares.entrySet().stream().allMatch(e -> e.getValue().getAsDouble() >= 0), shares.toString());
    }

    /** How many screen pixels of the canvas over the image differ from the scan beneath (tinted), of how many. */
    private static int[] tinted(CompareCanvas canvas, ImageData scan) {
        int[] counts = new int[2];
        ViewerTest.forEachImagePixel(canvas, (x, y, pixel, over) -> {
            RGB under = ViewerTest.rgb(scan, pixel.x, pixel.y);
            counts[1]++;
            if (Math.abs(over.red - under.red) + Math.abs(over.green - under.green) + Math.abs(over.blue - under.blue) > 12) {
                counts[0]++;
            }
        });
        return counts;
    }

    /** Types {@code path} into the field and presses Add. */
    private static void add(Shell shell, Text field, String path) {
        Ui.run(() -> {
            Ui.type(field, path);
            Ui.click(Ui.button(shell, "Add"));
        });
    }

    private static void remove(Shell shell, org.eclipse.swt.widgets.List list, int index) {
        Ui.run(() -> {
            list.setSelection(index);
            Ui.click(Ui.button(shell, "Remove"));
        });
    }
}
