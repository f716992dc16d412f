package org.emulsion.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.ui.IWorkbenchPage;
import org.emulsion.pipeline.RunFolder;
import org.emulsion.ui.internal.compare.CompareCanvas;
import org.emulsion.ui.internal.compare.DisplayImages;
import org.emulsion.ui.internal.viewer.Source;
import org.emulsion.ui.internal.viewer.ViewerView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The run viewer on a real finished dvd-chroma run: frame-accurate stepping (arrow keys, Page
 * Down, End, Home, the spinner), every compare mode, 1:1 pixels, contact sheet tiles, with a
 * screenshot of each and pixel checks on what the screen shows.
 */
@ExtendWith(Workbench.class)
class ViewerTest {
    private static final Duration LOAD = Duration.ofSeconds(60);

    @Test
    void stepsFramesComparesInEveryModeAndShowsExactPixelsAt1to1() throws IOException {
        Path out = TinyRun.finished();
        Shell shell = Ui.ui(() -> Ui.window().getShell());
        List<String> fileMenu = Ui.ui(() -> {
            Menu menu = Arrays.stream(shell.getMenuBar().getItems()).filter(i -> i.getText().replace("&", "").equals("File"))
                    .findFirst().orElseThrow().getMenu();
            menu.notifyListeners(SWT.Show, new Event()); // fills it, as opening it does
            List<String> items = Arrays.stream(menu.getItems()).map(i -> i.getText().replace("&", "")).toList();
            menu.notifyListeners(SWT.Hide, new Event());
            return items;
        });
        assertTrue(fileMenu.stream().anyMatch(i -> i.startsWith("Open Run Folder..."))
                && fileMenu.stream().anyMatch(i -> i.startsWith("Watch Training...")), fileMenu.toString());
        ViewerView view = Ui.ui(() -> ViewerView.open(out));
        // as a restorer looks at frames: the viewer maximised (double click on its tab)
        Ui.run(() -> view.getSite().getPage().setPartState(view.getSite().getPage().getReference(view),
                IWorkbenchPage.STATE_MAXIMIZED));
        Ui.waitUntil("the run's first frame", LOAD, () -> view.runFolder() != null && view.isShowing() && view.shownFrame() == 0);
        RunFolder run = Ui.ui(view::runFolder);
        int frames = Ui.ui(run::frameCount);
        assertTrue(frames >= TinyRun.FRAMES - 2, frames + " frames");
        assertTrue(Ui.ui(view::frameText).startsWith(run.frame(0).name() + " (1 of " + frames + ")"), Ui.ui(view::frameText));

        // frame-accurate stepping, as a restorer scrubs
        CompareCanvas canvas = Ui.ui(view::compareCanvas);
        key(view, canvas, SWT.ARROW_RIGHT, 1);
        key(view, canvas, SWT.ARROW_RIGHT, 2);
        key(view, canvas, SWT.ARROW_LEFT, 1);
        key(view, canvas, SWT.PAGE_DOWN, 11);
        key(view, canvas, SWT.END, frames - 1);
        key(view, canvas, SWT.HOME, 0);
        Spinner spinner = Ui.ui(() -> Ui.find(shell, Spinner.class, s -> s.getMaximum() == frames - 1));
        Ui.run(() -> {
            spinner.setSelection(5);
            spinner.notifyListeners(SWT.Selection, new Event());
        });
        waitForFrame(view, 5);
        assertTrue(Ui.ui(view::frameText).startsWith(run.frame(5).name() + " (6 of " + frames + ")"));

        // scan against result in every mode, as the combos choose them
        Combo modes = Ui.ui(() -> Ui.find(shell, Combo.class, c -> c.indexOf("Side by side") >= 0));
        for (CompareCanvas.Mode mode : CompareCanvas.Mode.values()) {
            Ui.run(() -> {
                modes.select(mode.ordinal());
                modes.notifyListeners(SWT.Selection, new Event());
            });
            assertEquals(mode, Ui.ui(canvas::getMode));
            Screenshots.save(shell, "viewer-scan-result-" + mode.name().toLowerCase().replace('_', '-'));
        }

        // 1:1: each screen pixel is exactly one image pixel, unsmoothed
        Ui.run(() -> view.setMode(CompareCanvas.Mode.A_ONLY, 1));
        Screenshots.save(shell, "viewer-scan-1to1");
        ImageData scan = DisplayImages.toImageData(run.read(5, RunFolder.Layer.SCAN).image());
        ImageData screen = settled(canvas, shown -> scanMismatch(canvas, scan, shown) == null);
        String mismatch = Ui.ui(() -> scanMismatch(canvas, scan, screen));
        assertTrue(mismatch == null, mismatch);
        Rectangle client = Ui.ui(canvas::getClientArea);
        // and the read-out under the mouse gives that pixel's samples as decoded (16-bit precision)
        Point middle = new Point(client.width / 2, client.height / 2);
        Point under = Ui.ui(() -> canvas.toImage(middle.x, middle.y));
        Ui.run(() -> {
            Event move = new Event();
            move.x = middle.x;
            move.y = middle.y;
            canvas.notifyListeners(SWT.MouseMove, move);
        });
        float red = run.read(5, RunFolder.Layer.SCAN).image().get(under.x, under.y, 0);
        String readout = Ui.ui(view::readoutText);
        assertTrue(readout.startsWith("x " + under.x + ", y " + under.y) && readout.contains(String.format(Locale.ROOT, "A %.4f", red)),
                readout);

        // the difference of an image with itself is black
        Ui.run(() -> {
            view.setSources(Source.SCAN, Source.SCAN);
            view.setMode(CompareCanvas.Mode.DIFFERENCE, CompareCanvas.FIT);
        });
        Ui.waitUntil("scan against scan", LOAD, view::isShowing);
        Point centre = new Point(client.width / 2, client.height / 2);
        ImageData difference = settled(canvas, shown -> new RGB(0, 0, 0).equals(rgb(shown, centre.x, centre.y)));
        for (int dy = -10; dy <= 10; dy += 5) {
            for (int dx = -10; dx <= 10; dx += 5) {
                assertEquals(new RGB(0, 0, 0), rgb(difference, centre.x + dx, centre.y + dy));
            }
        }
        Screenshots.save(shell, "viewer-difference-of-identical-is-black");

        // the reference registered on the scan, wiped against it
        Ui.run(() -> {
            view.setSources(Source.ALIGNED_REFERENCE, Source.SCAN);
            view.setMode(CompareCanvas.Mode.WIPE, CompareCanvas.FIT);
        });
        Ui.waitUntil("the aligned reference", LOAD, view::isShowing);
        Screenshots.save(shell, "viewer-aligned-reference-wipe-scan");
        Ui.run(() -> view.setMode(CompareCanvas.Mode.DIFFERENCE, CompareCanvas.FIT));
        Screenshots.save(shell, "viewer-aligned-reference-difference-scan");

        // baseline against result at 2:1
        Ui.run(() -> {
            view.setSources(Source.BASELINE, Source.RESULT);
            view.setMode(CompareCanvas.Mode.SIDE_BY_SIDE, 2);
        });
        Ui.waitUntil("baseline and result", LOAD, view::isShowing);
        Screenshots.save(shell, "viewer-baseline-result-side-by-side-2to1");

        // the contact sheet's target and output tiles of its first row
        Ui.run(() -> {
            view.setSources(Source.TILE_TARGET, Source.TILE_OUTPUT);
            view.setMode(CompareCanvas.Mode.SIDE_BY_SIDE, CompareCanvas.FIT);
        });
        Ui.waitUntil("the contact sheet tiles", LOAD, view::isShowing);
        ImageData tiles = Ui.ui(() -> capture(canvas));
        assertTrue(distinct(tiles) > 50, "tiles drawn");
        Screenshots.save(shell, "viewer-contact-sheet-target-output");
        Ui.run(() -> view.getSite().getPage().hideView(view)); // closed again, for the tests that follow
    }

