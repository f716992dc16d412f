package org.emulsion.ui.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IWorkbenchPage;
import org.emulsion.core.image.Image;
import org.emulsion.media.ImageFiles;
import org.emulsion.media.MaskFiles;
import org.emulsion.pipeline.PreparedRun;
import org.emulsion.pipeline.RunFolder;
import org.emulsion.pipeline.RunLayout;
import org.emulsion.simulator.PrintLumaCase;
import org.emulsion.ui.internal.compare.CompareCanvas;
import org.emulsion.ui.internal.compare.DisplayImages;
import org.emulsion.ui.internal.viewer.Source;
import org.emulsion.ui.internal.viewer.ViewerView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * print-luma in the workbench on a small simulated internegative eaten by vinegar syndrome and its
 * 16 mm print: the wizard's print page, the preparation, the damage review listing every frame
 * with its damage map over the scan, one damaged frame unticked there and delivered as scanned
 * (bit for bit) while the others are repaired; then the Run Viewer's overlay of the damage maps,
 * checked pixel by pixel at 1:1 where a map is set and where it is not.
 */
@ExtendWith(Workbench.class)
class PrintLumaUiTest {
    private static final Duration LOAD = Duration.ofSeconds(60);
    /** The overlay's opacity and colour (PictureLoader's damage tint). */
    private static final int ALPHA = 128;
    private static final RGB RED = new RGB(255, 40, 40);

    @TempDir
    Path dir;

    @Test
    void theDamageReviewKeepsAnUntickedFrameAsScannedAndTheViewerOverlaysTheMaps() throws Exception {
        PrintLumaCase.Written material = new PrintLumaCase(PrintLumaCase.Spec.small(PrintLumaCase.Decay.VINEGAR))
                .write(dir.resolve("case"));
        Path out = dir.resolve("out");
        RestoreWizardDriver wizard = RestoreWizardDriver.open("print-luma");
        Shell shell = wizard.shell();
        Shell window = Ui.ui(() -> Ui.window().getShell());
        assertEquals(List.of("material", "print-luma.reference", "alignment", "pairs", "damage", "training"), wizard.pageNames());

        // Material: the scan, the optional masks folder left empty, a few training steps, the output folder.
        wizard.material(material.scan(), 30, out);
        assertTrue(Ui.ui(() -> RestoreWizardTest.pathAfter(shell, "masks:").getText().isEmpty()));
        wizard.nextThrough("print-luma.reference");
        Text reference = Ui.ui(() -> Ui.find((Composite) wizard.page().getControl(), Text.class, t -> true));
        Ui.run(() -> Ui.type(reference, material.reference().location().toString()));
        Screenshots.save(shell, "wizard-print-2-reference");
        wizard.nextToAlignment();

        // The damage review: one row per scan frame, with the damage the preparation wrote into masks/.
        wizard.nextThrough("pairs", "damage");
        PreparedRun prepared = Ui.ui(() -> wizard.wizard().model().prepared());
        RunLayout layout = new RunLayout(out);
        List<Path> scans = frames(material.scan());
        Table table = Ui.ui(() -> Ui.find(shell, Table.class, Control::isVisible));
        assertEquals(scans.size(), (int) Ui.ui(table::getItemCount));
        for (int i = 0; i < scans.size(); i++) {
            String name = scans.get(i).getFileName().toString();
            int row = i;
            assertEquals(name, Ui.ui(() -> table.getItem(row).getText(0)));
            assertTrue(Ui.ui(() -> table.getItem(row).getChecked()), name + " is repaired unless the restorer unticks it");
            Image mask = MaskFiles.read(layout.mask(name));
            assertEquals(String.format(Locale.ROOT, "%.2f %%", 100 * damaged(mask)), Ui.ui(() -> table.getItem(row).getText(1)), name);
        }
        List<PreparedRun.Damage> byArea = prepared.damage().stream()
                .sorted(Comparator.comparingDouble(PreparedRun.Damage::areaPercent).reversed()).toList();
        PreparedRun.Damage repaired = byArea.get(0);
        PreparedRun.Damage kept = byArea.get(1);
        assertTrue(kept.areaPercent() > 0.5, "the case's frames are damaged: " + byArea);
        Ui.waitUntil("the preview of the most damaged frame with its map", LOAD, () -> Ui.findAll(shell, Label.class,
                l -> l.isVisible() && l.getText().startsWith("Scan " + repaired.scanName() + " with its damage map")).size() == 1);
        Screenshots.save(shell, "wizard-print-5-damage-review");
        Ui.run(() -> RestoreWizardTest.untick(table, RestoreWizardTest.row(table, kept.scanName())));
        assertTrue(Ui.ui(() -> RestoreWizardTest.row(table, kept.scanName()).getText(2)).startsWith("kept as scanned"));
        Screenshots.save(shell, "wizard-print-5-damage-review-one-kept");

        wizard.nextThrough("training");
        wizard.finish();

        // The unticked frame is the scan as it was; the repaired one changed inside its damage only.
        Image keptScan = ImageFiles.read(material.scan().resolve(kept.scanName())).image();
        assertArrayEquals(keptScan.data(), ImageFiles.read(out.resolve(RunLayout.FRAMES).resolve(kept.scanName())).image().data(),
                kept.scanName() + " was unticked in the damage review but changed");
        assertEquals(0, damaged(MaskFiles.read(layout.mask(kept.scanName()))), "its map is cleared in masks/");
        Image repairedScan = ImageFiles.read(material.scan().resolve(repaired.scanName())).image();
        Image repairedResult = ImageFiles.read(out.resolve(RunLayout.FRAMES).resolve(repaired.scanName())).image();
        assertTrue(!Arrays.equals(repairedScan.data(), repairedResult.data()), repaired.scanName() + " was repaired");

        // The Run Viewer with the overlay on: the repaired frame's map in translucent red over the scan, at 1:1.
        ViewerView view = Ui.ui(() -> ViewerView.open(out));
        Ui.run(() -> view.getSite().getPage().setPartState(view.getSite().getPage().getReference(view), IWorkbenchPage.STATE_MAXIMIZED));
        Ui.waitUntil("the run", LOAD, () -> view.runFolder() != null && view.isShowing());
        RunFolder run = Ui.ui(view::runFolder);
        int repairedIndex = scans.stream().map(p -> p.getFileName().toString()).toList().indexOf(repaired.scanName());
        Ui.run(() -> {
            view.setSources(Source.SCAN, Source.RESULT);
            view.setMode(CompareCanvas.Mode.A_ONLY, 1);
            view.setFrame(repairedIndex);
            view.setOverlay(true);
        });
        Ui.waitUntil("the frame with its overlay", LOAD, () -> view.isShowing() && view.shownFrame() == repairedIndex);
        Screenshots.save(window, "viewer-print-damage-overlay");
        CompareCanvas canvas = Ui.ui(view::compareCanvas);
        ImageData scan = DisplayImages.toImageData(run.read(repairedIndex, RunFolder.Layer.SCAN).image());
        Image mask = run.read(repairedIndex, RunFolder.Layer.DAMAGE_MASK).image();
        int[] counts = checkOverlay(canvas, scan, mask);
        assertTrue(counts[0] > 200 && counts[1] > 2000, "tinted pixels checked " + counts[0] + ", clear " + counts[1]);

        // With the overlay off, the same screen pixels are the scan's again.
        Ui.run(() -> view.setOverlay(false));
        Ui.waitUntil("the frame without overlay", LOAD, view::isShowing);
        Screenshots.save(window, "viewer-print-overlay-off"); // and lets the event loop paint it
        int[] off = checkOverlay(canvas, scan, new Image(mask.width(), mask.height(), 1, new float[mask.width() * mask.height()]));
        assertTrue(off[1] > 2000, "pixels checked " + off[1]);
        Ui.run(() -> view.getSite().getPage().hideView(view));
    }

