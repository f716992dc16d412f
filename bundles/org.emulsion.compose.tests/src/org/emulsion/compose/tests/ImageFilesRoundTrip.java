package org.emulsion.compose.tests;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.emulsion.core.image.Image;
import org.emulsion.media.OpenCv;

/** Quantises test frames to 16 bits exactly as a 16-bit TIFF would decode them. */
final class ImageFilesRoundTrip {
    private ImageFilesRoundTrip() {
    }

    static Image quantise(Image image) {
        try (Mat f = OpenCv.toMat(image); Mat bits = new Mat()) {
            f.convertTo(bits, opencv_core.CV_16U, 65535.0, 0);
            return OpenCv.toImage(bits);
        }
    }
}
