package org.emulsion.pipeline.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.emulsion.core.image.Image;
import org.emulsion.media.OpenCv;
import org.emulsion.pipeline.internal.targets.ReferenceFit;
import org.junit.jupiter.api.Test;

/**
 * The reference's colour fitted on the scan's detail: a faded scan of sharp-edged coloured
 * patches, unevenly faded across the frame and grainy, and a reference holding the true colour at
 * a third of the scan's size with half that again in chroma (a disc's 4:2:0), a cropped edge and
 * a shift of half a pixel. The fit must come closer to the true colour than pasting the enlarged
 * reference, above all at the patches' edges, and leave what the reference does not cover alone.
 */
class ReferenceFitTest {
    static final int W = 240;
    static final int H = 162;
    /** Columns of the scan the reference does not show (its cropped edge). */
    static final int CROPPED = 12;

    @Test
    void theReferenceDecidesTheColourAndTheScanTheDetail() {
        Scene s = new Scene(7);
        Image fitted = ReferenceFit.fitted(s.scan, s.own, s.scanAtReference, s.reference);
        Image pasted = OpenCv.resize(s.reference, W, H);
        double[] fit = s.errors(fitted);
        double[] paste = s.errors(pasted);
        System.out.printf(Locale.ROOT, "reference fit: mean |CbCr error| %.4f (edges %.4f, flat %.4f); the enlarged reference pasted %.4f"
                + " (%.4f, %.4f)%n", fit[0], fit[1], fit[2], paste[0], paste[1], paste[2]);
        assertTrue(fit[0] < 0.6 * paste[0], "all covered pixels: " + fit[0] + " against " + paste[0]);
        assertTrue(fit[1] < 0.4 * paste[1], "edges: " + fit[1] + " against " + paste[1]);
        assertTrue(fit[2] < 0.8 * paste[2], "flat areas: " + fit[2] + " against " + paste[2]);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < CROPPED; x++) {
                int i = 2 * (y * W + x);
                assertEquals(s.own.data()[i], fitted.data()[i], "the result's own colour where the reference does not cover");
                assertEquals(s.own.data()[i + 1], fitted.data()[i + 1]);
            }
        }
    }

    @Test
    void stripsGiveTheWholeFramesFit() {
        Scene s = new Scene(8);
        float[] whole = ReferenceFit.fitted(s.scan, s.own, s.scanAtReference, s.reference, H).data();
        float[] strips = ReferenceFit.fitted(s.scan, s.own, s.scanAtReference, s.reference, 17).data();
        for (int i = 0; i < whole.length; i++) {
            assertEquals(whole[i], strips[i], 1e-5, "sample " + i);
        }
    }

    @Test
    void stillNeighboursSteadyTheColourAndMovedOnesAreLeftOut() {
        // three frames of a still shot: the same picture, each with its own grain and its own reference's noise
        Scene[] frames = {new Scene(9, 1), new Scene(9, 2), new Scene(9, 3)};
        ReferenceFit.Sample[] samples = new ReferenceFit.Sample[3];
        for (int k = 0; k < 3; k++) {
            samples[k] = new ReferenceFit.Sample(frames[k].scanAtReference, withNoise(frames[k].reference, 11 + k), null);
        }
        Image[] alone = new Image[2];
        Image[] pooled = new Image[2];
        for (int k = 0; k < 2; k++) {
            Scene f = frames[k];
            alone[k] = ReferenceFit.fitted(f.scan, f.own, f.scanAtReference, samples[k].reference());
            pooled[k] = ReferenceFit.fittedOverTime(f.scan, f.own, samples[k], List.of(samples[1 - k], samples[2]));
        }
        double flickerAlone = meanDifference(alone[0], alone[1]);
        double flickerPooled = meanDifference(pooled[0], pooled[1]);
        double errorAlone = frames[0].errors(alone[0])[0];
        double errorPooled = frames[0].errors(pooled[0])[0];
        // a neighbour of other content (the next shot's picture, or a fast pan) must not count
        Scene other = new Scene(10, 2);
        ReferenceFit.Sample otherSample = new ReferenceFit.Sample(other.scanAtReference, withNoise(other.reference, 14), null);
        double errorOther = frames[0].errors(ReferenceFit.fittedOverTime(frames[0].scan, frames[0].own, samples[0], List.of(otherSample)))[0];
        System.out.printf(Locale.ROOT, "noisy reference: frame-to-frame |CbCr change| fitted alone %.4f, pooled over the still neighbours %.4f;"
                + " error alone %.4f, pooled %.4f, with another picture as neighbour %.4f%n", flickerAlone, flickerPooled, errorAlone,
                errorPooled, errorOther);
        assertTrue(flickerPooled < 0.7 * flickerAlone, "frame-to-frame change pooled: " + flickerPooled + " against " + flickerAlone);
        assertTrue(errorPooled < 0.9 * errorAlone, "error pooled: " + errorPooled + " against " + errorAlone);
        assertTrue(errorOther < 1.05 * errorAlone, "a neighbour of other content: " + errorOther + " against " + errorAlone);
    }

    @Test
    void aFrameInACutTakesItsStillNeighboursColourAndKeepsItsOwnWhereThePictureDiffers() {
        // frame 1 of a still shot has no reference of its own (a censor cut); frames 0 and 2 have theirs
        Scene[] frames = {new Scene(9, 1), new Scene(9, 2), new Scene(9, 3)};
        Scene cut = frames[1];
        Image none = new Image(W / 3, H / 3, 2, nanFilled(2 * (W / 3) * (H / 3)));
        ReferenceFit.Sample own = new ReferenceFit.Sample(cut.scanAtReference, none, null);
        List<ReferenceFit.Sample> around = List.of(new ReferenceFit.Sample(frames[0].scanAtReference, frames[0].reference, null),
                new ReferenceFit.Sample(frames[2].scanAtReference, frames[2].reference, null));
        Image borrowed = ReferenceFit.fittedOverTime(cut.scan, cut.own, own, around);
        double networkError = cut.errors(cut.own)[0];
        double borrowedError = cut.errors(borrowed)[0];
        double withOwnReference = cut.errors(ReferenceFit.fitted(cut.scan, cut.own, cut.scanAtReference, cut.reference))[0];
        // neighbours of other content (the camera moved on): the network's colour stays
        Scene other = new Scene(10, 2);
        Image elsewhere = ReferenceFit.fittedOverTime(cut.scan, cut.own, own,
                List.of(new ReferenceFit.Sample(other.scanAtReference, other.reference, null)));
        System.out.printf(Locale.ROOT, "a frame in a cut: |CbCr error| of the network's colour %.4f, fitted on its still neighbours %.4f"
                + " (on its own reference, had it one: %.4f); with a neighbour of other content, changed by %.5f%n", networkError,
                borrowedError, withOwnReference, meanDifference(elsewhere, cut.own));
        assertTrue(borrowedError < 0.5 * networkError, "fitted on the neighbours: " + borrowedError + " against " + networkError);
        assertTrue(borrowedError < 1.1 * withOwnReference, "fitted on the neighbours: " + borrowedError + " against " + withOwnReference);
        assertTrue(meanDifference(elsewhere, cut.own) < 0.1 * meanDifference(borrowed, cut.own),
                "a neighbour of other content changed the colour");
    }

    private static float[] nanFilled(int length) {
        float[] d = new float[length];
        Arrays.fill(d, Float.NaN);
        return d;
    }

    private static double meanDifference(Image a, Image b) {
        double sum = 0;
        for (int i = 0; i < a.data().length; i++) {
            sum += Math.abs(a.data()[i] - b.data()[i]);
        }
        return sum / a.data().length;
    }

    /** A noisy transfer's noise on the reference's Cb, Cr (NaN kept). */
    private static Image withNoise(Image reference, long seed) {
        Random random = new Random(seed);
        float[] d = reference.data().clone();
        for (int i = 0; i < d.length; i++) {
            d[i] += (float) (0.06 * random.nextGaussian());
        }
        return new Image(reference.width(), reference.height(), 2, d);
    }

    /** The true colour, its faded scan (Y', Cb, Cr; also at the reference's size), the network's colour and the registered reference (Cb, Cr). */
    static final class Scene {
        final float[] truth = new float[2 * W * H];
        final boolean[] edge = new boolean[W * H];
        final Image scan;
        final Image scanAtReference;
        final Image own;
        final Image reference;

        Scene(long seed) {
            this(seed, seed);
        }

        /** The scene of {@code seed} with the grain of {@code grainSeed}: the same picture in another frame of a still shot. */
        Scene(long seed, long grainSeed) {
            Random random = new Random(seed);
            Random grain = new Random(grainSeed ^ 0x5DEECE66DL);
            float[] scanData = new float[3 * W * H];
            float[][] patch = new float[24][3];
            for (float[] p : patch) {
                p[0] = 0.2f + 0.6f * random.nextFloat();
                p[1] = 0.5f + 0.25f * (random.nextFloat() - 0.5f);
                p[2] = 0.5f + 0.25f * (random.nextFloat() - 0.5f);
            }
            int cell = 20;
            int[] ids = new int[W * H];
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    int i = y * W + x;
                    // patches with slanted edges, so no edge lies on the reference's pixel grid
                    ids[i] = Math.floorMod((x + y / 3) / cell * 7 + (y + x / 5) / cell * 3, patch.length);
                    float[] p = patch[ids[i]];
                    truth[2 * i] = p[1];
                    truth[2 * i + 1] = p[2];
                    double fade = 0.55 + 0.15 * x / W; // uneven across the frame
                    scanData[3 * i] = (float) (p[0] + 0.01 * grain.nextGaussian());
                    scanData[3 * i + 1] = (float) (0.5 + fade * (p[1] - 0.5) + 0.02 + 0.004 * grain.nextGaussian());
                    scanData[3 * i + 2] = (float) (0.5 + fade * (p[2] - 0.5) - 0.01 + 0.004 * grain.nextGaussian());
                }
            }
            for (int y = 1; y < H - 1; y++) {
                for (int x = 1; x < W - 1; x++) {
                    int i = y * W + x;
                    edge[i] = ids[i] != ids[i - 1] || ids[i] != ids[i + 1] || ids[i] != ids[i - W] || ids[i] != ids[i + W];
                }
            }
            scan = new Image(W, H, 3, scanData);
            scanAtReference = OpenCv.resize(scan, W / 3, H / 3);
            float[] ownData = new float[2 * W * H];
            for (int i = 0; i < W * H; i++) {
                ownData[2 * i] = scanData[3 * i + 1] + 0.03f;
                ownData[2 * i + 1] = scanData[3 * i + 2] - 0.02f;
            }
            own = new Image(W, H, 2, ownData);
            // the true colour moved by half a pixel, at a sixth of the scan's size (4:2:0 on a third), back up to a third
            Image moved = OpenCv.resize(shifted(new Image(W, H, 2, truth.clone())), W / 6, H / 6);
            Image small = OpenCv.resize(moved, W / 3, H / 3);
            float[] r = small.data();
            int cropped = (CROPPED + 2) / 3;
            for (int y = 0; y < H / 3; y++) {
                for (int x = 0; x < cropped; x++) {
                    r[2 * (y * (W / 3) + x)] = Float.NaN;
                    r[2 * (y * (W / 3) + x) + 1] = Float.NaN;
                }
            }
            reference = small;
        }

        private static Image shifted(Image image) {
            float[] d = image.data();
            float[] out = d.clone();
            for (int y = 0; y < H; y++) {
                for (int x = 1; x < W; x++) {
                    for (int c = 0; c < 2; c++) {
                        out[2 * (y * W + x) + c] = 0.5f * (d[2 * (y * W + x) + c] + d[2 * (y * W + x - 1) + c]);
                    }
                }
            }
            return new Image(W, H, 2, out);
        }

        /** Mean |Cb, Cr − truth| over the covered pixels away from the frame's border: all, edges, flat. */
        double[] errors(Image chroma) {
            double[] sum = new double[3];
            int[] count = new int[3];
            float[] c = chroma.data();
            for (int y = 16; y < H - 16; y++) {
                for (int x = CROPPED + 16; x < W - 16; x++) {
                    int i = y * W + x;
                    double e = 0.5 * (Math.abs(c[2 * i] - truth[2 * i]) + Math.abs(c[2 * i + 1] - truth[2 * i + 1]));
                    int k = edge[i] ? 1 : 2;
                    sum[0] += e;
                    count[0]++;
                    sum[k] += e;
                    count[k]++;
                }
            }
            return new double[] {sum[0] / count[0], sum[1] / count[1], sum[2] / count[2]};
        }
    }
}
