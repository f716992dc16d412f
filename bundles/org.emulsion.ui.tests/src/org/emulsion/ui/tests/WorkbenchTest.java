package org.emulsion.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The workbench opens on a display with the Emulsion perspective, and screenshots of it are real pictures. */
@ExtendWith(Workbench.class)
class WorkbenchTest {

    @Test
    void opensTheEmulsionPerspectiveWithThePluginsView() {
        IWorkbenchWindow window = Ui.window();
        assertEquals("org.emulsion.ui.perspective", Ui.ui(() -> window.getActivePage().getPerspective().getId()));
        Ui.waitUntil("the plugins view", Duration.ofSeconds(30),
                () -> window.getActivePage().findView("org.emulsion.ui.views.plugins") != null);
        List<String> roots = Ui.ui(() -> {
            IViewPart view = window.getActivePage().findView("org.emulsion.ui.views.plugins");
            // The view's own tree (its selection provider): the window shows other trees beside it.
            Tree tree = ((TreeViewer) view.getSite().getSelectionProvider()).getTree();
            return Arrays.stream(tree.getItems()).map(TreeItem::getText).toList();
        });
        assertTrue(roots.stream().anyMatch(r -> r.contains("Workflows")), "extension points listed: " + roots);

        Shell shell = Ui.ui(window::getShell);
        Path png = Screenshots.save(shell, "workbench");
        ImageData picture = new ImageLoader().load(png.toString())[0];
        assertTrue(picture.width >= 800 && picture.height >= 500, picture.width + "x" + picture.height);
        assertTrue(distinctPixels(picture) > 20, "a painted window (text, icons, selection), not a blank capture");
    }

    private static long distinctPixels(ImageData picture) {
        return IntStream.range(0, picture.width * picture.height).filter(i -> i % 7 == 0)
                .map(i -> picture.getPixel(i % picture.width, i / picture.width)).distinct().count();
    }
}
