package org.emulsion.align.internal;

import java.nio.FloatBuffer;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.emulsion.core.image.Image;
import org.emulsion.media.OpenCv;

/** Resampling of frames and per-pixel maps between a frame's resolution and a reduced one. */
public final class Planes {
    private Planes() {
    }

    /** {@code image} at {@code scale} of its size (area averaging); itself at 1. */
    public static Image scaled(Image image, double scale) {
        if (scale >= 1) {
            return image;
        }
        try (PointerScope scope = new PointerScope()) {
            Mat out = new Mat();
            opencv_imgproc.resize(OpenCv.toMat(image), out, new Size(Math.max(8, (int) Math.round(image.width() * scale)),
                    Math.max(8, (int) Math.round(image.height() * scale))), 0, 0, opencv_imgproc.INTER_AREA);
            return OpenCv.toImage(out);
        }
    }

    /** A per-pixel map of {@code small} brought to {@code full}'s size (bilinear); null stays null. */
    public static float[] enlarged(float[] map, Image small, Image full) {
        if (map == null || small == full) {
            return map;
        }
        try (PointerScope scope = new PointerScope()) {
            Mat m = new Mat(small.height(), small.width(), opencv_core.CV_32F);
            ((FloatBuffer) m.createBuffer()).put(map);
            Mat out = new Mat();
            opencv_imgproc.resize(m, out, new Size(full.width(), full.height()), 0, 0, opencv_imgproc.INTER_LINEAR);
            float[] result = new float[full.width() * full.height()];
            ((FloatBuffer) out.createBuffer()).get(result);
            return result;
        }
    }
}
