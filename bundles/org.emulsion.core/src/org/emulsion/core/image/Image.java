package org.emulsion.core.image;

import java.util.Arrays;
import java.util.Objects;

/**
 * A frame in memory: {@code channels} interleaved float samples per pixel, row-major (HWC),
 * nominally in [0, 1]. Colour frames are RGB in the encoding of their source (display-referred,
 * e.g. BT.709 gamma); the encoding travels with the frame's {@link SourceInfo}, not here.
 * <p>
 * Float keeps the pipeline independent of the input bit depth (8, 10, 12 or 16 bits) and lets
 * OpenCV ({@code CV_32FC3}) and DJL (NCHW float tensors) use the samples without conversion.
 */
public final class Image {
    private final int width;
    private final int height;
    private final int channels;
    private final float[] data;

    public Image(int width, int height, int channels, float[] data) {
        if (width <= 0 || height <= 0 || channels <= 0) {
            throw new IllegalArgumentException("bad image size " + width + "x" + height + "x" + channels);
        }
        Objects.requireNonNull(data, "data");
        if (data.length != width * height * channels) {
            throw new IllegalArgumentException("data length " + data.length + " != " + width + "x" + height + "x" + channels);
        }
        this.width = width;
        this.height = height;
        this.channels = channels;
        this.data = data;
    }

    /** A zero-filled image. */
    public static Image blank(int width, int height, int channels) {
        return new Image(width, height, channels, new float[width * height * channels]);
    }

    /** An image whose channel c is {@code planes[c]} (each {@code width × height}, row-major): planes interleaved. */
    public static Image ofPlanes(int width, int height, float[]... planes) {
        int c = planes.length;
        float[] data = new float[width * height * c];
        for (int i = 0; i < width * height; i++) {
            for (int k = 0; k < c; k++) {
                data[c * i + k] = planes[k][i];
            }
        }
        return new Image(width, height, c, data);
    }

    public int width() { return width; }
    public int height() { return height; }
    public int channels() { return channels; }

    /** The backing samples (not a copy: callers that keep an image must not change them). */
    public float[] data() { return data; }

    public float get(int x, int y, int c) { return data[(y * width + x) * channels + c]; }
    public void set(int x, int y, int c, float v) { data[(y * width + x) * channels + c] = v; }

    public Image copy() { return new Image(width, height, channels, Arrays.copyOf(data, data.length)); }

    /**
     * Every {@code step}-th pixel of every {@code step}-th row, from the top-left pixel: a regular
     * sample of the picture, unfiltered (each sample is the pixel itself); this image when {@code step} is 1.
     */
    public Image sampled(int step) {
        if (step < 1) {
            throw new IllegalArgumentException("step " + step);
        }
        if (step == 1) {
            return this;
        }
        int w = (width + step - 1) / step;
        int h = (height + step - 1) / step;
        float[] out = new float[w * h * channels];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int from = ((y * step) * width + x * step) * channels;
                int to = (y * w + x) * channels;
                for (int k = 0; k < channels; k++) { // a few samples: a loop, not a call per pixel
                    out[to + k] = data[from + k];
                }
            }
        }
        return new Image(w, h, channels, out);
    }

    /** The index in {@link #data()} of the first NaN or infinite sample, or -1 when every sample is finite. */
    public int firstNonFinite() {
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                return i;
            }
        }
        return -1;
    }

    public boolean sameSize(Image other) {
        return other.width == width && other.height == height && other.channels == channels;
    }

    @Override
    public String toString() { return "Image[" + width + "x" + height + "x" + channels + "]"; }
}
