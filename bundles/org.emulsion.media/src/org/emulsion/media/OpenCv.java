package org.emulsion.media;

import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.util.stream.IntStream;

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

    /** What {@link #toImage} multiplies 8- and 16-bit samples by, in float as OpenCV's {@code convertTo} does. */
    private static final float SCALE8 = (float) (1.0 / 255);
    private static final float SCALE16 = (float) (1.0 / 65535);

    /**
     * A frame as OpenCV's decoders give it (BGR, BGRA or grey; 8-bit, 16-bit or float) as an
     * {@link Image} in RGB order (alpha dropped; grey kept as it is), scaled as {@link #toImage}
     * scales. The samples are reordered and scaled while they are copied out, so an archive-size
     * frame gets no converted native copies (each would be mapped, touched and unmapped per frame).
     */
    public static Image fromDecoded(Mat decoded) {
        Mat m = decoded.isContinuous() ? decoded : decoded.clone();
        try {
            int c = m.channels();
            int out = c == 4 ? 3 : c;
            int[] from = swapped(out); // the decoded channel each output channel is copied from
            int width = m.cols();
            int n = m.rows() * width;
            float[] d = new float[n * out];
            switch (m.depth()) {
                case opencv_core.CV_8U, opencv_core.CV_16U -> {
                    // 8-bit samples are widened first, so that one loop serves both (8-bit frames are the small ones)
                    boolean bytes = m.depth() == opencv_core.CV_8U;
                    short[] s = new short[n * c];
                    try (Mat wide = bytes ? new Mat() : null) {
                        if (bytes) {
                            m.convertTo(wide, opencv_core.CV_16U);
                        }
                        ((ShortBuffer) (bytes ? wide : m).createBuffer()).get(s);
                    }
                    float scale = bytes ? SCALE8 : SCALE16;
                    IntStream.range(0, m.rows()).parallel().forEach(y -> {
                        for (int p = y * width; p < (y + 1) * width; p++) {
                            for (int k = 0; k < out; k++) {
                                d[p * out + k] = (s[p * c + from[k]] & 0xffff) * scale;
                            }
                        }
                    });
                }
                case opencv_core.CV_32F -> {
                    float[] s = new float[n * c];
                    ((FloatBuffer) m.createBuffer()).get(s);
                    for (int p = 0; p < n; p++) {
                        for (int k = 0; k < out; k++) {
                            d[p * out + k] = s[p * c + from[k]];
                        }
                    }
                }
                default -> throw new IllegalArgumentException("unsupported sample type (OpenCV depth " + m.depth() + ")");
            }
            return new Image(width, m.rows(), out, d);
        } finally {
            if (m != decoded) {
                m.close();
            }
        }
    }

    /**
     * {@code image} (RGB or grey, samples in [0, 1]) as an 8- or 16-bit Mat in the order OpenCV's
     * encoders take (BGR), each sample scaled, rounded half to even and saturated as
     * {@code convertTo} does it; like {@link #fromDecoded}, with no converted native copies.
     */
    public static Mat toEncodable(Image image, int bits) {
        int c = image.channels();
        int w = image.width();
        float[] d = image.data();
        float scale = bits == 16 ? 65535f : 255f;
        int[] from = swapped(c);
        short[] out = new short[d.length];
        IntStream.range(0, image.height()).parallel().forEach(y -> {
            for (int p = y * w; p < (y + 1) * w; p++) {
                for (int k = 0; k < c; k++) {
                    out[p * c + k] = (short) code(d[p * c + from[k]], scale);
                }
            }
        });
        Mat codes = new Mat(image.height(), w, opencv_core.CV_MAKETYPE(opencv_core.CV_16U, c));
        ((ShortBuffer) codes.createBuffer()).put(out);
        if (bits == 16) {
            return codes;
        }
        try (codes) { // 8-bit codes are narrowed from the same loop's (8-bit frames are the small ones)
            Mat bytes = new Mat();
            codes.convertTo(bytes, opencv_core.CV_8U);
            return bytes;
        }
    }

    /** Per channel of an image with {@code channels}, the channel of the other order (RGB / BGR) it corresponds to: grey as it is. */
    private static int[] swapped(int channels) {
        int[] from = new int[channels];
        for (int k = 0; k < channels; k++) {
            from[k] = channels == 3 ? 2 - k : k;
        }
        return from;
    }

    /** A sample's integer code: scaled in float, rounded half to even, saturated (NaN is 0), as OpenCV's {@code convertTo}. */
    private static int code(float v, float scale) {
        return (int) Math.max(0, Math.min(scale, Math.rint(v * scale)));
    }

    /** Converts between channel orders / colour spaces with OpenCV ({@code cvtColor}) on float images. */
    public static Image convert(Image image, int cvtCode) {
        try (Mat src = toMat(image); Mat dst = new Mat()) {
            opencv_imgproc.cvtColor(src, dst, cvtCode);
            return toImage(dst);
        }
    }

    /** {@code image} at most {@code width} pixels wide, its aspect kept ({@link #resize}); {@code image} itself when narrower. */
    public static Image atMostWide(Image image, int width) {
        int[] size = atMostWideSize(image.width(), image.height(), width);
        return size[0] == image.width() ? image : resize(image, size[0], size[1]);
    }

    /**
     * The size {@link #atMostWide} reduces a {@code width}×{@code height} picture to, {width, height}: at most
     * {@code atMost} wide, its aspect kept (the size itself when it is narrower).
     */
    public static int[] atMostWideSize(int width, int height, int atMost) {
        return width <= atMost ? new int[] {width, height}
                : new int[] {atMost, Math.max(1, (int) Math.round((double) height * atMost / width))};
    }

    /**
     * A copy of {@code mat} (any depth) at most {@code width} pixels wide, its aspect kept, by area
     * averaging in its own sample type; a new header on the same samples when it is narrower.
     */
    public static Mat atMostWide(Mat mat, int width) {
        int[] size = atMostWideSize(mat.cols(), mat.rows(), width);
        if (size[0] == mat.cols()) {
            return new Mat(mat);
        }
        Mat out = new Mat();
        opencv_imgproc.resize(mat, out, new org.bytedeco.opencv.opencv_core.Size(size[0], size[1]), 0, 0, opencv_imgproc.INTER_AREA);
        return out;
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
