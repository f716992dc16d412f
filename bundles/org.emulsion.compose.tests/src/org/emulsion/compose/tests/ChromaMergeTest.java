package org.emulsion.compose.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.emulsion.compose.Luma;
import org.emulsion.compose.internal.ChromaMergeCompositor;
import org.emulsion.core.extensions.Compositor;
import org.emulsion.core.extensions.CompositorRegistry;
import org.emulsion.core.image.Image;
import org.emulsion.media.ImageFiles;
import org.emulsion.media.OpenCv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChromaMergeTest {

    @TempDir
    Path dir;

    private static Compositor compositor() {
        Compositor c = CompositorRegistry.get().get("org.emulsion.compose.chromaMerge").instance();
        assertInstanceOf(ChromaMergeCompositor.class, c);
        return c;
    }

    /** A 16-bit-exact scan with ordinary pixels plus the gamut's corners (black, white, primaries). */
    private static Image scan(int w, int h, long seed) {
        Random random = new Random(seed);
        Image image = Image.blank(w, h, 3);
        float[] d = image.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = random.nextInt(65536) / 65535f;
        }
        float[][] corners = {{0, 0, 0}, {1, 1, 1}, {1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 1, 0}, {0, 1, 1}};
        for (int k = 0; k < corners.length; k++) {
            System.arraycopy(corners[k], 0, d, 3 * k, 3);
        }
        return ImageFilesRoundTrip.quantise(image);
    }

    private static Image prediction(int w, int h, long seed) {
        Random random = new Random(seed);
        Image p = Image.blank(w, h, 2);
        float[] d = p.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (random.nextDouble() * 1.4 - 0.2); // includes impossible, out-of-gamut chroma
        }
        return p;
    }

    /**
     * Luma is computed in Java; it must be OpenCV's Y of the 16-bit frame, rounding included, for
     * every code: 16-bit codes (the extremes and a sweep of each channel alone) and samples between
     * codes or outside [0, 1], as a model's output has them.
     */
    @Test
    void lumaIsOpenCvsYOfThe16BitFrame() {
        int n = 3 * 65536 + 200_000;
        Random random = new Random(7);
        float[] d = new float[3 * n];
        for (int i = 0; i < 3 * 65536; i++) {
            d[3 * i + i / 65536] = (i % 65536) / 65535f; // each channel swept alone
        }
        for (int i = 3 * 65536; i < n; i++) {
            for (int k = 0; k < 3; k++) {
                d[3 * i + k] = switch (random.nextInt(4)) {
                    case 0 -> random.nextInt(65536) / 65535f;
                    case 1 -> random.nextBoolean() ? 1f : 0f;
                    case 2 -> random.nextFloat() * 1.2f - 0.1f;
                    default -> random.nextFloat();
                };
            }
        }
        Image rgb = new Image(n, 1, 3, d);
        int[] expected = new int[n];
        try (Mat f = OpenCv.toMat(rgb); Mat bits = new Mat(); Mat ycc = new Mat()) {
            f.convertTo(bits, opencv_core.CV_16U, 65535.0, 0);
            opencv_imgproc.cvtColor(bits, ycc, opencv_imgproc.COLOR_RGB2YCrCb);
            short[] samples = new short[3 * n];
            ((ShortBuffer) ycc.createBuffer()).get(samples);
            for (int i = 0; i < n; i++) {
                expected[i] = samples[3 * i] & 0xffff;
            }
        }
        assertArrayEquals(expected, Luma.codes(rgb));
    }

    @Test
    void outputLumaEqualsScanLumaBitExactly() throws IOException {
        Image scan = scan(173, 91, 1);
        Image out = compositor().compose(scan, prediction(173, 91, 2), List.of(), null);
        assertArrayEquals(Luma.codes(scan), Luma.codes(out), "16-bit luma must be kept exactly");
        Path file = dir.resolve("f_0001.tif");
        ImageFiles.writeTiff16(file, out);
        assertArrayEquals(Luma.codes(scan), Luma.codes(ImageFiles.read(file).image()),
                "and still after writing the 16-bit TIFF");
    }

    @Test
    void chromaComesFromThePredictionWhereItFitsTheGamut() {
        Image scan = Image.blank(1, 1, 3);
        scan.data()[0] = 0.5f;
        scan.data()[1] = 0.5f;
        scan.data()[2] = 0.5f;
        Image prediction = new Image(1, 1, 2, new float[] {0.45f, 0.58f}); // a mild warm tone
        Image out = compositor().compose(ImageFilesRoundTrip.quantise(scan), prediction, List.of(), null);
        float r = out.data()[0];
        float g = out.data()[1];
        float b = out.data()[2];
        double y = 0.299 * r + 0.587 * g + 0.114 * b;
        assertEquals(-0.05, (b - y) / 1.772, 2e-4, "Cb");
        assertEquals(0.08, (r - y) / 1.402, 2e-4, "Cr");
    }

    @Test
    void maskedOutPixelsKeepTheScan() {
        Image scan = scan(40, 20, 3);
        Image mask = Image.blank(40, 20, 1);
        for (int i = 0; i < 400; i++) {
            mask.data()[i] = 1; // top half merged, bottom half kept
        }
        Image out = compositor().compose(scan, prediction(40, 20, 4), List.of(), mask);
        for (int i = 400 * 3; i < 800 * 3; i++) {
            assertEquals(Math.round(scan.data()[i] * 65535), Math.round(out.data()[i] * 65535), "16-bit code of sample " + i);
        }
        assertTrue(java.util.stream.IntStream.range(0, 400 * 3).anyMatch(i -> scan.data()[i] != out.data()[i]));
        assertArrayEquals(Luma.codes(scan), Luma.codes(out));
    }
}
