package org.emulsion.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.emulsion.core.EmulsionPreferences;
import org.emulsion.core.EmulsionPreferences.ComputeDevice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EmulsionPreferencesTest {
    private final IEclipsePreferences node = InstanceScope.INSTANCE.getNode(EmulsionPreferences.QUALIFIER);

    @AfterEach
    void backToDefaults() throws Exception {
        node.clear();
    }

    @Test
    void defaultsComeFromTheInitializer() {
        assertEquals(ComputeDevice.AUTO, EmulsionPreferences.device());
        assertEquals("tiff", EmulsionPreferences.outputFormat());
        assertEquals(Path.of(System.getProperty("user.home"), "Emulsion"), EmulsionPreferences.workFolder());
        assertEquals("emulsion", EmulsionPreferences.cacheFolder().getFileName().toString());
    }

    @Test
    void instanceValuesWin() {
        node.put(EmulsionPreferences.DEVICE, "gpu");
        node.put(EmulsionPreferences.OUTPUT_FORMAT, "exr");
        node.put(EmulsionPreferences.WORK_FOLDER, "/films");
        assertEquals(ComputeDevice.GPU, EmulsionPreferences.device());
        assertEquals("exr", EmulsionPreferences.outputFormat());
        assertEquals(Path.of("/films"), EmulsionPreferences.workFolder());
    }

    @Test
    void handEditedNonsenseFallsBackToTheDefault() {
        node.put(EmulsionPreferences.DEVICE, "tpu");
        node.put(EmulsionPreferences.OUTPUT_FORMAT, "jpeg");
        assertEquals(ComputeDevice.AUTO, EmulsionPreferences.device());
        assertEquals("tiff", EmulsionPreferences.outputFormat());
    }

    @Test
    void nativeCacheFoldersFollowThePreferenceUnlessGivenOnTheCommandLine() {
        String[] properties = {"ENGINE_CACHE_DIR", "DJL_CACHE_DIR", "org.bytedeco.javacpp.cachedir"};
        String[] saved = new String[properties.length];
        for (int i = 0; i < properties.length; i++) {
            saved[i] = System.clearProperty(properties[i]);
        }
        try {
            node.put(EmulsionPreferences.CACHE_FOLDER, "/cache/emulsion");
            System.setProperty("DJL_CACHE_DIR", "/given");
            EmulsionPreferences.applyNativeCacheFolders();
            assertEquals("/cache/emulsion/djl", System.getProperty("ENGINE_CACHE_DIR"));
            assertEquals("/given", System.getProperty("DJL_CACHE_DIR"));
            assertEquals("/cache/emulsion/javacpp", System.getProperty("org.bytedeco.javacpp.cachedir"));
        } finally {
            for (int i = 0; i < properties.length; i++) {
                if (saved[i] == null) {
                    System.clearProperty(properties[i]);
                } else {
                    System.setProperty(properties[i], saved[i]);
                }
            }
        }
    }
}
