package org.emulsion.media.tests;

import java.util.Random;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.emulsion.core.image.Image;
import org.emulsion.media.OpenCv;

/** Deterministic test frames: smooth colour gradients with texture, no files needed. */
public final class TestImages {
    private TestImages() {
    }

    public static Image gradient(int width, int height, long seed) {
        Random random = new Random(seed);
        double fx = 2 + random.nextDouble() * 3;
        double fy = 1 + random.nextDouble() * 3;
        Image image = Image.blank(width, height, 3);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double u = (double) x / width;
                double v = (double) y / height;
                image.set(x, y, 0, (float) (0.5 + 0.4 * Math.sin(fx * u * Math.PI * 2 + v)));
                image.set(x, y, 1, (float) (0.5 + 0.4 * Math.cos(fy * v * Math.PI * 2 - u)));
                image.set(x, y, 2, (float) (0.5 + 0.4 * Math.sin((u + v) * 7 + random.nextDouble() * 0.2)));
            }
        }
        return image;
    }

    /** Quantises to 16 bits the way 16-bit files are decoded, so that round trips through 16-bit files can be compared exactly. */
    public static Image quantise16(Image image) {
        try (Mat f = OpenCv.toMat(image); Mat bits = new Mat()) {
            f.convertTo(bits, opencv_core.CV_16U, 65535.0, 0);
            return OpenCv.toImage(bits);
        }
    }
}
