package org.emulsion.align.internal;

import org.bytedeco.opencv.opencv_core.Mat;
import org.emulsion.core.image.Image;
import org.emulsion.media.OpenCv;

/** Grey versions of frames: alignment compares structure, never colour, so grades and fading matter less. */
final class Luma {
    private Luma() {
    }

    /** Rec. 709 luma (the frames are display-referred); NaN becomes 0. */
    static float[] of(Image image) {
        int c = image.channels();
        float[] d = image.data();
        float[] y = new float[image.width() * image.height()];
        for (int p = 0; p < y.length; p++) {
            int i = p * c;
            float v = c < 3 ? d[i] : 0.2126f * d[i] + 0.7152f * d[i + 1] + 0.0722f * d[i + 2];
            y[p] = Float.isNaN(v) ? 0 : v;
        }
        return y;
    }

    /** {@link #of(Image)} as a float Mat. */
    static Mat mat(Image image) {
        return OpenCv.toMat(new Image(image.width(), image.height(), 1, of(image)));
    }
}
