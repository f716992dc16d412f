package org.emulsion.align.internal;

import java.nio.FloatBuffer;
import java.util.Arrays;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.global.opencv_calib3d;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.global.opencv_photo;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_video.DISOpticalFlow;
import org.emulsion.core.image.Image;
import org.emulsion.media.OpenCv;

/**
 * Where each pixel of a frame was in a neighbouring frame of the same element: OpenCV's DIS optical
 * flow on luma (mean-normalised patches, so flicker does not read as motion), and images of the
 * neighbour warped onto the frame with it. A frame's damage moves the flow locally; what it is used
 * for tolerates that (damage disagrees with a warped neighbour either way).
 */
public final class Motion {
    private final int width;
    private final int height;
    /** Per frame pixel, where to sample the neighbour (x, y). */
    private final float[] map;

    private Motion(int width, int height, float[] map) {
        this.width = width;
        this.height = height;
        this.map = map;
    }

    /**
     * The motion from {@code frame} to {@code neighbour} (same size), estimated at {@code scale} of
     * the frame's size (1 = full resolution; soft elements lose nothing at ½).
     */
    public static Motion between(Image frame, Image neighbour, double scale) {
        if (frame.width() != neighbour.width() || frame.height() != neighbour.height()) {
            throw new IllegalArgumentException("neighbour " + neighbour + " is not the frame's size " + frame);
        }
        int w = frame.width();
        int h = frame.height();
        try (PointerScope scope = new PointerScope()) {
            Size size = new Size(Math.max(8, (int) Math.round(w * scale)), Math.max(8, (int) Math.round(h * scale)));
            Mat a = bytes(frame, size);
            Mat b = bytes(neighbour, size);
            Mat flow = new Mat();
            DISOpticalFlow.create(DISOpticalFlow.PRESET_MEDIUM).calc(a, b, flow);
            if (size.width() != w || size.height() != h) {
                Mat full = new Mat();
                opencv_imgproc.resize(flow, full, new Size(w, h), 0, 0, opencv_imgproc.INTER_LINEAR);
                full.convertTo(flow, opencv_core.CV_32FC2, (double) w / size.width(), 0);
            }
            float[] f = new float[2 * w * h];
            ((FloatBuffer) flow.createBuffer()).get(f);
            for (int y = 0, p = 0; y < h; y++) {
                for (int x = 0; x < w; x++, p++) {
                    f[2 * p] += x;
                    f[2 * p + 1] += y;
                }
            }
            return new Motion(w, h, f);
        }
    }

    /**
     * The camera's part of this motion, on a resized copy of its frame ({@code resized}: the frame
     * at another scale, its neighbour resized alike): one homography fitted to the whole flow field
     * with RANSAC (pan, zoom, weave; moving objects and anything fixed on the film frame — lasting
     * damage — are its outliers), as a motion of its own; null when none fits. Warped with it, a
     * neighbour shows the picture where the frame shows it, but lasting damage elsewhere than the
     * frame's own. (The camera's motion needs no flow of its own at every scale.)
     */
    public Motion camera(Image resized) {
        double[] h = homography();
        return h == null ? null
                : fromHomography(h, (double) resized.width() / width, (double) resized.height() / height, resized.width(), resized.height());
    }

    /** One homography fitted to the whole flow field with RANSAC; null when none fits. */
    private double[] homography() {
        int step = Math.max(4, Math.min(width, height) / 60);
        int n = 0;
        float[] from = new float[2 * ((width / step + 1) * (height / step + 1))];
        float[] to = new float[from.length];
        for (int y = step / 2; y < height; y += step) {
            for (int x = step / 2; x < width; x += step) {
                int p = y * width + x;
                from[2 * n] = x;
                from[2 * n + 1] = y;
                to[2 * n] = map[2 * p];
                to[2 * n + 1] = map[2 * p + 1];
                n++;
            }
        }
        if (n < 8) {
            return null;
        }
        double[] h = new double[9];
        try (PointerScope scope = new PointerScope()) {
            Mat a = new Mat(n, 1, opencv_core.CV_32FC2);
            Mat b = new Mat(n, 1, opencv_core.CV_32FC2);
            ((FloatBuffer) a.createBuffer()).put(from, 0, 2 * n);
            ((FloatBuffer) b.createBuffer()).put(to, 0, 2 * n);
            Mat model = opencv_calib3d.findHomography(a, b, opencv_calib3d.RANSAC, 1.0, new Mat(), 2000, 0.995);
            if (model == null || model.empty()) {
                return null;
            }
            ((java.nio.DoubleBuffer) model.createBuffer()).get(h);
        }
        return h;
    }

