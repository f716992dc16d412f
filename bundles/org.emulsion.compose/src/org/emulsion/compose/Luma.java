package org.emulsion.compose;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.emulsion.core.image.Image;
import org.emulsion.media.OpenCv;

/**
 * The luma Emulsion preserves: OpenCV's Y of 16-bit RGB ({@code COLOR_RGB2YCrCb} on
 * {@code CV_16U}, BT.601 weights), i.e. exactly what the written 16-bit frame will have.
 * Chroma mode promises that this value of every output pixel equals the scan's.
 */
public final class Luma {
    private Luma() {
    }

    /** 16-bit code values of an RGB image in [0, 1], rounded as the TIFF writer rounds them. */
    public static int[] codes(Image rgb) {
        try (Mat f = OpenCv.toMat(rgb); Mat bits = new Mat()) {
            f.convertTo(bits, opencv_core.CV_16U, 65535.0, 0);
            return lumaOf16(bits);
        }
    }

    /** 16-bit Y of interleaved 16-bit RGB codes (one row of {@code codes.length / 3} pixels). */
    public static int[] ofCodes(int[] codes) {
        if (codes.length == 0) {
            return new int[0];
        }
        try (Mat rgb16 = new Mat(1, codes.length / 3, opencv_core.CV_16UC3)) {
            short[] samples = new short[codes.length];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = (short) codes[i];
            }
            ((java.nio.ShortBuffer) rgb16.createBuffer()).put(samples);
            return lumaOf16(rgb16);
        }
    }

    /** Y (16-bit) of a {@code CV_16UC3} RGB Mat. */
    private static int[] lumaOf16(Mat rgb16) {
        try (Mat ycc = new Mat(); MatVector planes = new MatVector()) {
            opencv_imgproc.cvtColor(rgb16, ycc, opencv_imgproc.COLOR_RGB2YCrCb);
            opencv_core.split(ycc, planes);
            try (Mat y = planes.get(0)) {
                short[] samples = new short[y.rows() * y.cols()];
                ((java.nio.ShortBuffer) y.createBuffer()).get(samples);
                int[] out = new int[samples.length];
                for (int i = 0; i < out.length; i++) {
                    out[i] = samples[i] & 0xffff;
                }
                return out;
            }
        }
    }
}
