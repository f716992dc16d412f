package org.emulsion.core.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.emulsion.core.extensions.SpatialAlignment;
import org.emulsion.core.image.Image;
import org.junit.jupiter.api.Test;

class SpatialAlignmentTest {
    private static final SpatialAlignment PERSPECTIVE = new SpatialAlignment(
            new double[] {6.1, 0.05, 12.5, -0.03, 5.7, -8.25, 1e-5, -2e-5, 1}, 0.9, "test");

    /** A resized grid's pixel centres lie at (scan + 0.5) · k − 0.5, as OpenCV's resize samples them. */
    @Test
    void resizedMapsEachReferencePointWhereTheResizedScanShowsIt() {
        double kx = 2048.0 / 4400;
        double ky = 1536.0 / 3300;
        SpatialAlignment small = PERSPECTIVE.resized(kx, ky);
        for (double[] p : new double[][] {{0, 0}, {719, 575}, {360.5, 12.25}}) {
            double[] scan = PERSPECTIVE.apply(p[0], p[1]);
            double[] grid = small.apply(p[0], p[1]);
            assertEquals((scan[0] + 0.5) * kx - 0.5, grid[0], 1e-9);
            assertEquals((scan[1] + 0.5) * ky - 0.5, grid[1], 1e-9);
        }
        assertArrayEquals(PERSPECTIVE.homography(), small.resized(1 / kx, 1 / ky).homography(), 1e-12);
        assertEquals(PERSPECTIVE.confidence(), small.confidence());
    }

    @Test
    void anAlignmentWithAResidualFlowIsNotResized() {
        SpatialAlignment flowed = PERSPECTIVE.withFlow(Image.blank(4, 3, 2), 0.9, "flow");
        assertThrows(IllegalStateException.class, () -> flowed.resized(0.5, 0.5));
    }
}
