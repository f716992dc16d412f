package org.emulsion.align.internal;

import java.nio.FloatBuffer;
import java.util.stream.IntStream;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Gaussian blur of samples that may be NaN (where an element does not cover the frame): only the
 * finite samples are averaged (normalised convolution), and a pixel whose window is less than half
 * covered stays NaN, so that no blur spreads an edge of nothing into the picture.
 */
public final class ValidBlur {
    private ValidBlur() {
    }

    /** A blurred copy of HWC samples ({@code sigma} in pixels; 0 copies). */
    public static float[] blur(float[] data, int w, int h, int c, double sigma) {
        return blur(data, w, h, c, sigma, sigma);
    }

    /** A copy blurred by {@code sigmaX} across and {@code sigmaY} down (0 leaves a direction alone; both 0 copies). */
    public static float[] blur(float[] data, int w, int h, int c, double sigmaX, double sigmaY) {
        if (sigmaX <= 0 && sigmaY <= 0) {
            return data.clone();
        }
        float[] values = new float[data.length];
        float[] covered = new float[w * h]; // 1 where every channel is finite
        // 1: some pixel is NaN; 2: some pixel is NaN in some channels only
        int holes = IntStream.range(0, h).parallel().map(y -> {
            int found = 0;
            for (int p = y * w; p < (y + 1) * w; p++) {
                int missing = 0;
                for (int i = p * c; i < (p + 1) * c; i++) {
                    boolean ok = !Float.isNaN(data[i]);
                    values[i] = ok ? data[i] : 0;
                    missing += ok ? 0 : 1;
                }
                covered[p] = missing == 0 ? 1 : 0;
                found |= missing == 0 ? 0 : missing == c ? 1 : 3;
            }
            return found;
        }).reduce(0, (a, b) -> a | b);
        // where every channel has the same holes (the usual case) one plane of coverage serves them all
        int vc = (holes & 2) == 0 ? 1 : c;
        float[] weights = vc == 1 ? covered : new float[data.length];
        if (vc != 1) {
            for (int i = 0; i < data.length; i++) {
                weights[i] = Float.isNaN(data[i]) ? 0 : 1;
            }
        }
        try (PointerScope scope = new PointerScope()) {
            Mat v = mat(values, w, h, c);
            opencv_imgproc.GaussianBlur(v, v, size(sigmaX, sigmaY), Math.max(sigmaX, 1e-3), Math.max(sigmaY, 1e-3),
                    opencv_core.BORDER_REFLECT, 0);
            ((FloatBuffer) v.createBuffer()).get(values);
            if (holes == 0) {
                return values;
            }
            Mat m = mat(weights, w, h, vc);
            opencv_imgproc.GaussianBlur(m, m, size(sigmaX, sigmaY), Math.max(sigmaX, 1e-3), Math.max(sigmaY, 1e-3),
                    opencv_core.BORDER_REFLECT, 0);
            ((FloatBuffer) m.createBuffer()).get(weights);
        }
        IntStream.range(0, h).parallel().forEach(y -> {
            for (int p = y * w; p < (y + 1) * w; p++) {
                for (int k = 0; k < c; k++) {
                    int i = p * c + k;
                    float weight = weights[vc == 1 ? p : i];
                    values[i] = weight < 0.5f ? Float.NaN : values[i] / weight;
                }
            }
        });
        return values;
    }

    /** Kernel size for the sigmas: 1 in a direction left alone, else OpenCV's choice. */
    private static Size size(double sigmaX, double sigmaY) {
        return new Size(sigmaX <= 0 ? 1 : 0, sigmaY <= 0 ? 1 : 0);
    }

    private static Mat mat(float[] data, int w, int h, int c) {
        Mat m = new Mat(h, w, opencv_core.CV_32FC(c));
        ((FloatBuffer) m.createBuffer()).put(data);
        return m;
    }
}