    /**
     * The motion of homography {@code h} (in this motion's pixels) on a {@code w}×{@code h} copy
     * scaled by {@code sx}, {@code sy} (pixel centres kept in place).
     */
    private static Motion fromHomography(double[] h, double sx, double sy, int w, int hh) {
        float[] global = new float[2 * w * hh];
        for (int y = 0, p = 0; y < hh; y++) {
            for (int x = 0; x < w; x++, p++) {
                double fx = (x + 0.5) / sx - 0.5;
                double fy = (y + 0.5) / sy - 0.5;
                double d = h[6] * fx + h[7] * fy + h[8];
                global[2 * p] = (float) (((h[0] * fx + h[1] * fy + h[2]) / d + 0.5) * sx - 0.5);
                global[2 * p + 1] = (float) (((h[3] * fx + h[4] * fy + h[5]) / d + 0.5) * sy - 0.5);
            }
        }
        return new Motion(w, hh, global);
    }

    /** How far pixel {@code p} (row-major) of the frame is from where it samples the neighbour, pixels. */
    public double displacement(int p) {
        return Math.hypot(map[2 * p] - p % width, map[2 * p + 1] - p / width);
    }

    /**
     * This motion with its field inside {@code unknown} (per frame pixel, &gt; 0 where the frame's
     * picture is hidden: damage) continued smoothly from the field around it (OpenCV's inpainting
     * of each displacement component): what hides the picture has no motion of its own worth
     * following, the picture behind it moves with its surroundings.
     */
    public Motion bridging(float[] unknown) {
        int n = width * height;
        if (unknown.length != n) {
            throw new IllegalArgumentException("a mask of " + unknown.length + " pixels for a motion of " + n);
        }
        float[] out = map.clone();
        try (PointerScope scope = new PointerScope()) {
            Mat mask = new Mat(height, width, opencv_core.CV_8U);
            byte[] m = new byte[n];
            for (int p = 0; p < n; p++) {
                m[p] = unknown[p] > 0 ? (byte) 255 : 0;
            }
            mask.data().put(m);
            for (int axis = 0; axis < 2; axis++) {
                float[] d = new float[n];
                for (int p = 0; p < n; p++) {
                    d[p] = map[2 * p + axis] - (axis == 0 ? p % width : p / width);
                }
                Mat field = new Mat(height, width, opencv_core.CV_32F);
                ((FloatBuffer) field.createBuffer()).put(d);
                Mat filled = new Mat();
                opencv_photo.inpaint(field, mask, filled, 3, opencv_photo.INPAINT_TELEA);
                ((FloatBuffer) filled.createBuffer()).get(d);
                for (int p = 0; p < n; p++) {
                    out[2 * p + axis] = d[p] + (axis == 0 ? p % width : p / width);
                }
            }
        }
        return new Motion(width, height, out);
    }

    /**
     * An image of the neighbour (its frame, or a witness registered on it) warped onto the frame:
     * bilinear, NaN where the flow leaves the neighbour or lands on its NaN pixels.
     */
    public Image warp(Image image) {
        if (image.width() != width || image.height() != height) {
            throw new IllegalArgumentException(image + " is not the motion's size " + width + "x" + height);
        }
        try (PointerScope scope = new PointerScope()) {
            Mat maps = new Mat(height, width, opencv_core.CV_32FC2);
            ((FloatBuffer) maps.createBuffer()).put(map);
            Mat out = new Mat();
            opencv_imgproc.remap(OpenCv.toMat(image), out, maps, new Mat(), opencv_imgproc.INTER_LINEAR, opencv_core.BORDER_CONSTANT,
                    Scalar.all(Double.NaN));
            Image result = OpenCv.toImage(out);
            float[] d = result.data();
            int c = result.channels();
            for (int p = 0; p < width * height; p++) {
                float x = map[2 * p];
                float y = map[2 * p + 1];
                if (!(x >= 0 && y >= 0 && x <= width - 1 && y <= height - 1)) {
                    Arrays.fill(d, p * c, p * c + c, Float.NaN);
                }
            }
            return result;
        }
    }

    /** Luma as 8 bits at {@code size} (NaN, where an element does not cover, as black). */
    private static Mat bytes(Image image, Size size) {
        Mat luma = Luma.mat(image);
        Mat bytes = new Mat();
        if (size.width() != image.width() || size.height() != image.height()) {
            Mat small = new Mat();
            opencv_imgproc.resize(luma, small, size, 0, 0, opencv_imgproc.INTER_AREA);
            luma = small;
        }
        luma.convertTo(bytes, opencv_core.CV_8U, 255, 0);
        return bytes;
    }
}
