package org.emulsion.media.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.emulsion.core.image.Image;
import org.emulsion.media.FrameFormat;
import org.emulsion.media.FrameSequence;
import org.emulsion.media.ImageFiles;
import org.emulsion.media.internal.ImageSequenceSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Frame-number order, gaps, and folders that do not hold one clean sequence. */
class FrameSequenceTest {

    @TempDir
    Path dir;

    private static final Image FRAME = TestImages.gradient(32, 24, 1);

    private void write(String name, FrameFormat format) throws IOException {
        ImageFiles.write(dir.resolve(name), FRAME, format);
    }

    @Test
    void framesAreOrderedByNumberNotByName() throws IOException {
        for (int n : List.of(10, 9, 11, 100)) {
            write("reel1_" + n + ".dpx", FrameFormat.DPX10);
        }
        FrameSequence sequence = FrameSequence.scan(dir);
        assertEquals(List.of("reel1_9.dpx", "reel1_10.dpx", "reel1_11.dpx", "reel1_100.dpx"),
                sequence.files().stream().map(p -> p.getFileName().toString()).toList());
        assertEquals(List.of(new FrameSequence.Gap(12, 99)), sequence.gaps());
        assertEquals(88, sequence.missingCount());
    }

    @Test
    void gapsAreListedAndSummarisedInTheFilesNumbering() throws IOException {
        for (int n : List.of(120, 121, 122, 126, 127, 129)) {
            write(String.format("reel2_%06d.tif", n), FrameFormat.TIFF16);
        }
        try (ImageSequenceSource.Sequence source = new ImageSequenceSource().open(dir)) {
            FrameSequence numbering = source.numbering();
            assertEquals(List.of(new FrameSequence.Gap(123, 125), new FrameSequence.Gap(128, 128)), numbering.gaps());
            assertEquals("frames 000123\u2013000125, 000128 missing (4 of 10)", numbering.gapSummary());
            assertEquals(6, source.frameCount());
            assertEquals("reel2_000126.tif", source.frameName(3));
        }
    }

    @Test
    void completeNumberingHasNoGaps() throws IOException {
        for (int n = 1; n <= 3; n++) {
            write(String.format("s_%04d.exr", n), FrameFormat.EXR_HALF);
        }
        try (ImageSequenceSource.Sequence source = new ImageSequenceSource().open(dir)) {
            assertTrue(source.numbering().gaps().isEmpty());
            assertEquals("", source.numbering().gapSummary());
            assertEquals(16, source.info().bitDepth());
            assertTrue(source.floatingPoint());
            assertEquals(FRAME.width(), source.read(2).width());
        }
    }

    @Test
    void mixedPrefixesAreRefusedNamingTheFiles() throws IOException {
        write("reelA_0001.dpx", FrameFormat.DPX10);
        write("reelA_0002.dpx", FrameFormat.DPX10);
        write("reelB_0001.dpx", FrameFormat.DPX10);
        IOException e = assertThrows(IOException.class, () -> new ImageSequenceSource().open(dir));
        assertTrue(e.getMessage().contains("reelA_0001.dpx") && e.getMessage().contains("reelB_0001.dpx")
                && e.getMessage().contains("prefixes"), e.getMessage());
    }

    @Test
    void mixedFileTypesAreRefusedNamingTheFiles() throws IOException {
        write("reel_0001.dpx", FrameFormat.DPX10);
        write("reel_0002.tif", FrameFormat.TIFF16);
        assertTrue(new ImageSequenceSource().canOpen(dir));
        IOException e = assertThrows(IOException.class, () -> new ImageSequenceSource().open(dir));
        assertTrue(e.getMessage().contains("reel_0001.dpx") && e.getMessage().contains("reel_0002.tif"), e.getMessage());
    }

    @Test
    void sameNumberTwiceIsRefused() throws IOException {
        write("reel_01.tif", FrameFormat.TIFF16);
        write("reel_1.tif", FrameFormat.TIFF16);
        IOException e = assertThrows(IOException.class, () -> FrameSequence.scan(dir));
        assertTrue(e.getMessage().contains("reel_01.tif") && e.getMessage().contains("reel_1.tif"), e.getMessage());
    }

    @Test
    void unnumberedFrameBesideNumberedOnesIsNamed() throws IOException {
        write("reel.tif", FrameFormat.TIFF16);
        assertEquals(1, FrameSequence.scan(dir).files().size(), "a single still is a sequence of one");
        write("reel1.tif", FrameFormat.TIFF16);
        IOException e = assertThrows(IOException.class, () -> FrameSequence.scan(dir));
        assertTrue(e.getMessage().contains("reel.tif") && e.getMessage().contains("no frame number"), e.getMessage());
    }

    @Test
    void frameOfAnotherBitDepthOrSizeIsNamed() throws IOException {
        write("r_0001.dpx", FrameFormat.DPX10);
        write("r_0002.dpx", FrameFormat.DPX16);
        ImageFiles.write(dir.resolve("r_0003.dpx"), TestImages.gradient(33, 24, 2), FrameFormat.DPX10);
        try (ImageSequenceSource.Sequence source = new ImageSequenceSource().open(dir)) {
            assertEquals(10, source.info().bitDepth());
            IOException depth = assertThrows(IOException.class, () -> source.read(1));
            assertTrue(depth.getMessage().contains("r_0002.dpx") && depth.getMessage().contains("16-bit")
                    && depth.getMessage().contains("10-bit"), depth.getMessage());
            IOException size = assertThrows(IOException.class, () -> source.read(2));
            assertTrue(size.getMessage().contains("r_0003.dpx") && size.getMessage().contains("33x24"), size.getMessage());
        }
    }

    @Test
    void hiddenAndForeignFilesAreIgnored() throws IOException {
        ImageFiles.write(dir.resolve("x_0001.png"), FRAME, 16);
        Files.writeString(dir.resolve("notes.txt"), "scan notes");
        Files.writeString(dir.resolve(".x_0002.tif"), "partial");
        assertEquals(1, FrameSequence.scan(dir).files().size());
    }
}
