package org.emulsion.engine.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        System.clearProperty(EmulsionPreferences.DEVICE_PROPERTY);
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
        assertTrue(e.getMessage().startsWith("The device preference (Preferences > Emulsion > Device) is GPU, but "
                + Djl.gpuMissing()), e.getMessage());
        assertTrue(e.getMessage().contains("choose Automatic or CPU there"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, Djl::device);
        assertEquals(e.getMessage(), thrown.getMessage());
    }

    @Test
    void theCommandLinesDeviceWinsOverThePreferenceAndIsNamedInTheMessage() throws Exception {
        node.put(EmulsionPreferences.DEVICE, "gpu");
        System.setProperty(EmulsionPreferences.DEVICE_PROPERTY, "cpu");
        assertEquals(Device.cpu(), Djl.device());
        Djl.checkDevice();

        node.put(EmulsionPreferences.DEVICE, "cpu");
        System.setProperty(EmulsionPreferences.DEVICE_PROPERTY, "gpu");
        if (Djl.engine().getGpuCount() > 0) {
            assertEquals(Device.gpu(), Djl.device());
            return;
        }
        EmulsionException e = assertThrows(EmulsionException.class, Djl::checkDevice);
        // what is missing on this machine: the driver, a CUDA libtorch that fits, or a GPU PyTorch sees
        assertEquals("--device gpu: " + Djl.gpuMissing() + "; use --device auto or cpu, or see ./emulsion doctor", e.getMessage());
    }
}
