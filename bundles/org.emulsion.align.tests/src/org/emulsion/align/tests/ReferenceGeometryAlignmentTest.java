package org.emulsion.align.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emulsion.align.internal.FeatureEccAligner;
import org.emulsion.core.extensions.SpatialAlignment;
import org.emulsion.simulator.ReferenceFraming;
import org.emulsion.simulator.ReferenceGeometry;
import org.emulsion.simulator.ScanParameters;
import org.emulsion.simulator.ScanSimulator;
import org.emulsion.simulator.Truth;
import org.junit.jupiter.api.Test;

/**
 * The global aligner between simulated scans (faded unevenly, grainy, weaving, damaged) and the
 * truth framed by the simulator's reference geometries (anamorphic letterboxed DVD, 4:3 NTSC
 * pan-and-scan, square-pixel print), scored against the truth: no systematic offset, and a small
 * scatter. Uneven fading used to pull the fit by a tenth of a pixel and more.
 */
class ReferenceGeometryAlignmentTest {
    private static final double MAX_BIAS = 0.03;
    private static final double MAX_RMS = 0.15;

    @Test
    void alignsFadedScansToVideoAndPrintGeometriesWithoutBias() {
        try (Truth truth = Truth.create(new Truth.Spec(1280, 720, 6, 1, 31))) {
            ScanSimulator scanner = new ScanSimulator(ScanParameters.defaults().withSeed(41));
            check("DVD 16:9 letterboxed", truth, scanner,
                    new ReferenceFraming(1.85, 1.04, 0.3, -0.2).geometry(1280, 720, 720, 576, 64.0 / 45));
            check("NTSC 4:3 pan-and-scan", truth, scanner,
                    new ReferenceFraming(0, 1.0, 0.25, 0).geometry(1280, 720, 720, 480, 10.0 / 11));
            check("print", truth, scanner, new ReferenceFraming(0, 1.02, 0.2, -0.1).geometry(1280, 720, 704, 396, 1));
        }
    }

    /** Mean and RMS of (aligned − true) scan positions over a grid of scan points inside the reference's picture. */
    private static void check(String name, Truth truth, ScanSimulator scanner, ReferenceGeometry g) {
        FeatureEccAligner aligner = new FeatureEccAligner();
        double sx = 0, sy = 0, ss = 0;
        int n = 0;
        for (int t = 0; t < truth.frameCount(); t++) {
            SpatialAlignment a = aligner.align(g.fromTruth(truth.frame(t)), scanner.render(truth.frame(t), t, 0).scan());
            // the film point a scan point shows: the gate weave undone (rotation about the frame centre)
            ScanSimulator.Offset weave = scanner.weave(t);
            double cos = Math.cos(Math.toRadians(weave.degrees()));
            double sin = Math.sin(Math.toRadians(weave.degrees()));
            for (int y = 40; y < 700; y += 40) {
                for (int x = 40; x < 1260; x += 40) {
                    double qx = x - 639.5 - weave.dx();
                    double qy = y - 359.5 - weave.dy();
                    double rx = g.referenceX(cos * qx + sin * qy + 639.5);
                    double ry = g.referenceY(-sin * qx + cos * qy + 359.5);
                    if (rx < g.activeX() + 4 || ry < g.activeY() + 4 || rx > g.activeX() + g.activeWidth() - 5
                            || ry > g.activeY() + g.activeHeight() - 5) {
                        continue;
                    }
                    double[] m = a.apply(rx, ry);
                    sx += m[0] - x;
                    sy += m[1] - y;
                    ss += (m[0] - x) * (m[0] - x) + (m[1] - y) * (m[1] - y);
                    n++;
                }
            }
        }
        double bx = sx / n, by = sy / n, rms = Math.sqrt(ss / n);
        System.out.printf("%s: bias %.4f, %.4f px, RMS %.4f px over %d points%n", name, bx, by, rms, n);
        assertTrue(n > 200 * truth.frameCount(), name + ": the grid covers the picture");
        assertTrue(Math.abs(bx) < MAX_BIAS && Math.abs(by) < MAX_BIAS, name + ": bias " + bx + ", " + by + " px");
        assertTrue(rms < MAX_RMS, name + ": RMS " + rms + " px");
    }
}
