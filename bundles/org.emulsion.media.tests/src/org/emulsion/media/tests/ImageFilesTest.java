package org.emulsion.media.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.emulsion.core.image.FrameSource;
import org.emulsion.core.image.Image;
import org.emulsion.media.FrameFormat;
import org.emulsion.media.ImageFiles;
import org.emulsion.media.OpenCv;
import org.emulsion.media.internal.ImageSequenceSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {

    @TempDir
    Path dir;

    @Test
    void sixteenBitTiffRoundTripsExactly() throws IOException {
        Image original = TestImages.quantise16(TestImages.gradient(97, 61, 1));
        Path file = dir.resolve("frame_0001.tif");
        ImageFiles.writeTiff16(file, original);
        ImageFiles.Decoded read = ImageFiles.read(file);
        assertEquals(16, read.bitDepth());
        assertArrayEquals(original.data(), read.image().data(), 0f, "16-bit TIFF must round-trip bit-exactly");
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no partial file may be left beside the frame");
        }
    }

    @Test
    void truncatedFrameIsReportedByName() throws IOException {
        Path file = dir.resolve("frame_0002.tif");
        ImageFiles.writeTiff16(file, TestImages.gradient(64, 64, 2));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 3));
        IOException e = assertThrows(IOException.class, () -> ImageFiles.read(file));
        assertTrue(e.getMessage().contains("frame_0002.tif"), e.getMessage());
    }

    @Test
    void missingFrameIsReportedByName() {
        IOException e = assertThrows(IOException.class, () -> ImageFiles.read(dir.resolve("nope_0001.tif")));
        assertTrue(e.getMessage().contains("nope_0001.tif"), e.getMessage());
    }

    @Test
    void sequenceReadsInNameOrderAndRejectsOddSizedFrame() throws IOException {
        ImageFiles.writeTiff16(dir.resolve("s_0002.tif"), TestImages.gradient(40, 30, 3));
        ImageFiles.writeTiff16(dir.resolve("s_0001.tif"), TestImages.gradient(40, 30, 4));
        ImageFiles.writeTiff16(dir.resolve("s_0003.tif"), TestImages.gradient(41, 30, 5));
        ImageSequenceSource source = new ImageSequenceSource();
        assertTrue(source.canOpen(dir));
        assertFalse(source.canOpen(dir.resolve("s_0001.tif")));
        try (FrameSource frames = source.open(dir)) {
            assertEquals(3, frames.frameCount());
            assertEquals("s_0001.tif", frames.frameName(0));
            assertEquals(16, frames.info().bitDepth());
            assertEquals(40, frames.read(1).width());
            IOException e = assertThrows(IOException.class, () -> frames.read(2));
            assertTrue(e.getMessage().contains("s_0003.tif") && e.getMessage().contains("41x30"), e.getMessage());
            // read for display: shrunk, and checked at the size stored
            assertEquals(20, frames.read(1, 20).width());
            assertEquals(15, frames.read(1, 20).height());
            e = assertThrows(IOException.class, () -> frames.read(2, 20));
            assertTrue(e.getMessage().contains("s_0003.tif") && e.getMessage().contains("41x30"), e.getMessage());
        }
    }

    /** A frame read for display is shrunk as decoded: what shrinking the whole frame gives, to the file's codes. */
    @Test
    void aFrameReadAtMostSomeWidthIsTheWholeFrameShrunk() throws IOException {
        Image original = TestImages.quantise16(TestImages.gradient(400, 300, 6));
        Path file = dir.resolve("big_0001.tif");
        ImageFiles.writeTiff16(file, original);
        ImageFiles.Decoded small = ImageFiles.read(file, 100);
        assertEquals(100, small.image().width());
        assertEquals(75, small.image().height());
        assertEquals(400, small.storedWidth());
        assertEquals(300, small.storedHeight());
        assertEquals(16, small.bitDepth());
        Image expected = OpenCv.atMostWide(ImageFiles.read(file).image(), 100);
        assertArrayEquals(expected.data(), small.image().data(), 1f / 65535, "area averaging, rounded to 16-bit codes");
        assertEquals(400, ImageFiles.read(file, 400).image().width(), "a frame no wider is read whole");
        Path exr = dir.resolve("big_0001.exr");
        ImageFiles.write(exr, original, FrameFormat.EXR_FLOAT);
        ImageFiles.Decoded smallExr = ImageFiles.read(exr, 100);
        assertEquals(100, smallExr.image().width());
        assertEquals(400, smallExr.storedWidth());
        assertArrayEquals(expected.data(), smallExr.image().data(), 1f / 65535);
    }
}
