package org.emulsion.simulator.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.DoubleBuffer;
import java.util.List;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.global.opencv_video;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point2d;
import org.bytedeco.opencv.opencv_core.TermCriteria;
import org.emulsion.core.image.Image;
import org.emulsion.media.OpenCv;
import org.emulsion.simulator.ScanFrame;
import org.emulsion.simulator.ScanParameters;
import org.emulsion.simulator.ScanParameters.Degradation;
import org.emulsion.simulator.ScanParameters.Flicker;
import org.emulsion.simulator.ScanParameters.Missing;
import org.emulsion.simulator.ScanParameters.Weave;
import org.emulsion.simulator.ScanSimulator;
import org.junit.jupiter.api.Test;

/** What the projector/printer transport does: gate weave, flicker, lost frames. */
class ScanTransportTest {

    @Test
    void weaveShiftsByTheRecordedOffsets() {
        ScanSimulator sim = new ScanSimulator(ScanParameters.defaults().only(Degradation.WEAVE).withWeave(new Weave(1.2, 0)));
        double worst = 0;
        double largest = 0;
        for (int f = 12; f < 18; f++) {
            Image truth = ScanFixtures.truth(f);
            ScanSimulator.Offset o = sim.weave(f);
            try (Mat a = grey(truth); Mat b = grey(sim.render(truth, f, 0).scan())) {
                // The iterative variant: plain phaseCorrelate's centroid is biased by up to ~0.3 px at sub-pixel shifts.
                Point2d s = opencv_imgproc.phaseCorrelateIterative(a, b);
                worst = Math.max(worst, Math.max(Math.abs(s.x() - o.dx()), Math.abs(s.y() - o.dy())));
                largest = Math.max(largest, Math.hypot(o.dx(), o.dy()));
            }
        }
        System.out.printf("weave (phase correlation, 6 frames): largest offset %.2f px, largest error %.3f px%n", largest, worst);
        assertTrue(largest > 0.5, "the test needs visible weave");
        assertTrue(worst < 0.1, "phase correlation error " + worst);
    }

    @Test
    void weaveRotationMatchesTheRecord() {
        ScanSimulator sim = new ScanSimulator(ScanParameters.defaults().only(Degradation.WEAVE).withWeave(new Weave(1.0, 0.4)));
        int f = 20;
        Image truth = ScanFixtures.truth(f);
        ScanSimulator.Offset o = sim.weave(f);
        try (Mat scan = grey(sim.render(truth, f, 0).scan()); Mat film = grey(truth); Mat w = Mat.eye(2, 3, opencv_core.CV_32F).asMat();
                Mat m = new Mat()) {
            // ECC finds W with film(W x) = scan(x); the simulator's forward map is its inverse.
            opencv_video.findTransformECC(scan, film, w, opencv_video.MOTION_EUCLIDEAN,
                    new TermCriteria(TermCriteria.COUNT + TermCriteria.EPS, 200, 1e-7), new Mat(), 3);
            w.convertTo(w, opencv_core.CV_64F);
            opencv_imgproc.invertAffineTransform(w, m);
            DoubleBuffer b = m.createBuffer();
            double cx = (truth.width() - 1) / 2.0;
            double cy = (truth.height() - 1) / 2.0;
            double dx = b.get(0) * cx + b.get(1) * cy + b.get(2) - cx;
            double dy = b.get(3) * cx + b.get(4) * cy + b.get(5) - cy;
            double degrees = Math.toDegrees(Math.atan2(b.get(3), b.get(0)));
            System.out.printf("weave (ECC): recorded (%.3f, %.3f) px %.4f deg, found (%.3f, %.3f) px %.4f deg%n",
                    o.dx(), o.dy(), o.degrees(), dx, dy, degrees);
            assertEquals(o.dx(), dx, 0.1);
            assertEquals(o.dy(), dy, 0.1);
            assertEquals(o.degrees(), degrees, 0.02);
        }
    }

    @Test
    void flickerScalesTheFrameByTheRecordedGain() {
        ScanSimulator sim = new ScanSimulator(ScanParameters.defaults().only(Degradation.FLICKER).withFlicker(new Flicker(0.1)));
        double lo = 2;
        double hi = 0;
        double worst = 0;
        for (int f = 0; f < 10; f++) {
            Image truth = ScanFixtures.truth(f);
            Image scan = sim.render(truth, f, 0).scan();
            double gain = sim.flicker(f);
            double st = 0;
            double ss = 0;
            for (int i = 0; i < truth.data().length; i++) {
                if (truth.data()[i] * gain < 1) { // leave out what clipped
                    st += truth.data()[i];
                    ss += scan.data()[i];
                }
            }
            worst = Math.max(worst, Math.abs(ss / st - gain));
            lo = Math.min(lo, gain);
            hi = Math.max(hi, gain);
        }
        System.out.printf("flicker 0.1: gains %.3f..%.3f over 10 frames, largest error of mean ratio %.2e%n", lo, hi, worst);
        assertTrue(hi - lo > 0.05 && lo >= 0.9 && hi <= 1.1);
        assertTrue(worst < 1e-4);
    }

    @Test
    void missingFramesAreReportedAndBlank() {
        ScanParameters p = ScanParameters.defaults().only(Degradation.MISSING).withMissing(new Missing(0.1));
        ScanSimulator sim = new ScanSimulator(p);
        List<Integer> missing = sim.missingFrames(200);
        System.out.printf("missing 0.1: %d of 200 frames: %s%n", missing.size(), missing);
        assertTrue(missing.size() >= 8 && missing.size() <= 35);
        assertNotEquals(missing, new ScanSimulator(p.withSeed(5)).missingFrames(200));
        Image truth = ScanFixtures.truth(0);
        for (int f = 0; f < 200; f++) {
            ScanFrame frame = sim.render(truth, f, 0);
            assertEquals(missing.contains(f), frame.missing(), "frame " + f);
            if (frame.missing()) {
                for (float v : frame.scan().data()) {
                    assertEquals(0f, v);
                }
                assertEquals(truth.width() * truth.height(), ScanFixtures.count(frame.damageMask()));
                assertTrue(sim.frameLog(f, 0).get("missing").getAsBoolean());
            }
        }
        assertFalse(new ScanSimulator(p.with(Degradation.MISSING, false)).missing(missing.get(0)));
    }

    private static Mat grey(Image rgb) {
        try (Mat m = OpenCv.toMat(rgb)) {
            Mat g = new Mat();
            opencv_imgproc.cvtColor(m, g, opencv_imgproc.COLOR_RGB2GRAY);
            return g;
        }
    }
}
