package org.emulsion.media.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.emulsion.core.image.Image;
import org.emulsion.media.ImageFiles;
import org.emulsion.media.MaskFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Masks on disk: 8-bit grey PNG named after the frame, 0 = intact. */
class MaskFilesTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsAtEightBitsAndRefusesAnotherSize() throws IOException {
        float[] v = new float[6 * 4];
        v[5] = 1;
        v[6] = 0.5f;
        Path file = dir.resolve(MaskFiles.fileName("scan_000012.tif"));
        assertEquals("scan_000012.png", file.getFileName().toString());
        MaskFiles.write(file, new Image(6, 4, 1, v));
        ImageFiles.Decoded raw = ImageFiles.read(file);
        assertEquals(8, raw.bitDepth());
        assertEquals(1, raw.image().channels());
        Image back = MaskFiles.read(file, 6, 4);
        assertEquals(0f, back.data()[0]);
        assertEquals(1f, back.data()[5]);
        assertEquals(128 / 255f, back.data()[6], 1e-6, "0.5 rounds to 128");
        IOException e = assertThrows(IOException.class, () -> MaskFiles.read(file, 8, 4));
        assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains("6x4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MaskFiles.write(dir.resolve("m.tif"), new Image(6, 4, 1, v)));
    }

    @Test
    void aPaintedColourMaskCountsItsBrightestChannel() throws IOException {
        float[] rgb = new float[2 * 1 * 3];
        rgb[4] = 1; // second pixel green
        Path file = dir.resolve("painted.png");
        ImageFiles.write(file, new Image(2, 1, 3, rgb), 8);
        Image mask = MaskFiles.read(file);
        assertEquals(1, mask.channels());
        assertEquals(0f, mask.data()[0]);
        assertEquals(1f, mask.data()[1]);
    }
}
