package org.emulsion.media;

import java.nio.FloatBuffer;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.emulsion.core.image.Image;

/**
 * Bridges Emulsion's {@link Image} (float, RGB, HWC) and OpenCV's {@link Mat}. Everything that
 * needs OpenCV goes through here so that the channel order convention (OpenCV is BGR on disk,
 * Emulsion is RGB in memory) lives in one place.
 */
public final class OpenCv {
    private OpenCv() {
    }

    /** A {@code CV_32FC(n)} Mat holding a copy of {@code image}'s samples, same channel order. */
    public static Mat toMat(Image image) {
        Mat mat = new Mat(image.height(), image.width(), opencv_core.CV_32FC(image.channels()));
        FloatBuffer buffer = mat.createBuffer();
        buffer.put(image.data());
        return mat;
    }

    /**
     * Copies a Mat of any depth into an {@link Image}; 8- and 16-bit samples are scaled to [0, 1],
     * float samples are taken as they are. Channel order is kept.
     */
    public static Image toImage(Mat mat) {
        Mat f = mat;
        int depth = mat.depth();
        if (depth != opencv_core.CV_32F) {
            double scale = switch (depth) {
                case opencv_core.CV_8U -> 1.0 / 255;
                case opencv_core.CV_16U -> 1.0 / 65535;
                default -> 1.0;
            };
            f = new Mat();
            mat.convertTo(f, opencv_core.CV_32F, scale, 0);
        }
        if (!f.isContinuous()) {
            f = f.clone();
        }
        float[] data = new float[f.rows() * f.cols() * f.channels()];
        ((FloatBuffer) f.createBuffer()).get(data);
        if (f != mat) {
            f.close();
        }
        return new Image(mat.cols(), mat.rows(), mat.channels(), data);
    }

    /** Converts between channel orders / colour spaces with OpenCV ({@code cvtColor}) on float images. */
    public static Image convert(Image image, int cvtCode) {
        try (Mat src = toMat(image); Mat dst = new Mat()) {
            opencv_imgproc.cvtColor(src, dst, cvtCode);
            return toImage(dst);
        }
    }

    /** Resamples to {@code width}×{@code height} (area averaging when shrinking, bicubic when enlarging). */
    public static Image resize(Image image, int width, int height) {
        try (Mat src = toMat(image); Mat dst = new Mat()) {
            boolean shrink = width < image.width() && height < image.height();
            opencv_imgproc.resize(src, dst, new org.bytedeco.opencv.opencv_core.Size(width, height), 0, 0,
                    shrink ? opencv_imgproc.INTER_AREA : opencv_imgproc.INTER_CUBIC);
            return toImage(dst);
        }
    }
}
