package org.emulsion.pipeline.internal.targets;

import java.util.Arrays;
import java.util.function.IntFunction;

import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.emulsion.core.image.Image;
import org.emulsion.media.OpenCv;
import org.emulsion.pipeline.Evidence;
import org.emulsion.pipeline.RestorationTarget;

/**
 * The one rule that decides which print every pixel of a multi-print composite comes from, from
 * the damage maps and what each registered print covers alone: the master where it is intact
 * (keeping a margin from its damage, so that the compositor's blend band at a change of source
 * lies where both sides are intact), else the first other print intact there in the order given,
 * else the master where it alone is intact near its damage, else none (a hole the model fills).
 * {@link PrintComposite} labels its frames with it at inference, and
 * {@link MultiPrintRestoration#plannedSources} plans a prepared frame with it before training.
 */
final class SourceRule {
    /** Damage map values from here on make a pixel unusable (a feathered edge counts as damage). */
    private static final float DAMAGED = 1f / 255;
    /** Pixels of margin the chosen source keeps from its own damage (the compositor's blend band). */
    static final int MARGIN = 3;

    private SourceRule() {
    }

    /**
     * Each element's Y on the master's grid (0 the master, k reference k): the master's own, a
     * reference's as {@code reference} gives it (tone-matched or not: a tone curve keeps which pixels
     * it shows), NaN everywhere for a reference without a counterpart of the frame.
     */
    static float[][] layers(Evidence frame, IntFunction<float[]> reference) {
        int n = frame.scan().width() * frame.scan().height();
        float[][] layers = new float[1 + frame.references().size()][];
        layers[0] = LumaInput.luma(frame.scan());
        for (int k = 1; k < layers.length; k++) {
            if (frame.reference(k - 1) == null) {
                layers[k] = new float[n];
                Arrays.fill(layers[k], Float.NaN);
            } else {
                layers[k] = reference.apply(k - 1);
            }
        }
        return layers;
    }

    /** Per element, whether each pixel is shown (finite in {@code layers}) and intact by its damage map. */
    static boolean[][] intact(Evidence frame, float[][] layers) {
        boolean[][] intact = new boolean[layers.length][];
        for (int k = 0; k < layers.length; k++) {
            Image damage = k == 0 ? frame.damage() : frame.referenceDamage(k - 1);
            intact[k] = new boolean[layers[k].length];
            for (int i = 0; i < intact[k].length; i++) {
                intact[k][i] = Float.isFinite(layers[k][i]) && (damage == null || damage.data()[i] < DAMAGED);
            }
        }
        return intact;
    }

    /** Per pixel, the element it is taken from (0 the master, k reference k), or -1 where none is intact. */
    static int[] choose(boolean[][] intact, int width, int height) {
        boolean[] safeMaster = eroded(intact[0], width, height, MARGIN);
        int[] label = new int[intact[0].length];
        for (int i = 0; i < label.length; i++) {
            label[i] = -1;
            if (safeMaster[i]) {
                label[i] = 0;
                continue;
            }
            for (int k = 1; k < intact.length; k++) {
                if (intact[k][i]) {
                    label[i] = k;
                    break;
                }
            }
            if (label[i] < 0 && intact[0][i]) {
                label[i] = 0; // near its damage, but no other print shows the pixel intact
            }
        }
        return label;
    }

    /**
     * The plan of {@code frame} before any model: which element each pixel will come from, as
     * {@link RestorationTarget#sources} codes ({@link RestorationTarget#INFERRED} for a hole).
     */
    static int[] plan(Evidence frame) {
        float[][] layers = layers(frame, k -> LumaInput.luma(frame.reference(k)));
        int[] label = choose(intact(frame, layers), frame.scan().width(), frame.scan().height());
        return codes(label);
    }

    /** {@code label} as source codes: a hole (-1) is {@link RestorationTarget#INFERRED}. */
    static int[] codes(int[] label) {
        int[] codes = new int[label.length];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = label[i] < 0 ? RestorationTarget.INFERRED : label[i];
        }
        return codes;
    }

    /** {@code mask} shrunk by {@code radius} pixels. */
    private static boolean[] eroded(boolean[] mask, int w, int h, int radius) {
        float[] f = new float[mask.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = mask[i] ? 1f : 0f;
        }
        try (Mat m = OpenCv.toMat(new Image(w, h, 1, f)); Mat out = new Mat();
                Mat kernel = opencv_imgproc.getStructuringElement(opencv_imgproc.MORPH_ELLIPSE, new Size(2 * radius + 1, 2 * radius + 1))) {
            opencv_imgproc.erode(m, out, kernel);
            float[] e = OpenCv.toImage(out).data();
            boolean[] result = new boolean[mask.length];
            for (int i = 0; i < result.length; i++) {
                result[i] = e[i] > 0.5f;
            }
            return result;
        }
    }
}