    private static void key(ViewerView view, CompareCanvas canvas, int keyCode, int expectedFrame) {
        Ui.run(() -> {
            Event e = new Event();
            e.keyCode = keyCode;
            e.doit = true;
            canvas.notifyListeners(SWT.KeyDown, e);
        });
        waitForFrame(view, expectedFrame);
    }

    private static void waitForFrame(ViewerView view, int frame) {
        Ui.waitUntil("frame " + frame + " on screen", LOAD, () -> view.isShowing() && view.shownFrame() == frame);
    }

    /**
     * The canvas captured once {@code ready} holds for the capture, or the last capture after
     * {@link #LOAD}: GTK paints after {@code redraw} and {@code update} return, later under load,
     * so one capture can still hold the previous picture. The caller's assertions on the capture
     * say what differs when it never became ready.
     */
    private static ImageData settled(CompareCanvas canvas, java.util.function.Predicate<ImageData> ready) {
        java.util.concurrent.atomic.AtomicReference<ImageData> last = new java.util.concurrent.atomic.AtomicReference<>();
        try {
            Ui.waitUntil("the canvas to paint", LOAD, () -> {
                last.set(capture(canvas));
                return ready.test(last.get());
            });
        } catch (AssertionError neverReady) {
            // the last capture goes to the caller's assertions, which name the pixel that differs
        }
        return last.get();
    }

