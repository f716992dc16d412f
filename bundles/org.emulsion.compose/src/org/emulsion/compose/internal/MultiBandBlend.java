package org.emulsion.compose.internal;

import java.util.ArrayList;
import java.util.List;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.emulsion.core.image.Image;
import org.emulsion.media.OpenCv;

/**
 * Multi-band blending of one-channel layers by a label map (Burt and Adelson's Laplacian pyramid
 * blend, built on OpenCV's {@code pyrDown}/{@code pyrUp}): each band of detail is blended over a
 * transition as wide as the band, so a change of source shows neither an edge in tone nor a halo
 * of grain. Coarsest level: about 8 pixels.
 */
final class MultiBandBlend {
    private static final int MAX_LEVELS = 5;

    private MultiBandBlend() {
    }

    /** The layers blended: {@code label[i]} names the layer pixel i is taken from. */
    static float[] blend(float[][] layers, int[] label, int width, int height) {
        int levels = (int) Math.max(1, Math.min(MAX_LEVELS, Math.floor(Math.log(Math.min(width, height) / 8.0) / Math.log(2))));
        List<Mat> sum = null;
        try {
            for (int k = 0; k < layers.length; k++) {
                float[] weight = new float[label.length];
                boolean used = false;
                for (int i = 0; i < label.length; i++) {
                    if (label[i] == k) {
                        weight[i] = 1;
                        used = true;
                    }
                }
                if (!used) {
                    continue;
                }
                List<Mat> laplacian = laplacian(OpenCv.toMat(new Image(width, height, 1, layers[k])), levels);
                List<Mat> gaussian = gaussian(OpenCv.toMat(new Image(width, height, 1, weight)), levels);
                for (int l = 0; l <= levels; l++) {
                    opencv_core.multiply(laplacian.get(l), gaussian.get(l), laplacian.get(l));
                }
                gaussian.forEach(Mat::close);
                if (sum == null) {
                    sum = laplacian;
                } else {
                    for (int l = 0; l <= levels; l++) {
                        opencv_core.add(sum.get(l), laplacian.get(l), sum.get(l));
                        laplacian.get(l).close();
                    }
                }
            }
            if (sum == null) {
                return new float[label.length];
            }
            Mat image = sum.get(levels);
            for (int l = levels - 1; l >= 0; l--) {
                Mat up = new Mat();
                opencv_imgproc.pyrUp(image, up, new Size(sum.get(l).cols(), sum.get(l).rows()), opencv_core.BORDER_DEFAULT);
                opencv_core.add(up, sum.get(l), up);
                if (image != sum.get(levels)) {
                    image.close();
                }
                image = up;
            }
            float[] out = OpenCv.toImage(image).data();
            if (image != sum.get(levels)) {
                image.close();
            }
            return out;
        } finally {
            if (sum != null) {
                sum.forEach(Mat::close);
            }
        }
    }

    /** Levels 0..levels of the Gaussian pyramid ({@code base} is level 0 and owned by the list). */
    private static List<Mat> gaussian(Mat base, int levels) {
        List<Mat> pyramid = new ArrayList<>();
        pyramid.add(base);
        for (int l = 1; l <= levels; l++) {
            Mat down = new Mat();
            opencv_imgproc.pyrDown(pyramid.get(l - 1), down);
            pyramid.add(down);
        }
        return pyramid;
    }

    /** The Laplacian pyramid: each level minus the next one up-sampled; the last level is the coarse residue. */
    private static List<Mat> laplacian(Mat base, int levels) {
        List<Mat> pyramid = gaussian(base, levels);
        for (int l = 0; l < levels; l++) {
            try (Mat up = new Mat()) {
                opencv_imgproc.pyrUp(pyramid.get(l + 1), up, new Size(pyramid.get(l).cols(), pyramid.get(l).rows()), opencv_core.BORDER_DEFAULT);
                opencv_core.subtract(pyramid.get(l), up, pyramid.get(l));
            }
        }
        return pyramid;
    }
}