    /**
     * Compares every screen pixel of the canvas at 1:1 with the scan blended with the map's red at
     * the overlay's opacity (a map pixel of 0 leaves the scan exactly); returns {tinted, clear} counts.
     */
    private static int[] checkOverlay(CompareCanvas canvas, ImageData scan, Image mask) {
        int[] counts = new int[2];
        ViewerTest.forEachImagePixel(canvas, (x, y, pixel, shown) -> {
            float v = mask.get(pixel.x, pixel.y, 0);
            RGB under = ViewerTest.rgb(scan, pixel.x, pixel.y);
            int alpha = Math.round(Math.min(1f, Math.max(0f, v)) * ALPHA);
            RGB expected = new RGB(blend(under.red, RED.red, alpha), blend(under.green, RED.green, alpha),
                    blend(under.blue, RED.blue, alpha));
            int tolerance = alpha == 0 ? 0 : 3;
            if (Math.abs(shown.red - expected.red) > tolerance || Math.abs(shown.green - expected.green) > tolerance
                    || Math.abs(shown.blue - expected.blue) > tolerance) {
                throw new AssertionError("screen " + x + "," + y + " (image " + pixel + ", map " + v + ") shows " + shown
                        + ", expected " + expected + "; overlays " + canvas.overlayCount());
            }
            counts[alpha == 0 ? 1 : 0]++;
        });
        return counts;
    }

    private static int blend(int under, int over, int alpha) {
        return Math.round((under * (255f - alpha) + over * alpha) / 255f);
    }

    private static double damaged(Image mask) {
        long n = 0;
        for (float v : mask.data()) {
            n += v >= 0.5f ? 1 : 0;
        }
        return n / (double) mask.data().length;
    }

    private static List<Path> frames(Path folder) throws java.io.IOException {
        try (var files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
