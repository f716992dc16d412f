package org.emulsion.align.tests;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.core.runtime.NullProgressMonitor;

import org.emulsion.align.internal.FeatureEccAligner;
import org.emulsion.core.extensions.SpatialAlignment;
import org.emulsion.core.extensions.TemporalMatch;
import org.emulsion.core.image.ForwardingFrameSource;
import org.emulsion.core.image.FrameSource;
import org.emulsion.core.image.Image;
import org.emulsion.media.OpenCv;
import org.emulsion.pipeline.SequenceAligner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FeatureEccAlignerTest {

    private static Scene scene;
    private final FeatureEccAligner aligner = new FeatureEccAligner();

    @BeforeAll
    static void createScene() {
        long start = System.nanoTime();
        scene = Scene.create(7);
        System.out.printf("scene generated in %.0f ms%n", (System.nanoTime() - start) / 1e6);
    }

    @Test
    void recoversKnownReframingToATenthOfAPixel() {
        aligner.align(scene.reference(), scene.scan()); // warm up: natives, OpenCV thread pool
        long start = System.nanoTime();
        SpatialAlignment alignment = aligner.align(scene.reference(), scene.scan());
        double ms = (System.nanoTime() - start) / 1e6;
        double[] error = scene.gridError(alignment.homography());
        System.out.printf("align %s: %.0f ms, grid error RMS %.4f px, max %.4f px over %d points, confidence %.4f%n",
                alignment.method(), ms, error[0], error[1], (int) error[2], alignment.confidence());
        System.out.println("recovered " + Arrays.toString(alignment.homography()));
        System.out.println("truth     " + Arrays.toString(scene.truth()));
        assertTrue(error[2] > 500, "the grid must cover most of the overlap");
        assertTrue(error[0] < 0.1, "RMS grid error " + error[0] + " px");
        assertTrue(alignment.confidence() > 0.9 && alignment.confidence() <= 1, "confidence " + alignment.confidence());
        assertTrue(alignment.method().contains("ECC"), alignment.method());
    }

    /**
     * A scan with 9 times the reference's pixels (a 4K scan against a DVD, in small) is registered
     * at the reference's resolution, and the transform comes back in scan pixels: accurate to a
     * fraction of a reference pixel (2.6 scan pixels), from features and from a shot's transform.
     */
    @Test
    void registersAMuchLargerScanAtTheReferencesResolution() {
        Larger pair = Larger.create();
        SpatialAlignment found = aligner.align(pair.reference(), pair.scan());
        assertFalse(found.isRejected(), found.rejection());
        assertTrue(found.method().contains("registered at the reference's resolution"), found.method());
        double error = gridError(pair.truth(), found.homography(), Larger.REF_W, Larger.REF_H);
        assertTrue(error < 0.4, "RMS grid error " + error + " scan px (a reference pixel is 2.6)");
        SpatialAlignment refined = aligner.refine(pair.reference(), pair.scan(), found);
        assertTrue(gridError(pair.truth(), refined.homography(), Larger.REF_W, Larger.REF_H) < 0.4, refined.method());
    }

    /**
     * The same pair as a two-frame shot: the sequence pass decodes the scan only as wide as the
     * aligner works ({@code workingWidth}), never whole, and hands both transforms (the first from
     * features, the second refined from it) back in the whole scan's pixels, as accurate.
     */
    @Test
    void aSequencePassDecodesALargerScanOnlyAsWideAsTheAlignerWorks() throws IOException {
        Larger pair = Larger.create();
        List<Integer> widths = new CopyOnWriteArrayList<>();
        FrameSource scan = new ForwardingFrameSource(new ListSource(List.of(pair.scan(), pair.scan()), 24, 1)) {
            @Override
            public Image read(int index) {
                throw new AssertionError("the whole frame was read");
            }

            @Override
            public Image read(int index, int width) throws IOException {
                widths.add(width);
                return OpenCv.atMostWide(source.read(index), width);
            }
        };
        ListSource references = new ListSource(List.of(pair.reference(), pair.reference()), 24, 1);
        List<SequenceAligner.Frame> frames = SequenceAligner.align(scan, references,
                new TemporalMatch(new int[] {0, 1}, new double[] {1, 1}, "given"), aligner, new NullProgressMonitor());
        int working = aligner.workingWidth(Larger.REF_W, Larger.REF_H, Scene.SCAN_W, Scene.SCAN_H);
        assertTrue(working < Scene.SCAN_W / 2, "working width " + working);
        assertEquals(List.of(working, working), widths);
        for (SequenceAligner.Frame f : frames) {
            assertTrue(f.usable(), f.alignment().rejection());
            assertTrue(f.alignment().method().contains("on the scan decoded at " + working + "x"), f.alignment().method());
            double error = gridError(pair.truth(), f.alignment().homography(), Larger.REF_W, Larger.REF_H);
            assertTrue(error < 0.4, "frame " + f.scanFrame() + ": RMS grid error " + error + " scan px");
        }
        assertTrue(frames.get(1).alignment().method().startsWith("shot transform"), frames.get(1).alignment().method());
    }

    /** A scan of the scene and a 2.6× smaller, graded, slightly rotated reference of it, with the true reference → scan map. */
    private record Larger(Image scan, Image reference, double[] truth) {
        static final int REF_W = 320;
        static final int REF_H = 180;

        static Larger create() {
            Texture texture = new Texture(11, Scene.SCAN_W, Scene.SCAN_H);
            java.util.Random noise = new java.util.Random(12);
            Image scan = Scene.render(texture, Scene.SCAN_W, Scene.SCAN_H, 0.004, noise);
            double angle = Math.toRadians(0.8);
            double s = 2.6;
            double[] truth = {Math.cos(angle) * s, -Math.sin(angle) * s, 0, Math.sin(angle) * s, Math.cos(angle) * s, 0, 0, 0, 1};
            truth[2] = 478.3 - truth[0] * (REF_W - 1) / 2.0 - truth[1] * (REF_H - 1) / 2.0;
            truth[5] = 268.6 - truth[3] * (REF_W - 1) / 2.0 - truth[4] * (REF_H - 1) / 2.0;
            Image reference = Image.blank(REF_W, REF_H, 3);
            float[] rgb = new float[3];
            float[] sample = new float[3];
            for (int j = 0; j < REF_H; j++) {
                for (int i = 0; i < REF_W; i++) {
                    // each reference pixel averages the scan's texture over its footprint (a 3x3 box of samples)
                    Arrays.fill(rgb, 0);
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            double[] p = Scene.map(truth, i + dx / 3.0, j + dy / 3.0);
                            texture.rgb(p[0], p[1], sample);
                            for (int k = 0; k < 3; k++) {
                                rgb[k] += sample[k] / 9;
                            }
                        }
                    }
                    for (int k = 0; k < 3; k++) {
                        reference.set(i, j, k, Scene.grade(k, rgb[k]) + (float) (0.01 * noise.nextGaussian()));
                    }
                }
            }
            return new Larger(scan, reference, truth);
        }
    }

    /** RMS distance in scan pixels between where two homographies put an 8-px grid of reference points. */
    private static double gridError(double[] truth, double[] recovered, int width, int height) {
        double sum = 0;
        int n = 0;
        for (int y = 0; y < height; y += 8) {
            for (int x = 0; x < width; x += 8) {
                double[] t = Scene.map(truth, x, y);
                double[] r = Scene.map(recovered, x, y);
                sum += Math.pow(r[0] - t[0], 2) + Math.pow(r[1] - t[1], 2);
                n++;
            }
        }
        return Math.sqrt(sum / n);
    }

    @Test
    void warpMarksUncoveredPixelsAndReproducesTheScanInside() {
        SpatialAlignment truth = new SpatialAlignment(scene.truth(), 1, "truth");
        Image warped = aligner.warp(scene.reference(), truth, Scene.SCAN_W, Scene.SCAN_H);
        assertEquals(Scene.SCAN_W, warped.width());
        assertEquals(Scene.SCAN_H, warped.height());
        assertEquals(3, warped.channels());
        double[] h = scene.truth();
        double det = h[0] * h[4] - h[1] * h[3];
        float[] rgb = new float[3];
        double sum = 0;
        int inside = 0;
        int nan = 0;
        for (int y = 0; y < Scene.SCAN_H; y++) {
            for (int x = 0; x < Scene.SCAN_W; x++) {
                // Where the scan pixel lies on the reference (inverse of the affine truth).
                double dx = x - h[2];
                double dy = y - h[5];
                double u = (h[4] * dx - h[1] * dy) / det;
                double v = (-h[3] * dx + h[0] * dy) / det;
                boolean isNan = Float.isNaN(warped.get(x, y, 0));
                for (int c = 1; c < 3; c++) {
                    assertEquals(isNan, Float.isNaN(warped.get(x, y, c)), "NaN in some channels only at " + x + "," + y);
                }
                nan += isNan ? 1 : 0;
                double margin = Math.min(Math.min(u, v), Math.min(Scene.REF_W - 1 - u, Scene.REF_H - 1 - v));
                if (margin < -0.5) {
                    assertTrue(isNan, "pixel " + x + "," + y + " lies outside the reference but is not NaN");
                } else if (margin > 2) {
                    assertFalse(isNan, "pixel " + x + "," + y + " lies well inside the reference but is NaN");
                    scene.texture().rgb(x, y, rgb);
                    for (int c = 0; c < 3; c++) {
                        double e = warped.get(x, y, c) - Scene.grade(c, rgb[c]);
                        sum += e * e;
                    }
                    inside++;
                }
            }
        }
        double rms = Math.sqrt(sum / (3.0 * inside));
        System.out.printf("warp: %d NaN pixels, %d checked inside, RMS %.4f against the graded texture%n", nan, inside, rms);
        assertTrue(nan > 0.1 * Scene.SCAN_W * Scene.SCAN_H, "the reference leaves the scan's left part uncovered");
        assertTrue(rms < 0.02, "warped reference differs from the graded scan content by RMS " + rms);
    }

    @Test
    void unrelatedImagesGiveLowConfidence() {
        Random random = new Random(3);
        Image noise = Image.blank(480, 270, 3);
        for (int i = 0; i < noise.data().length; i++) {
            noise.data()[i] = random.nextFloat();
        }
        Image gradient = Image.blank(400, 300, 3);
        for (int y = 0; y < 300; y++) {
            for (int x = 0; x < 400; x++) {
                gradient.set(x, y, 0, x / 400f);
                gradient.set(x, y, 1, y / 300f);
                gradient.set(x, y, 2, 0.5f);
            }
        }
        SpatialAlignment a = assertDoesNotThrow(() -> aligner.align(noise, gradient));
        SpatialAlignment b = assertDoesNotThrow(() -> aligner.align(gradient, noise));
        Image other = Scene.render(new Texture(99, 640, 360), 640, 360, 0.01, random);
        SpatialAlignment c = assertDoesNotThrow(() -> aligner.align(other, scene.scan()));
        System.out.printf("unrelated: noise/gradient %.3f (%s), gradient/noise %.3f, texture/other texture %.3f (%s)%n",
                a.confidence(), a.method(), b.confidence(), c.confidence(), c.method());
        assertTrue(a.confidence() < 0.3, "noise vs gradient: " + a.confidence());
        assertTrue(b.confidence() < 0.3, "gradient vs noise: " + b.confidence());
        assertTrue(c.confidence() < 0.3, "two different textures: " + c.confidence());
    }
}
