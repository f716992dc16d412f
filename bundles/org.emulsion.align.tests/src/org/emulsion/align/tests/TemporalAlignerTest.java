package org.emulsion.align.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.emulsion.core.extensions.TemporalAlignerRegistry;
import org.emulsion.core.extensions.TemporalMatch;
import org.emulsion.core.image.Image;
import org.emulsion.simulator.ReferenceFraming;
import org.emulsion.simulator.ReferenceGeometry;
import org.emulsion.simulator.ReferenceGrade;
import org.emulsion.simulator.Truth;
import org.junit.jupiter.api.Test;

/**
 * A faded scan against a regraded, letterboxed anamorphic "DVD" of the same simulated film, one
 * film frame per video frame (PAL speed-up), with a lead-in, a censor cut, a frame dropped from
 * the scan, a duplicated scan frame and two scan frames from another film.
 */
class TemporalAlignerTest {
    private static final int LEAD_IN = 5;
    private static final int CUT_FIRST = 18;
    private static final int CUT_LENGTH = 3;
    private static final int DROPPED = 7;
    private static final int DUPLICATED = 12;
    private static final int FOREIGN_AFTER = 25;

    @Test
    void recoversTheMapThroughSpeedUpLeadInCutDropDuplicateAndRegradeAndReportsNone() throws IOException {
        List<Image> scan = new ArrayList<>();
        List<Integer> expected = new ArrayList<>();
        List<Image> reference = new ArrayList<>();
        try (Truth truth = Truth.create(new Truth.Spec(320, 180, 30, 3, 5)); Truth other = Truth.create(new Truth.Spec(320, 180, 4, 1, 77))) {
            ReferenceGeometry geometry = new ReferenceFraming(1.85, 1.05, 0.3, -0.2).geometry(320, 180, 240, 192, 64 / 45.0);
            ReferenceGrade dvdGrade = new ReferenceGrade(0.9, 1.0, 1.1, 1.08, 1.0, 0.9, 0.02, 1.2);
            ReferenceGrade fade = new ReferenceGrade(1.3, 1.1, 1.4, 0.55, 0.9, 0.7, 0.08, 0.6);
            for (int k = 0; k < LEAD_IN; k++) {
                reference.add(k < 3 ? Image.blank(240, 192, 3) : geometry.fromTruth(other.frame(k - 3)));
            }
            int[] referenceOf = new int[30];
            Arrays.fill(referenceOf, TemporalMatch.NONE);
            for (int t = 0; t < 30; t++) {
                if (t < CUT_FIRST || t >= CUT_FIRST + CUT_LENGTH) {
                    referenceOf[t] = reference.size();
                    reference.add(dvdGrade.apply(geometry.fromTruth(truth.frame(t))));
                }
            }
            Random noise = new Random(3);
            for (int t = 0; t < 30; t++) {
                if (t == DROPPED) {
                    continue;
                }
                int copies = t == DUPLICATED ? 2 : 1;
                for (int c = 0; c < copies; c++) {
                    scan.add(noisy(fade.apply(truth.frame(t)), noise));
                    expected.add(referenceOf[t]);
                }
                if (t == FOREIGN_AFTER) {
                    for (int k = 0; k < 2; k++) {
                        scan.add(noisy(fade.apply(other.frame(2 + k)), noise));
                        expected.add(TemporalMatch.NONE);
                    }
                }
            }
        }
        TemporalMatch match = TemporalAlignerRegistry.get().get("org.emulsion.align.structureDp").instance()
                .match(new ListSource(scan, 24, 1), new ListSource(reference, 25, 64 / 45.0), new NullProgressMonitor());
        int[] want = expected.stream().mapToInt(Integer::intValue).toArray();
        System.out.println("temporal: " + match.method());
        System.out.println("expected " + Arrays.toString(want));
        System.out.println("found    " + Arrays.toString(match.referenceFrames()));
        System.out.println("conf     " + Arrays.toString(Arrays.stream(match.confidence()).map(c -> Math.round(c * 100) / 100.0).toArray()));
        assertArrayEquals(want, match.referenceFrames());
        long none = Arrays.stream(want).filter(r -> r == TemporalMatch.NONE).count();
        assertEquals(CUT_LENGTH + 2, none, "the cut and the foreign frames have no counterpart");
        for (int i = 0; i < want.length; i++) {
            assertTrue(match.confidenceOf(i) > 0.5, "frame " + i + " confidence " + match.confidenceOf(i));
        }
    }

