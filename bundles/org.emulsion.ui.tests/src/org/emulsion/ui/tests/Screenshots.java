package org.emulsion.ui.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/**
 * Saves what a shell shows on the (virtual) screen as a PNG, the test artefacts the issue asks
 * for: {@code bundles/org.emulsion.ui.tests/target/screenshots/NAME.png} (the build sets
 * {@code emulsion.screenshots}).
 */
public final class Screenshots {
    private static final long SETTLE_MILLIS = 400;

    private Screenshots() {
    }

    /** The folder screenshots go to. */
    public static Path folder() {
        return Path.of(System.getProperty("emulsion.screenshots", "target/screenshots")).toAbsolutePath();
    }

    /**
     * Lets {@code shell} paint, then copies its screen area into {@code folder()/name.png}.
     *
     * @return the PNG written
     */
    public static Path save(Shell shell, String name) {
        Ui.run(() -> {
            shell.layout(true, true);
            shell.update();
        });
        try {
            Thread.sleep(SETTLE_MILLIS); // the workbench's event loop paints meanwhile
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ImageData pixels = Ui.ui(() -> capture(shell));
        Path file = folder().resolve(name + ".png");
        try {
            Files.createDirectories(file.getParent());
            Path partial = file.resolveSibling(name + ".png.partial");
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] { pixels };
            loader.save(partial.toString(), SWT.IMAGE_PNG);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new AssertionError("could not write screenshot " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    private static ImageData capture(Shell shell) {
        Display display = shell.getDisplay();
        shell.forceActive();
        // The client area, placed on the screen: without a window manager (Xvfb) there is no frame,
        // and the shell's bounds do not match what is drawn.
        Rectangle client = shell.getClientArea();
        Point origin = shell.toDisplay(client.x, client.y);
        Image image = new Image(display, client.width, client.height);
        GC gc = new GC(display);
        try {
            gc.copyArea(image, origin.x, origin.y);
            return image.getImageData();
        } finally {
            gc.dispose();
            image.dispose();
        }
    }
}
