package org.emulsion.media.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.emulsion.core.image.Image;
import org.emulsion.media.FrameFormat;
import org.emulsion.media.ImageFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Round trips, metadata and damaged files for every still format Emulsion reads and writes. */
class StillFormatsTest {

    private static final int W = 64;
    private static final int H = 48;

    @TempDir
    Path dir;

    /** A gradient with strong noise, so that (nearly) every code value of each depth occurs. */
    static Image noisy(long seed) {
        Image base = TestImages.gradient(W, H, seed);
        Random random = new Random(seed);
        float[] data = base.data().clone();
        for (int i = 0; i < data.length; i++) {
            data[i] = Math.max(0f, Math.min(1f, data[i] + (float) random.nextGaussian() * 0.15f));
        }
        return new Image(W, H, 3, data);
    }

    /** What an integer file of {@code bits} bits stores and a reader gives back: code × (1 / max), as OpenCV scales. */
    static Image quantise(Image image, int bits) {
        float max = (1 << bits) - 1;
        float[] data = image.data().clone();
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) Math.rint(data[i] * max) * (1f / max);
        }
        return new Image(image.width(), image.height(), image.channels(), data);
    }

    static Image toHalf(Image image) {
        float[] data = image.data().clone();
        for (int i = 0; i < data.length; i++) {
            data[i] = Float.float16ToFloat(Float.floatToFloat16(data[i]));
        }
        return new Image(image.width(), image.height(), image.channels(), data);
    }

    static double psnr(Image a, Image b) {
        double sum = 0;
        for (int i = 0; i < a.data().length; i++) {
            double d = a.data()[i] - b.data()[i];
            sum += d * d;
        }
        return 10 * Math.log10(1.0 / (sum / a.data().length));
    }

    private ImageFiles.Decoded roundTrip(String name, Image image, FrameFormat format) throws IOException {
        Path file = dir.resolve(name);
        ImageFiles.write(file, image, format);
        return ImageFiles.read(file);
    }

    @Test
    void eightAndSixteenBitTiffAndPngRoundTripExactly() throws IOException {
        for (String ext : List.of("tif", "png")) {
            for (int bits : List.of(8, 16)) {
                Image expected = quantise(noisy(bits), bits);
                Path file = dir.resolve("rt" + bits + "." + ext);
                ImageFiles.write(file, noisy(bits), bits);
                ImageFiles.Decoded read = ImageFiles.read(file);
                assertEquals(bits, read.bitDepth(), file.toString());
                assertFalse(read.floatingPoint());
                assertArrayEquals(expected.data(), read.image().data(), 0f, bits + "-bit " + ext + " must be exact");
            }
        }
    }

    @Test
    void sixteenBitDpxRoundTripsExactly() throws IOException {
        Image expected = quantise(noisy(3), 16);
        ImageFiles.Decoded read = roundTrip("a_0001.dpx", noisy(3), FrameFormat.DPX16);
        assertEquals(16, read.bitDepth());
        assertArrayEquals(expected.data(), read.image().data(), 0f);
    }

    @Test
    void tenBitDpxIsTheTenBitQuantisationAndAbove60dB() throws IOException {
        Image original = noisy(4);
        ImageFiles.Decoded read = roundTrip("a_0001.dpx", original, FrameFormat.DPX10);
        assertEquals(10, read.bitDepth());
        assertArrayEquals(quantise(original, 10).data(), read.image().data(), 0f, "10-bit DPX = rint(v*1023)/1023");
        double psnr = psnr(original, read.image());
        assertTrue(psnr >= 60, "10-bit DPX PSNR " + psnr + " dB");
    }

    @Test
    void twelveBitDpxWrittenByFfmpegReadsAtTwelveBits() throws IOException {
        Image original = noisy(5);
        ImageFiles.Decoded read = roundTrip("a_0001.dpx", original, FrameFormat.DPX12);
        assertEquals(12, read.bitDepth());
        assertArrayEquals(quantise(original, 12).data(), read.image().data(), 0f);
    }

    @Test
    void floatExrPassesValuesThroughExactlyIncludingOutOfRange() throws IOException {
        Image original = noisy(6);
        float[] data = original.data().clone();
        data[0] = 4.75f; // highlights above white and negative values (out-of-gamut) must survive
        data[1] = -0.125f;
        data[2] = 1e-5f;
        Image wide = new Image(W, H, 3, data);
        ImageFiles.Decoded read = roundTrip("a_0001.exr", wide, FrameFormat.EXR_FLOAT);
        assertEquals(32, read.bitDepth());
        assertTrue(read.floatingPoint());
        assertArrayEquals(wide.data(), read.image().data(), 0f);
    }

    /**
     * A registered reference is NaN where it does not cover the scan: float EXR (the resume folder's
     * format for it) keeps that, while every other format refuses NaN, and every format refuses infinity.
     */
    @Test
    void floatExrKeepsNaNAndOtherFormatsRefuseNonFiniteSamples() throws IOException {
        Image uncovered = noisy(11);
        Arrays.fill(uncovered.data(), 0, 3 * uncovered.width(), Float.NaN); // the first row
        Image read = roundTrip("n_0001.exr", uncovered, FrameFormat.EXR_FLOAT).image();
        assertArrayEquals(uncovered.data(), read.data(), 0f, "NaN and every other value kept");
        for (FrameFormat format : List.of(FrameFormat.TIFF16, FrameFormat.DPX10, FrameFormat.EXR_HALF)) {
            Path file = dir.resolve("n_0002." + format.extension());
            IOException e = assertThrows(IOException.class, () -> ImageFiles.write(file, uncovered, format));
            assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains(file.toString()), e.getMessage());
            assertFalse(Files.exists(file), format.toString());
        }
        Image infinite = noisy(12);
        infinite.data()[5] = Float.POSITIVE_INFINITY;
        Path file = dir.resolve("i_0001.exr");
        assertThrows(IOException.class, () -> ImageFiles.write(file, infinite, FrameFormat.EXR_FLOAT));
        assertFalse(Files.exists(file));
    }

    @Test
    void halfExrStoresTheHalfQuantisedValues() throws IOException {
        Image original = toHalf(noisy(7));
        float[] data = original.data().clone();
        data[0] = 3.5f;
        Image wide = new Image(W, H, 3, data);
        ImageFiles.Decoded read = roundTrip("a_0001.exr", wide, FrameFormat.EXR_HALF);
        assertEquals(16, read.bitDepth());
        assertTrue(read.floatingPoint());
        assertArrayEquals(wide.data(), read.image().data(), 0f, "values representable in half must be exact");
        // arbitrary floats come back rounded to the nearest half
        Image raw = noisy(8);
        Image back = roundTrip("b_0001.exr", raw, FrameFormat.EXR_HALF).image();
        assertArrayEquals(toHalf(raw).data(), back.data(), 0f, "half EXR = nearest half of each sample");
    }

    static Map<String, String> provenance() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(ImageFiles.KEY_DIGITAL_SOURCE_TYPE, ImageFiles.TRAINED_ALGORITHMIC_MEDIA);
        m.put(ImageFiles.KEY_TOOL, "Emulsion");
        m.put(ImageFiles.KEY_PROJECT, "Reel 1 restoration");
        m.put("version", "0.1.0");
        m.put("workflow", "chroma <DVD & print> \"reel 1\" — Ünïcode\nsecond line");
        return m;
    }

    @Test
    void metadataRoundTripsInEveryWriterFormatWithoutTouchingPixels() throws IOException {
        for (FrameFormat format : List.of(FrameFormat.TIFF16, FrameFormat.DPX10, FrameFormat.DPX16, FrameFormat.EXR_HALF,
                FrameFormat.EXR_FLOAT)) {
            Path plain = dir.resolve(format + "_plain." + format.extension());
            Path tagged = dir.resolve(format + "_tagged." + format.extension());
            ImageFiles.write(plain, noisy(9), format);
            ImageFiles.write(tagged, noisy(9), format, provenance());
            Map<String, String> read = ImageFiles.readMetadata(tagged);
            provenance().forEach((k, v) -> assertEquals(v, read.get(k), format + " " + k + " in " + read));
            assertFalse(ImageFiles.readMetadata(plain).containsKey("tool"), format.toString());
            ImageFiles.Decoded a = ImageFiles.read(plain);
            ImageFiles.Decoded b = ImageFiles.read(tagged);
            assertEquals(format.bitDepth(), b.bitDepth(), format.toString());
            assertArrayEquals(a.image().data(), b.image().data(), 0f, format + ": metadata must not change pixels");
        }
        byte[] dpx = Files.readAllBytes(dir.resolve("DPX10_tagged.dpx"));
        assertEquals("Emulsion\0", new String(dpx, 160, 9, StandardCharsets.US_ASCII), "DPX creator field names the tool");
        assertEquals("Reel 1 restoration\0", new String(dpx, 260, 19, StandardCharsets.US_ASCII), "DPX project field");
    }

    @Test
    void metadataKeysOutsideKnownNamespacesAreRefused() {
        Path file = dir.resolve("k_0001.tif");
        assertThrows(IllegalArgumentException.class,
                () -> ImageFiles.write(file, noisy(1), FrameFormat.TIFF16, Map.of("unknown:key", "v")));
        assertThrows(IllegalArgumentException.class,
                () -> ImageFiles.write(file, noisy(1), FrameFormat.TIFF16, Map.of("has space", "v")));
        assertThrows(IllegalArgumentException.class,
                () -> ImageFiles.write(dir.resolve("k_0001.png"), noisy(1), FrameFormat.DPX10, Map.of()));
        assertFalse(Files.exists(file));
    }

    @Test
    void truncatedAndCorruptFramesAreReportedByNameInEveryFormat() throws IOException {
        for (FrameFormat format : FrameFormat.values()) {
            Path cut = dir.resolve("cut_" + format + "." + format.extension());
            ImageFiles.write(cut, noisy(10), format, provenance());
            byte[] bytes = Files.readAllBytes(cut);
            Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
            IOException e = assertThrows(IOException.class, () -> ImageFiles.read(cut), cut.toString());
            assertTrue(e.getMessage().contains(cut.getFileName().toString()), e.getMessage());

            Path garbage = dir.resolve("junk_" + format + "." + format.extension());
            byte[] junk = new byte[5000];
            new Random(11).nextBytes(junk);
            Files.write(garbage, junk);
            e = assertThrows(IOException.class, () -> ImageFiles.read(garbage), garbage.toString());
            assertTrue(e.getMessage().contains(garbage.getFileName().toString()), e.getMessage());
            e = assertThrows(IOException.class, () -> ImageFiles.readMetadata(garbage), garbage.toString());
            assertTrue(e.getMessage().contains(garbage.getFileName().toString()), e.getMessage());
        }
        Path png = dir.resolve("cut.png");
        ImageFiles.write(png, noisy(12), 16);
        byte[] bytes = Files.readAllBytes(png);
        Files.write(png, Arrays.copyOf(bytes, bytes.length / 2));
        IOException e = assertThrows(IOException.class, () -> ImageFiles.read(png));
        assertTrue(e.getMessage().contains("cut.png"), e.getMessage());
    }

    @Test
    void failedWriteNamesTheFileAndLeavesNothing() throws IOException {
        Path missingFolder = dir.resolve("no-such-folder").resolve("f_0001.dpx");
        IOException e = assertThrows(IOException.class, () -> ImageFiles.write(missingFolder, noisy(1), FrameFormat.DPX10));
        assertTrue(e.getMessage().contains("f_0001.dpx"), e.getMessage());
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }
}
