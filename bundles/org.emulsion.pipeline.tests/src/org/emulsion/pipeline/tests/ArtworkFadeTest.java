package org.emulsion.pipeline.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.emulsion.core.image.Image;
import org.emulsion.pipeline.internal.targets.FadeModel;
import org.emulsion.simulator.ScanParameters;
import org.emulsion.simulator.ScanSimulator;
import org.emulsion.simulator.Truth;
import org.junit.jupiter.api.Test;

/**
 * The artwork target's fade estimate, with nothing aligned: the scan shows some shots of a film,
 * the evidence the film's other shots (the same world, never the same frames).
 */
class ArtworkFadeTest {
    /** Tolerances on the recovered per-channel density gain and offset (the two sides show different pictures). */
    private static final double GAIN_TOLERANCE = 0.15;
    private static final double OFFSET_TOLERANCE = 0.08;
    /** Tolerance on the per-channel black point, median and white point of faded evidence against the scan's (encoded values, 0-1). */
    private static final double STATISTICS_TOLERANCE = 0.04;
    /** The levels the fade is estimated at: black point, median, white point. */
    private static final double[] LEVELS = {0.02, 0.5, 0.98};

    @Test
    void theEstimateRecoversAKnownFadeWithinTolerance() {
        double[] gain = {0.55, 0.9, 0.7};
        double[] offset = {0.12, 0.02, 0.08};
        try (Truth truth = Truth.create(new Truth.Spec(320, 240, 24, 6, 131))) {
            List<Image> scan = new ArrayList<>();
            List<Image> evidence = new ArrayList<>();
            for (int f = 0; f < truth.frameCount(); f += 2) {
                int shot = truth.shotOf(f);
                if (shot == 1 || shot == 4) {
                    scan.add(fade(truth.frame(f), gain, offset));
                } else {
                    evidence.add(truth.frame(f));
                }
            }
            FadeModel estimate = FadeModel.estimate(scan, evidence);
            for (int c = 0; c < 3; c++) {
                assertEquals(gain[c], estimate.gain()[c], GAIN_TOLERANCE, "density gain of channel " + c + ": " + estimate);
                assertEquals(offset[c], estimate.offset()[c], OFFSET_TOLERANCE, "density offset of channel " + c + ": " + estimate);
            }
        }
    }

    /** The simulator's own fade (its dyes, grain, dust), which the estimate knows nothing of. */
    @Test
    void evidenceFadedByTheEstimateHasTheScansStatistics() {
        try (Truth truth = Truth.create(new Truth.Spec(320, 240, 24, 6, 141))) {
            ScanSimulator scanner = new ScanSimulator(ScanParameters.defaults().withSeed(151));
            List<Image> scan = new ArrayList<>();
            List<Image> evidence = new ArrayList<>();
            for (int f = 0; f < truth.frameCount(); f += 2) {
                int shot = truth.shotOf(f);
                if (shot == 0 || shot == 3) {
                    scan.add(scanner.render(truth.frame(f), f, 0).scan());
                } else {
                    evidence.add(truth.frame(f));
                }
            }
            FadeModel estimate = FadeModel.estimate(scan, evidence);
            List<Image> faded = new ArrayList<>();
            for (int i = 0; i < evidence.size(); i++) {
                faded.add(estimate.fade(evidence.get(i), i));
            }
            double[][] s = statistics(scan);
            double[][] e = statistics(evidence);
            double[][] p = statistics(faded);
            double[][] sq = levels(scan);
            double[][] pq = levels(faded);
            double before = 0;
            double after = 0;
            for (int c = 0; c < 3; c++) {
                for (int k = 0; k < LEVELS.length; k++) {
                    assertEquals(sq[c][k], pq[c][k], STATISTICS_TOLERANCE, LEVELS[k] + " quantile of channel " + c);
                }
                before += Math.abs(s[0][c] - e[0][c]) + Math.abs(s[1][c] - e[1][c]);
                after += Math.abs(s[0][c] - p[0][c]) + Math.abs(s[1][c] - p[1][c]);
            }
            assertTrue(after < before / 2, "faded evidence is closer to the scan than the evidence was: " + after + " vs " + before);
            assertTrue(estimate.grain() > 0, "the scan's grain is added: " + estimate.grain());
        }
    }

    /** A dye fade: per channel, density (−log10 of the value) × {@code gain} + {@code offset}. */
    private static Image fade(Image rgb, double[] gain, double[] offset) {
        Image out = rgb.copy();
        float[] d = out.data();
        for (int i = 0; i < d.length; i++) {
            double density = -Math.log10(Math.max(1.0 / 1024, d[i]));
            d[i] = (float) Math.pow(10, -(gain[i % 3] * density + offset[i % 3]));
        }
        return out;
    }

    /** Per channel, the values at {@link #LEVELS} over all pixels. */
    private static double[][] levels(List<Image> images) {
        double[][] out = new double[3][LEVELS.length];
        for (int c = 0; c < 3; c++) {
            int channel = c;
            double[] v = images.stream().flatMapToDouble(i -> {
                float[] d = i.data();
                return IntStream.range(0, d.length / 3).mapToDouble(p -> d[3 * p + channel]);
            }).sorted().toArray();
            for (int k = 0; k < LEVELS.length; k++) {
                out[c][k] = v[(int) Math.round(LEVELS[k] * (v.length - 1))];
            }
        }
        return out;
    }

    /** Per channel, mean and standard deviation over all pixels. */
    private static double[][] statistics(List<Image> images) {
        double[] sum = new double[3];
        double[] square = new double[3];
        long n = 0;
        for (Image image : images) {
            float[] d = image.data();
            for (int i = 0; i < d.length; i += 3) {
                for (int c = 0; c < 3; c++) {
                    sum[c] += d[i + c];
                    square[c] += d[i + c] * d[i + c];
                }
                n++;
            }
        }
        double[][] out = new double[2][3];
        for (int c = 0; c < 3; c++) {
            out[0][c] = sum[c] / n;
            out[1][c] = Math.sqrt(square[c] / n - out[0][c] * out[0][c]);
        }
        return out;
    }
}