    /**
     * At 1:1 around the canvas centre, each screen pixel one image pixel of {@code scan}, exactly:
     * null, else what differs; UI thread.
     */
    private static String scanMismatch(CompareCanvas canvas, ImageData scan, ImageData screen) {
        Rectangle client = canvas.getClientArea();
        for (int dy = -2; dy <= 2; dy++) {
            for (int dx = -2; dx <= 2; dx++) {
                int x = client.width / 2 + dx;
                int y = client.height / 2 + dy;
                Point pixel = canvas.toImage(x, y);
                Point left = canvas.toImage(x - 1, y);
                if (pixel == null || left == null || left.x != pixel.x - 1) {
                    return "screen " + x + "," + y + " is not one image pixel (" + pixel + ", left of it " + left + ")";
                }
                if (!rgb(scan, pixel.x, pixel.y).equals(rgb(screen, x, y))) {
                    return "screen " + x + "," + y + " shows " + rgb(screen, x, y) + ", not scan pixel " + pixel + " "
                            + rgb(scan, pixel.x, pixel.y);
                }
            }
        }
        return null;
    }

    /** What the canvas shows on screen now; UI thread. */
    static ImageData capture(CompareCanvas canvas) {
        canvas.redraw();
        canvas.update();
        Rectangle client = canvas.getClientArea();
        Image image = new Image(canvas.getDisplay(), client.width, client.height);
        GC gc = new GC(canvas);
        try {
            gc.copyArea(image, 0, 0);
            return image.getImageData();
        } finally {
            gc.dispose();
            image.dispose();
        }
    }

    /** A screen pixel of a canvas over its image: where on screen, which image pixel, what the screen shows. */
    interface ScreenPixel {
        void visit(int x, int y, Point image, RGB shown);
    }

    /**
     * Captures the canvas and visits every screen pixel over its image, below the label drawn at
     * the top; the visits run on the UI thread.
     */
    static void forEachImagePixel(CompareCanvas canvas, ScreenPixel visitor) {
        ImageData screen = Ui.ui(() -> capture(canvas));
        Rectangle client = Ui.ui(canvas::getClientArea);
        Ui.run(() -> {
            for (int y = 32; y < client.height; y++) {
                for (int x = 0; x < client.width; x++) {
                    Point pixel = canvas.toImage(x, y);
                    if (pixel != null) {
                        visitor.visit(x, y, pixel, rgb(screen, x, y));
                    }
                }
            }
        });
    }

    static RGB rgb(ImageData data, int x, int y) {
        return data.palette.getRGB(data.getPixel(x, y));
    }

    private static long distinct(ImageData data) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < data.height; y += 3) {
            for (int x = 0; x < data.width; x += 3) {
                colours.add(data.getPixel(x, y));
            }
        }
        return colours.size();
    }
}
