package org.emulsion.pipeline.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import org.emulsion.core.image.Image;
import org.emulsion.pipeline.internal.targets.FadeModel;
import org.emulsion.pipeline.internal.targets.MediumVariation;
import org.emulsion.quality.Planes;
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
    /** Tolerance on the recovered softness (Gaussian σ, pixels): edges of different pictures, with grain. */
    private static final double SOFTNESS_TOLERANCE = 0.5;
    /**
     * Tolerance on the softness the scan has beyond evidence faded by the estimate: widths add in
     * quadrature, so an estimate 0.15 px short of 2.5 px leaves 0.85 px.
     */
    private static final double RESIDUAL_TOLERANCE = 1.0;
    /** The grain put on the softened scan (standard deviation, encoded values). */
    private static final double GRAIN = 0.02;
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

    /**
     * The scan softer than the evidence by a known blur, grain on it, the two sides showing different
     * shots: the softness is recovered within {@value #SOFTNESS_TOLERANCE} px (a scan as sharp as the
     * evidence gets almost none), and evidence faded by the estimate is as soft as the scan.
     */
    @Test
    void theEstimateRecoversASimulatedSoftness() {
        try (Truth truth = Truth.create(new Truth.Spec(320, 240, 24, 6, 161))) {
            for (double sigma : new double[] {0, 0.75, 1.5, 2.5}) {
                List<Image> scan = new ArrayList<>();
                List<Image> evidence = new ArrayList<>();
                Random random = new Random(171);
                for (int f = 0; f < truth.frameCount(); f += 2) {
                    int shot = truth.shotOf(f);
                    if (shot == 1 || shot == 4) {
                        scan.add(grainy(sigma > 0 ? Planes.gaussian(truth.frame(f), 0, sigma) : truth.frame(f), random));
                    } else {
                        evidence.add(truth.frame(f));
                    }
                }
                double softness = FadeModel.softness(scan, evidence, FadeModel.grain(scan, evidence));
                assertEquals(sigma, softness, SOFTNESS_TOLERANCE, "softness of a scan blurred by " + sigma + " px");
                FadeModel estimate = FadeModel.estimate(scan, evidence);
                assertEquals(softness, estimate.softness(), 1e-9, "the estimate carries it");
                List<Image> faded = new ArrayList<>();
                for (int i = 0; i < evidence.size(); i++) {
                    faded.add(estimate.fade(evidence.get(i), i));
                }
                assertEquals(0, FadeModel.softness(scan, faded, 0), RESIDUAL_TOLERANCE, "evidence faded by the estimate is as soft as the scan");
            }
        }
    }

    /** The medium varied: the luma's fine texture changes, the colour (Cb, Cr) does not, and a seed gives the same variation. */
    @Test
    void theMediumVariesInLumaOnly() {
        try (Truth truth = Truth.create(new Truth.Spec(160, 120, 4, 1, 181))) {
            Image picture = truth.frame(0);
            Image varied = MediumVariation.vary(picture, new Random(3));
            float[] before = Planes.chroma(picture).data();
            float[] after = Planes.chroma(varied).data();
            float[] lumaBefore = Planes.luma(picture).data();
            float[] lumaAfter = Planes.luma(varied).data();
            double chroma = 0;
            double luma = 0;
            for (int i = 0; i < before.length; i++) {
                chroma = Math.max(chroma, Math.abs(before[i] - after[i]) * (clipped(varied, i / 2) ? 0 : 1));
            }
            for (int p = 0; p < lumaBefore.length; p++) {
                luma += Math.abs(lumaBefore[p] - lumaAfter[p]) / lumaBefore.length;
            }
            assertTrue(chroma < 1e-4, "Cb, Cr unchanged where nothing clips: " + chroma);
            assertTrue(luma > 1e-3, "the luma's texture changed: mean change " + luma);
            assertArrayEquals(varied.data(), MediumVariation.vary(picture, new Random(3)).data(), "seeded");
        }
    }

    private static boolean clipped(Image rgb, int p) {
        float[] d = rgb.data();
        for (int c = 0; c < 3; c++) {
            if (d[3 * p + c] <= 0 || d[3 * p + c] >= 1) {
                return true;
            }
        }
        return false;
    }

    /** Film-like grain: the same Gaussian draw on R, G and B of each pixel. */
    private static Image grainy(Image rgb, Random random) {
        Image out = rgb.copy();
        float[] d = out.data();
        for (int i = 0; i < d.length; i += 3) {
            float g = (float) (GRAIN * random.nextGaussian());
            for (int c = 0; c < 3; c++) {
                d[i + c] += g;
            }
        }
        return out;
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
