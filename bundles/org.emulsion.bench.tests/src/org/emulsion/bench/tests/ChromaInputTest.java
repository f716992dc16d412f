package org.emulsion.bench.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.emulsion.core.image.Image;
import org.emulsion.engine.TrainingPair;
import org.emulsion.media.Colour;
import org.emulsion.pipeline.internal.targets.ChromaInput;
import org.emulsion.pipeline.Evidence;
import org.emulsion.quality.ColourPair;
import org.emulsion.quality.Lut3d;
import org.junit.jupiter.api.Test;

/** The chroma network's input: the pre-graded scan's Y'CbCr, and the pixel's position clamped to the area the reference covered. */
class ChromaInputTest {
    private static final int WIDTH = 96;
    private static final int HEIGHT = 64;

    @Test
    void positionsAreClampedToTheAreaTheReferenceCovered() {
        Image truth = scene();
        Image reference = truth.copy();
        int bar = WIDTH / 8; // the reference lacks the left eighth of the frame (a pillarbox)
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < bar; x++) {
                for (int c = 0; c < 3; c++) {
                    reference.set(x, y, c, Float.NaN);
                }
            }
        }
        Image scan = faded(truth);
        ChromaInput input = ChromaInput.fit(List.of(new Evidence(0, "f", scan, List.of(reference), null)), ChromaInput.WITH_POSITION, false);
        Image in = input.of(scan);
        assertEquals(ChromaInput.WITH_POSITION, in.channels());
        float left = (bar + 0.5f) / WIDTH;
        assertEquals(left, input.covered().left(), 1e-6);
        for (int x = 0; x <= bar; x++) {
            assertEquals(left, in.get(x, 0, 3), 1e-6, "column " + x + " takes the nearest covered column's position");
        }
        assertEquals((WIDTH - 0.5f) / WIDTH, in.get(WIDTH - 1, 0, 3), 1e-6);
        assertEquals(0.5f / HEIGHT, in.get(0, 0, 4), 1e-6);
        assertEquals((HEIGHT - 0.5f) / HEIGHT, in.get(0, HEIGHT - 1, 4), 1e-6);

        List<TrainingPair> pairs = input.pairs(new Evidence(0, "f", scan, List.of(reference), null), 1);
        assertEquals(1, pairs.size(), "a network that does not see the reference gets one pair a frame");
        TrainingPair pair = pairs.get(0);
        assertEquals(0f, pair.mask().get(bar - 1, 10, 0), "no evidence where the reference does not cover the scan");
        assertEquals(1f, pair.mask().get(bar, 10, 0));
        assertEquals(in.channels(), pair.input().channels());
    }

    @Test
    void withTheReferenceItsChromaIsCorrectedWhereItCoversTheFrameAndPairsTeachBothModes() {
        Image truth = scene();
        Image scan = faded(truth);
        int bar = 9;
        Image reference = truth.copy();
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < bar; x++) {
                for (int c = 0; c < 3; c++) {
                    reference.set(x, y, c, Float.NaN); // a pillarbox the reference does not cover
                }
            }
        }
        ChromaInput input = ChromaInput.fit(List.of(new Evidence(0, "f", scan, List.of(reference), null)), ChromaInput.WITH_REFERENCE, false);
        assertTrue(input.usesReference());
        Image graded = input.of(scan);
        Image in = input.of(scan, reference);
        assertEquals(ChromaInput.WITH_REFERENCE, in.channels());
        Image truthYcc = Colour.ycbcr(truth);
        for (int x : new int[] {0, bar - 1}) {
            assertEquals(0f, in.get(x, 10, 5), "uncovered column " + x);
            assertEquals(in.get(x, 10, 3), in.get(x, 10, 1), 0f, "the pre-graded scan's Cb where the reference is missing");
        }
        for (int x : new int[] {bar, WIDTH - 1}) {
            assertEquals(1f, in.get(x, 10, 5), "covered column " + x);
            assertEquals(truthYcc.get(x, 10, 1), in.get(x, 10, 1), 1e-6, "the reference's Cb where it covers the frame");
            assertEquals(truthYcc.get(x, 10, 2), in.get(x, 10, 2), 1e-6);
            assertEquals(graded.get(x, 10, 3), in.get(x, 10, 3), 0f, "the pre-graded scan's Cb beside it");
        }
        for (int i = 0; i < graded.data().length / ChromaInput.WITH_REFERENCE; i++) {
            assertEquals(0f, graded.data()[ChromaInput.WITH_REFERENCE * i + 5], "no reference, no coverage");
        }

        List<TrainingPair> pairs = input.pairs(new Evidence(0, "f", scan, List.of(reference), null), 3);
        assertEquals(2, pairs.size());
        Image withReference = pairs.get(0).input();
        Image alone = pairs.get(1).input();
        assertArrayEquals(graded.data(), alone.data(), 0f, "the second pair leaves the reference out");
        double moved = 0;
        int covered = 0;
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = bar + 2; x < WIDTH - 2; x++) {
                if (withReference.get(x, y, 5) > 0 && y > 1 && y < HEIGHT - 2) {
                    moved += Math.abs(withReference.get(x, y, 1) - truthYcc.get(x, y, 1));
                    covered++;
                }
            }
        }
        assertTrue(covered > 0 && moved / covered > 1e-3, "the first pair's reference is softened or shifted: " + moved / covered);
        assertEquals(pairs.get(0).target(), pairs.get(1).target(), "both learn the reference's own chroma");
        TrainingPair validated = input.scanAlone(new Evidence(0, "f", scan, List.of(reference), null));
        assertEquals(pairs.get(1).name(), validated.name(), "held-out frames are validated on the scan-alone pair");
        assertArrayEquals(alone.data(), validated.input().data(), 0f);
        assertArrayEquals(pairs.get(1).target().data(), validated.target().data(), 0f);
        assertArrayEquals(pairs.get(1).mask().data(), validated.mask().data(), 0f);
    }

    @Test
    void aReferenceFramesOwnCastIsTakenOutAgainstTheGrade() {
        Image truth = scene();
        Image scan = faded(truth);
        // a transfer whose channel gains drift: the grade, fitted on both frames, holds their average
        Image warm = gained(truth, 1.06, 1.0, 0.95);
        Image cool = gained(truth, 0.94, 1.0, 1.05);
        warm.set(0, 0, 0, Float.NaN);
        warm.set(0, 0, 1, Float.NaN);
        warm.set(0, 0, 2, Float.NaN);
        ChromaInput input = ChromaInput.fit(List.of(new Evidence(0, "a", scan, List.of(warm), null),
                new Evidence(1, "b", scan, List.of(cool), null)), ChromaInput.WITH_REFERENCE, true);
        Image steadied = input.steadied(warm, input.grade().apply(scan));
        double before = 0;
        double after = 0;
        for (int i = 3; i < truth.data().length; i++) {
            before += Math.abs(warm.data()[i] - truth.data()[i]);
            after += Math.abs(steadied.data()[i] - truth.data()[i]);
        }
        assertTrue(after < 0.35 * before, "the frame's cast taken out: " + after + " against " + before);
        assertTrue(Float.isNaN(steadied.get(0, 0, 1)), "where the reference does not cover the frame it still does not");
        Image unchanged = input.steadied(truth, truth);
        assertArrayEquals(truth.data(), unchanged.data(), 1e-6f, "a reference without drift is left as it is");
        ChromaInput steady = ChromaInput.fit(List.of(new Evidence(0, "a", scan, List.of(warm), null),
                new Evidence(1, "b", scan, List.of(cool), null)), ChromaInput.WITH_REFERENCE, false);
        assertTrue(steady.steadied(warm, steady.grade().apply(scan)) == warm, "a source that declares no drift is taken as it is");
    }

    private static Image gained(Image image, double r, double g, double b) {
        Image out = image.copy();
        double[] gains = {r, g, b};
        for (int i = 0; i < out.data().length; i++) {
            out.data()[i] = (float) Math.min(1, out.data()[i] * gains[i % 3]);
        }
        return out;
    }

    @Test
    void withoutPositionItIsThePreGradedScan() {
        Image truth = scene();
        Image scan = faded(truth);
        ChromaInput input = ChromaInput.fit(List.of(new Evidence(0, "f", scan, List.of(truth), null)), ChromaInput.COLOUR, false);
        Lut3d lut = new Lut3d();
        lut.fit(List.of(ColourPair.of(scan, truth)));
        assertArrayEquals(Colour.ycbcr(lut.apply(scan)).data(), input.of(scan).data(), 0f);
        assertThrows(IllegalArgumentException.class, () -> ChromaInput.fit(List.of(new Evidence(0, "f", scan, List.of(truth), null)), 4, false));
    }

    private static Image scene() {
        SplittableRandom random = new SplittableRandom(7);
        Image image = Image.blank(WIDTH, HEIGHT, 3);
        for (int i = 0; i < image.data().length; i++) {
            image.data()[i] = 0.05f + 0.9f * (float) random.nextDouble();
        }
        return image;
    }

    /** Cyan and yellow dyes lose part of their density: v' = v^k. */
    private static Image faded(Image truth) {
        Image scan = truth.copy();
        float[] kept = {0.55f, 0.85f, 0.65f};
        for (int i = 0; i < scan.data().length; i++) {
            scan.data()[i] = (float) Math.pow(scan.data()[i], kept[i % 3]);
        }
        return scan;
    }
}
