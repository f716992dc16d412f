package org.emulsion.engine.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.emulsion.core.EmulsionException;
import org.emulsion.core.EmulsionPreferences;
import org.emulsion.engine.Djl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import ai.djl.Device;

/** The device preference reaches the engine. */
class DevicePreferenceTest {
    private final IEclipsePreferences node = InstanceScope.INSTANCE.getNode(EmulsionPreferences.QUALIFIER);

    @AfterEach
    void backToDefault() {
        node.remove(EmulsionPreferences.DEVICE);
    }

    @Test
    void autoIsPyTorchsDefaultDevice() throws Exception {
        assertEquals("auto", EmulsionPreferences.get(EmulsionPreferences.DEVICE), "the default");
        assertEquals(Djl.engine().defaultDevice(), Djl.device());
        Djl.checkDevice();
    }

    @Test
    void cpuForcesTheCpu() throws Exception {
        node.put(EmulsionPreferences.DEVICE, "cpu");
        assertEquals(Device.cpu(), Djl.device());
        Djl.checkDevice();
    }

    @Test
    void gpuWithoutCudaNamesThePreference() throws Exception {
        node.put(EmulsionPreferences.DEVICE, "gpu");
        if (Djl.engine().getGpuCount() > 0) {
            Djl.checkDevice();
            assertEquals(Device.gpu(), Djl.device());
            return;
        }
        EmulsionException e = assertThrows(EmulsionException.class, Djl::checkDevice);
        assertTrue(e.getMessage().startsWith("The device preference (Preferences > Emulsion > Device) is GPU"), e.getMessage());
        assertTrue(e.getMessage().contains("choose Automatic or CPU there"), e.getMessage());
        IllegalStateException thrown = assertThrows(IllegalStateException.class, Djl::device);
        assertEquals(e.getMessage(), thrown.getMessage());
    }
}
