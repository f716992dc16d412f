package org.emulsion.pipeline.internal.targets;

import java.util.Arrays;
import java.util.Comparator;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

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
 * lies where both sides are intact), else the most faithful other print intact there
 * ({@link #byFidelity}), else the master where it alone is intact near its damage, else none (a hole
 * the model fills). {@link PrintComposite} labels its frames with it, at inference and when
 * {@link MultiPrintRestoration#plannedSources} plans a prepared frame before training.
 */
final class SourceRule {
    /** Damage map values from here on make a pixel unusable (a feathered edge counts as damage). */
    private static final float DAMAGED = 1f / 255;
    /** Pixels of margin the chosen source keeps from its own damage (the compositor's blend band). */
    static final int MARGIN = 3;
    /** Pixels a print must share intact with the master for its difference to say anything. */
    static final int MIN_SHARED = 16;

    private SourceRule() {
    }

    /**
     * Each element's Y on the master's grid (0 the master, k reference k): the master's own plane
     * of {@code y}, a reference's as {@code matched} gives it (tone-matched, for {@link #byFidelity}
     * to compare it with the master), NaN everywhere for a reference without a counterpart of the frame.
     */
    static float[][] layers(PrintLumas y, IntFunction<float[]> matched) {
        float[][] layers = new float[1 + y.references().length][];
        layers[0] = y.master();
        for (int k = 1; k < layers.length; k++) {
            if (y.references()[k - 1] == null) {
                layers[k] = new float[y.master().length];
                Arrays.fill(layers[k], Float.NaN);
            } else {
                layers[k] = matched.apply(k - 1);
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

    /**
     * Per reference k (index k of the result; 0 is null), its Y's difference from the master's over
     * the pixels both show intact: what {@link #byFidelity} ranks the prints by and the noise
     * {@link PrintComposite#rechecked} judges agreement with, found in one walk over the frame.
     */
    static float[][] differences(float[][] layers, boolean[][] intact) {
        float[][] out = new float[layers.length][];
        for (int k = 1; k < layers.length; k++) {
            float[] d = new float[layers[k].length];
            int n = 0;
            for (int i = 0; i < d.length; i++) {
                if (intact[0][i] && intact[k][i]) {
                    d[n++] = layers[k][i] - layers[0][i];
                }
            }
            out[k] = Arrays.copyOf(d, n);
        }
        return out;
    }

    /**
     * The other prints from the most faithful witness of the master in this frame to the least: by
     * the root mean square of each one's {@link #differences difference} from the master (what
     * standing in for the master costs on average: a softer transfer, a later generation, a weaker
     * registration, heavier grain, damage its map missed all raise it; a robust spread would miss the
     * lost detail, which lies in the few pixels at edges); those sharing fewer than
     * {@value #MIN_SHARED} such pixels with the master last, in the order given.
     */
    static int[] byFidelity(float[][] differences) {
        double[] error = new double[differences.length];
        for (int k = 1; k < differences.length; k++) {
            double sum = 0;
            for (float d : differences[k]) {
                sum += d * d;
            }
            int n = differences[k].length;
            error[k] = n < MIN_SHARED ? Double.POSITIVE_INFINITY : Math.sqrt(sum / n);
        }
        return IntStream.range(1, differences.length).boxed().sorted(Comparator.comparingDouble(k -> error[k]))
                .mapToInt(Integer::intValue).toArray();
    }

    /**
     * Per pixel, the element it is taken from (0 the master, k reference k), or -1 where none is
     * intact; the other prints are tried in {@code order} (of {@link #byFidelity}).
     */
    static int[] choose(boolean[][] intact, int[] order, int width, int height) {
        boolean[] safeMaster = eroded(intact[0], width, height, MARGIN);
        int[] label = new int[intact[0].length];
        for (int i = 0; i < label.length; i++) {
            label[i] = -1;
            if (safeMaster[i]) {
                label[i] = 0;
                continue;
            }
            for (int k : order) {
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
