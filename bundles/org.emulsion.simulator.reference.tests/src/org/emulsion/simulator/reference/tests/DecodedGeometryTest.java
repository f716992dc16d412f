package org.emulsion.simulator.reference.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_video;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.TermCriteria;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.emulsion.core.image.FrameSource;
import org.emulsion.core.image.Image;
import org.emulsion.media.OpenCv;
import org.emulsion.media.internal.DvdSource;
import org.emulsion.media.internal.TelecineSource;
import org.emulsion.simulator.DvdParameters;
import org.emulsion.simulator.DvdRenderer;
import org.emulsion.simulator.DvdResult;
import org.emulsion.simulator.ReferenceGeometry;
import org.emulsion.simulator.ReferenceResult;
import org.emulsion.simulator.TelecineParameters;
import org.emulsion.simulator.TelecineRenderer;
import org.emulsion.simulator.TelecineResult;
import org.emulsion.simulator.Truth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Video references, encoded by the simulator and decoded by the reference sources, show the truth
 * exactly where their recorded geometry says: an ECC translation between a decoded frame and the
 * truth resampled by {@link ReferenceGeometry#fromTruth} is (nearly) zero.
 */
class DecodedGeometryTest {
    /** Reference pixels: a systematic shift this small is below what alignment can resolve. */
    private static final double TOLERANCE = 0.02;

    @TempDir
    Path dir;

    @Test
    void dvdFramesSitWhereTheGeometrySays() throws Exception {
        Truth truth = Truth.create(new Truth.Spec(1280, 720, 6, 1, 31));
        DvdParameters p = DvdParameters.defaults().withLeadIn(0, 0).withCuts(0, 1);
        DvdResult dvd = DvdRenderer.render(truth, 5, p, dir);
        try (FrameSource source = new DvdSource().open(dvd.location())) {
            for (int k = 0; k < source.info().frameCount(); k++) {
                int t = dvd.frameMap().get(k);
                if (t != ReferenceResult.NONE) {
                    ReferenceGeometry g = dvd.geometry(k);
                    assertAligned("DVD frame " + k, source.read(k), g.fromTruth(p.grade().apply(truth.frame(t))), g);
                }
            }
        }
    }

    @Test
    void telecineFramesSitWhereTheGeometrySays() throws Exception {
        Truth truth = Truth.create(new Truth.Spec(1280, 720, 6, 1, 33));
        TelecineResult telecine = TelecineRenderer.render(truth, 5, TelecineParameters.defaults(), dir);
        try (FrameSource source = new TelecineSource().open(telecine.location())) {
            for (int k = 0; k < source.info().frameCount(); k++) {
                ReferenceGeometry g = telecine.geometry(k);
                assertAligned("telecine film frame " + k, source.read(k), g.fromTruth(truth.frame(k)), g);
            }
        }
    }

    private static void assertAligned(String what, Image decoded, Image expected, ReferenceGeometry g) {
        double[] shift = shift(decoded, expected, g);
        System.out.printf("%s: decoded vs geometry shift %.4f, %.4f px%n", what, shift[0], shift[1]);
        assertTrue(Math.hypot(shift[0], shift[1]) < TOLERANCE, what + " is shifted by " + shift[0] + ", " + shift[1] + " px");
    }

    /** Translation (x, y) that maps the expected frame's active area onto the decoded frame (ECC, luma). */
    private static double[] shift(Image decoded, Image expected, ReferenceGeometry g) {
        Rect area = new Rect(g.activeX() + 8, g.activeY() + 8, g.activeWidth() - 16, g.activeHeight() - 16);
        try (Mat a = luma(expected); Mat b = luma(decoded); Mat warp = Mat.eye(2, 3, opencv_core.CV_32F).asMat()) {
            FloatIndexer w = warp.createIndexer();
            w.put(0, 2, area.x());
            w.put(1, 2, area.y());
            opencv_video.findTransformECC(a.apply(area).clone(), b, warp, opencv_video.MOTION_TRANSLATION,
                    new TermCriteria(TermCriteria.COUNT + TermCriteria.EPS, 100, 1e-7), new Mat(), 1);
            return new double[] {w.get(0, 2) - area.x(), w.get(1, 2) - area.y()};
        }
    }

    private static Mat luma(Image rgb) {
        Image y = new Image(rgb.width(), rgb.height(), 1, new float[rgb.width() * rgb.height()]);
        for (int yy = 0; yy < rgb.height(); yy++) {
            for (int x = 0; x < rgb.width(); x++) {
                y.data()[yy * rgb.width() + x] = (float) ReferenceTesting.luma(rgb, x, yy);
            }
        }
        return OpenCv.toMat(y);
    }
}
