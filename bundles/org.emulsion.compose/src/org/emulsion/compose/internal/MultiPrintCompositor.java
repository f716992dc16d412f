package org.emulsion.compose.internal;

import java.util.List;

import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.emulsion.core.extensions.Compositor;
import org.emulsion.core.image.Image;
import org.emulsion.media.OpenCv;

/**
 * Best-of composite of several prints: the prediction names, per pixel, the layer it is taken from
 * (channel 0: 0 = the scan, k = layer k) and holds every layer's Y, Cb and Cr (channels 1 + 3k,
 * 2 + 3k, 3 + 3k; chroma centred on 0.5; tone- and colour-matched on the scan's grid, usable
 * everywhere). Every pixel farther than {@value #BAND} pixels from a change of layer is its layer's
 * exactly — and where that layer is the scan, the scan's pixel bit for bit; within the band the
 * multi-band blend ({@link MultiBandBlend}) of each of Y, Cb and Cr is feathered in, so the source
 * changes without a visible seam while each print's grain stays its own. Without a mask the whole
 * frame is composited; the mask is not used.
 */
public final class MultiPrintCompositor implements Compositor {
    /** Pixels on each side of a change of source that the blend reaches. */
    static final int BAND = 3;

    @Override
    public Image compose(Image scan, Image prediction, List<Image> references, Image mask) {
        int c = prediction.channels();
        if (scan.channels() != 3 || c < 7 || (c - 1) % 3 != 0 || scan.width() != prediction.width()
                || scan.height() != prediction.height()) {
            throw new IllegalArgumentException("the multi-print composite needs an RGB scan and a prediction of the same size with a label"
                    + " channel and Y, Cb, Cr of at least two layers, got " + scan + " and " + prediction);
        }
        int w = scan.width();
        int h = scan.height();
        int n = w * h;
        int layerCount = (c - 1) / 3;
        float[] p = prediction.data();
        int[] label = new int[n];
        float[][][] planes = new float[3][layerCount][n]; // Y, Cb, Cr of each layer
        for (int i = 0; i < n; i++) {
            label[i] = Math.max(0, Math.min(layerCount - 1, Math.round(p[c * i])));
            for (int k = 0; k < layerCount; k++) {
                for (int j = 0; j < 3; j++) {
                    planes[j][k][i] = p[c * i + 1 + 3 * k + j];
                }
            }
        }
        float[] distance = distanceToChange(label, w, h);
        boolean changes = false;
        for (float d : distance) {
            if (d <= BAND) {
                changes = true;
                break;
            }
        }
        float[][] blended = new float[3][];
        if (changes) {
            for (int j = 0; j < 3; j++) {
                blended[j] = MultiBandBlend.blend(planes[j], label, w, h);
            }
        }
        float[] weights = new float[n];
        for (int i = 0; i < n; i++) {
            weights[i] = label[i] == 0 && distance[i] > BAND ? 0f : 1f;
        }
        return CodeValueMerge.merge(scan, weights, (i, scanY, t) -> {
            double feather = Math.max(0, 1 - distance[i] / (BAND + 1.0));
            for (int j = 0; j < 3; j++) {
                double v = planes[j][label[i]][i];
                if (feather > 0) {
                    v = (1 - feather) * v + feather * blended[j][i];
                }
                t[j] = j == 0 ? CodeValueMerge.clamp(Math.round(Math.min(1, Math.max(0, v)) * CodeValueMerge.MAX)) : v - 0.5;
            }
        });
    }

    /** Per pixel, the distance (pixels) to the nearest pixel with a 4-neighbour of another label (0 on it). */
    static float[] distanceToChange(int[] label, int w, int h) {
        float[] away = new float[label.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                boolean edge = (x > 0 && label[i - 1] != label[i]) || (x + 1 < w && label[i + 1] != label[i])
                        || (y > 0 && label[i - w] != label[i]) || (y + 1 < h && label[i + w] != label[i]);
                away[i] = edge ? 0f : 1f;
            }
        }
        try (Mat m = OpenCv.toMat(new Image(w, h, 1, away)); Mat m8 = new Mat(); Mat dist = new Mat()) {
            m.convertTo(m8, org.bytedeco.opencv.global.opencv_core.CV_8U, 255, 0);
            opencv_imgproc.distanceTransform(m8, dist, opencv_imgproc.DIST_L2, opencv_imgproc.DIST_MASK_PRECISE);
            return OpenCv.toImage(dist).data();
        }
    }
}