    /**
     * A long censor cut inside a slow shot: the frames cut look much like those the disc kept at the
     * cut's edges, yet none may be matched to them (holding the edge frame is what a nearest-frame
     * matcher does); the frames at the edges stay exact.
     */
    @Test
    void framesOfALongCutInASlowShotAreNone() throws IOException {
        assertCutFramesAreNone(0.1, 9, 16);
    }

    /**
     * A steady pan: a framing that carries one frame of the pan lines the shot up one frame off
     * almost as well as the true framing; the map must not shift by a frame.
     */
    @Test
    void aSteadyPanDoesNotShiftTheMapByAFrame() throws IOException {
        assertCutFramesAreNone(0.3, 9, 4);
    }

    /** One shot of 48 frames at {@code motion}, {@code cutLength} frames from frame 17 missing from the disc. */
    private static void assertCutFramesAreNone(double motion, long seed, int cutLength) throws IOException {
        int frames = 48;
        int cutFirst = 17;
        List<Image> scan = new ArrayList<>();
        List<Image> reference = new ArrayList<>();
        int[] want = new int[frames];
        try (Truth truth = Truth.create(new Truth.Spec(320, 180, frames, 1, seed).withMotion(motion))) {
            ReferenceGeometry geometry = new ReferenceFraming(1.85, 1.05, 0.3, -0.2).geometry(320, 180, 240, 192, 64 / 45.0);
            ReferenceGrade dvdGrade = new ReferenceGrade(0.9, 1.0, 1.1, 1.08, 1.0, 0.9, 0.02, 1.2);
            ReferenceGrade fade = new ReferenceGrade(1.3, 1.1, 1.4, 0.55, 0.9, 0.7, 0.08, 0.6);
            Random noise = new Random(4);
            for (int t = 0; t < frames; t++) {
                boolean cut = t >= cutFirst && t < cutFirst + cutLength;
                want[t] = cut ? TemporalMatch.NONE : reference.size();
                if (!cut) {
                    reference.add(dvdGrade.apply(geometry.fromTruth(truth.frame(t))));
                }
                scan.add(noisy(fade.apply(truth.frame(t)), noise));
            }
        }
        TemporalMatch match = TemporalAlignerRegistry.get().get("org.emulsion.align.structureDp").instance()
                .match(new ListSource(scan, 24, 1), new ListSource(reference, 25, 64 / 45.0), new NullProgressMonitor());
        System.out.println("motion " + motion + ", cut of " + cutLength + ": expected " + Arrays.toString(want));
        System.out.println("motion " + motion + ", cut of " + cutLength + ": found    " + Arrays.toString(match.referenceFrames()));
        System.out.println("motion " + motion + ", cut of " + cutLength + ": conf     "
                + Arrays.toString(Arrays.stream(match.confidence()).map(c -> Math.round(c * 100) / 100.0).toArray()));
        assertArrayEquals(want, match.referenceFrames());
    }

    @Test
    void unrelatedMaterialIsAllNone() throws IOException {
        List<Image> scan = new ArrayList<>();
        List<Image> reference = new ArrayList<>();
        try (Truth a = Truth.create(new Truth.Spec(320, 180, 8, 2, 41)); Truth b = Truth.create(new Truth.Spec(320, 180, 8, 2, 42))) {
            for (int t = 0; t < 8; t++) {
                scan.add(a.frame(t));
                reference.add(b.frame(t));
            }
        }
        TemporalMatch match = TemporalAlignerRegistry.get().get("org.emulsion.align.structureDp").instance()
                .match(new ListSource(scan, 24, 1), new ListSource(reference, 24, 1), new NullProgressMonitor());
        System.out.println("unrelated: " + Arrays.toString(match.referenceFrames()) + " " + match.method());
        assertTrue(Arrays.stream(match.referenceFrames()).allMatch(r -> r == TemporalMatch.NONE), Arrays.toString(match.referenceFrames()));
    }

    private static Image noisy(Image image, Random random) {
        float[] d = image.data();
        for (int i = 0; i < d.length; i++) {
            d[i] += (float) (0.02 * random.nextGaussian());
        }
        return image;
    }
}
