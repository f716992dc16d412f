package org.emulsion.engine.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.emulsion.engine.Djl;
import org.emulsion.engine.EngineLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.jna.NativeLibrary;

/** Native writes to standard error (as PyTorch's C++ warnings are) go to the engine log while it captures, and only then. */
class EngineLogTest {
    @TempDir
    Path dir;

    @Test
    void nativeStandardErrorGoesToTheLogWhileCapturing() throws IOException {
        Djl.engine(); // the engine's own start-up capture is done before this test redirects again
        String previous = System.getProperty(EngineLog.DIRECTORY_PROPERTY);
        System.setProperty(EngineLog.DIRECTORY_PROPERTY, dir.toString());
        try {
            assertEquals(dir.resolve("engine.log"), EngineLog.file());
            EngineLog.capture("a test", () -> nativeWrite("[W] a native warning\n"));
            nativeWrite("after the capture\n");
            String log = Files.readString(EngineLog.file());
            assertTrue(log.contains("a test (process " + ProcessHandle.current().pid() + ")"), log);
            assertTrue(log.contains("[W] a native warning"), log);
            assertFalse(log.contains("after the capture"), log);
        } finally {
            if (previous == null) {
                System.clearProperty(EngineLog.DIRECTORY_PROPERTY);
            } else {
                System.setProperty(EngineLog.DIRECTORY_PROPERTY, previous);
            }
        }
    }

    /** write(2, ...) through libc: what C++ code writing to std::cerr does. */
    private static void nativeWrite(String text) {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        NativeLibrary.getInstance("c").getFunction("write").invokeInt(new Object[] {2, bytes, bytes.length});
    }
}
