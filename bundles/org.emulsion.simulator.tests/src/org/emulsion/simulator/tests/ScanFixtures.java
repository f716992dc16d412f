package org.emulsion.simulator.tests;

import java.util.HashMap;
import java.util.Map;

import org.emulsion.core.image.Image;
import org.emulsion.simulator.ScanParameters;
import org.emulsion.simulator.ScanParameters.Dust;
import org.emulsion.simulator.ScanParameters.Nitrate;
import org.emulsion.simulator.ScanParameters.Scratches;
import org.emulsion.simulator.ScanParameters.Vinegar;
import org.emulsion.simulator.Truth;

/** Small frames and measurements shared by the scan simulator tests. */
final class ScanFixtures {
    static final int WIDTH = 320;
    static final int HEIGHT = 180;
    private static final Map<Integer, Image> TRUTH = new HashMap<>();
    private static Truth truth;

    private ScanFixtures() {
    }

    /** Frame {@code index} (modulo 48) of one small three-shot truth, cached: scene generation is the slow part. */
    static synchronized Image truth(int index) {
        if (truth == null) {
            truth = Truth.create(new Truth.Spec(WIDTH, HEIGHT, 48, 3, 11));
        }
        return TRUTH.computeIfAbsent(index % 48, truth::frame);
    }

    /** Defaults with damage frequent enough that a few frames show every kind. */
    static ScanParameters busy() {
        return ScanParameters.defaults()
                .withDust(new Dust(20, 0.35, 0.01))
                .withScratches(new Scratches(0.2, 8, 24, 0.004, 0.0006))
                .withVinegar(new Vinegar(0.05, 48, 96, 0.15, 0.6))
                .withNitrate(new Nitrate(0.05, 48, 96, 0.2));
    }

    /** No degradation at all: the scan is the truth. */
    static ScanParameters none() {
        return ScanParameters.defaults().only();
    }

    /** A grey frame, left half {@code left}, right half {@code right}. */
    static Image halves(float left, float right) {
        Image image = Image.blank(WIDTH, HEIGHT, 3);
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                for (int c = 0; c < 3; c++) {
                    image.set(x, y, c, x < WIDTH / 2 ? left : right);
                }
            }
        }
        return image;
    }

    static double density(float v) {
        return -Math.log10(Math.max(v, 1e-3));
    }

    static double meanAbsDiff(Image a, Image b) {
        double sum = 0;
        for (int i = 0; i < a.data().length; i++) {
            sum += Math.abs(a.data()[i] - b.data()[i]);
        }
        return sum / a.data().length;
    }

    static int count(Image mask) {
        int n = 0;
        for (float v : mask.data()) {
            n += v > 0 ? 1 : 0;
        }
        return n;
    }

    /** Intersection over union of two masks (1 when both are empty). */
    static double iou(Image a, Image b) {
        int both = 0;
        int either = 0;
        for (int i = 0; i < a.data().length; i++) {
            boolean x = a.data()[i] > 0;
            boolean y = b.data()[i] > 0;
            both += x && y ? 1 : 0;
            either += x || y ? 1 : 0;
        }
        return either == 0 ? 1 : (double) both / either;
    }

    /** Share of mask {@code a}'s pixels that are also in {@code b} (1 when a is empty). */
    static double contained(Image a, Image b) {
        int both = 0;
        int inA = 0;
        for (int i = 0; i < a.data().length; i++) {
            if (a.data()[i] > 0) {
                inA++;
                both += b.data()[i] > 0 ? 1 : 0;
            }
        }
        return inA == 0 ? 1 : (double) both / inA;
    }
}
