package org.emulsion.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchWindow;
import org.emulsion.core.EmulsionPreferences;
import org.emulsion.core.EmulsionPreferences.ComputeDevice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Window > Preferences > Emulsion writes the values the engine, the wizards and the workbench read. */
@ExtendWith(Workbench.class)
class PreferencePageUiTest {
    private static final Duration DIALOG = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    @AfterEach
    void backToDefaults() throws Exception {
        IEclipsePreferences node = InstanceScope.INSTANCE.getNode(EmulsionPreferences.QUALIFIER);
        node.clear();
        node.flush();
    }

    @Test
    void changedValuesAreStored() throws Exception {
        IWorkbenchWindow window = Ui.window();
        FilmProjectsUiTest.execute(window, "org.emulsion.ui.preferences.open");
        Shell dialog = Ui.shell("Preferences", DIALOG);
        assertTrue(Ui.ui(() -> Ui.button(dialog, "Automatic (the GPU when PyTorch sees one, else the CPU)").getSelection()),
                "the default device is selected");
        Screenshots.save(dialog, "preferences-emulsion");

        Path work = temp.resolve("films");
        Ui.run(() -> {
            Ui.button(dialog, "Automatic (the GPU when PyTorch sees one, else the CPU)").setSelection(false);
            Ui.click(Ui.button(dialog, "CPU"));
            Ui.type(Ui.textAfter(dialog, "Work folder (new projects and runs):"), work.toString());
            Combo formats = Ui.find(dialog, Combo.class, c -> Arrays.asList(c.getItems()).contains("OpenEXR, half float"));
            formats.select(Arrays.asList(formats.getItems()).indexOf("OpenEXR, half float"));
            formats.notifyListeners(SWT.Selection, new Event());
        });
        Ui.run(() -> Ui.click(Ui.button(dialog, "Apply and Close")));
        Ui.waitUntil("the preferences to close", DIALOG, dialog::isDisposed);

        assertEquals(ComputeDevice.CPU, EmulsionPreferences.device());
        assertEquals(work, EmulsionPreferences.workFolder());
        assertEquals("exr", EmulsionPreferences.outputFormat());
        String stored = Files.readString(preferenceFile());
        assertTrue(stored.contains("device=cpu") && stored.contains("outputFormat=exr"), stored);
    }

    /** Where the instance scope keeps core's node: the workspace's metadata. */
    private static Path preferenceFile() {
        return Path.of(Platform.getInstanceLocation().getURL().getPath())
                .resolve(".metadata/.plugins/org.eclipse.core.runtime/.settings/" + EmulsionPreferences.QUALIFIER + ".prefs");
    }
}
