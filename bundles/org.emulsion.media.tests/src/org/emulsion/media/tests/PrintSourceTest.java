package org.emulsion.media.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.emulsion.core.image.FrameSource;
import org.emulsion.core.image.Image;
import org.emulsion.media.OpenCv;
import org.emulsion.media.internal.PrintSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A print scan as 16-bit PNG frames with a black surround: the print source finds the picture and subtitle band. */
class PrintSourceTest {
    @TempDir
    Path dir;

    @Test
    void findsThePictureInsideTheSurround() throws Exception {
        List<Image> frames = ActiveAreaTest.samples(true);
        for (int i = 0; i < frames.size(); i++) {
            try (Mat rgb = OpenCv.toMat(frames.get(i)); Mat bits = new Mat(); Mat bgr = new Mat()) {
                rgb.convertTo(bits, opencv_core.CV_16U, 65535.0, 0);
                opencv_imgproc.cvtColor(bits, bgr, opencv_imgproc.COLOR_RGB2BGR);
                opencv_imgcodecs.imwrite(dir.resolve(String.format(Locale.ROOT, "print_%04d.png", i)).toString(), bgr);
            }
        }
        PrintSource print = new PrintSource();
        assertTrue(print.canOpen(dir));
        try (FrameSource source = print.open(dir)) {
            assertEquals(frames.size(), source.frameCount());
            assertEquals(ActiveAreaTest.PICTURE, source.info().activeArea());
            assertTrue(!source.info().subtitleBand().isEmpty(), source.info().toString());
            assertEquals(16, source.info().bitDepth());
            assertEquals("print_0003.png", source.frameName(3));
        }
        assertTrue(Files.exists(dir.resolve("print_0000.png")), "the scan is never modified");
    }
}
