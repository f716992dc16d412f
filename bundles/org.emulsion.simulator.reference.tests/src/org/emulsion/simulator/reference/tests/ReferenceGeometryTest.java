package org.emulsion.simulator.reference.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emulsion.core.image.Image;
import org.emulsion.simulator.ReferenceFraming;
import org.emulsion.simulator.ReferenceGeometry;
import org.emulsion.simulator.ReferenceGrade;
import org.junit.jupiter.api.Test;

/** Framing arithmetic: letterbox, pillarbox, pan-and-scan, and the mapping convention. */
class ReferenceGeometryTest {

    @Test
    void fullFrameOfTheSameAspectIsAPureScale() {
        ReferenceGeometry g = ReferenceFraming.full().geometry(1920, 1080, 960, 540, 1.0);
        assertEquals(2.0, g.scaleX(), 1e-12);
        assertEquals(2.0, g.scaleY(), 1e-12);
        // pixel centre convention: reference pixel 0 covers truth pixels 0 and 1, centre 0.5
        assertEquals(0.5, g.truthX(0), 1e-12);
        assertEquals(1918.5, g.truthX(959), 1e-12);
        assertEquals(960 * 540, g.activeWidth() * g.activeHeight());
    }

    @Test
    void widerPictureIsLetterboxedNarrowerIsPillarboxed() {
        ReferenceGeometry letterbox = new ReferenceFraming(2.39, 1, 0, 0).geometry(1920, 1080, 720, 576, 64.0 / 45);
        assertEquals(720, letterbox.activeWidth());
        assertEquals(2.39, letterbox.pictureAspect(), 0.01);
        assertEquals(576 - letterbox.activeHeight(), 2 * letterbox.activeY());
        assertEquals(64.0 / 45, letterbox.scaleX() / letterbox.scaleY(), 0.01);

        ReferenceGeometry pillarbox = new ReferenceFraming(4.0 / 3, 1, 0, 0).geometry(1920, 1080, 720, 576, 64.0 / 45);
        assertEquals(576, pillarbox.activeHeight());
        assertEquals(4.0 / 3, pillarbox.pictureAspect(), 0.01);
        assertTrue(pillarbox.activeX() > 0);

        // pan and scan: a 4:3 window of a 16:9 frame fills a 4:3 NTSC frame; shifted right it starts right of centre
        ReferenceGeometry pan = new ReferenceFraming(0, 1, 1, 0).geometry(1920, 1080, 720, 480, 10.0 / 11);
        assertEquals(720, pan.activeWidth());
        assertEquals(480, pan.activeHeight());
        assertEquals(1919.5, pan.truthX(719.5), 1e-9, "window at the right edge");
        assertEquals(-0.5, pan.truthY(-0.5), 1e-9);
    }

    @Test
    void fromTruthPutsBlackBarsAroundTheMappedPicture() {
        Image white = new Image(64, 36, 3, new float[64 * 36 * 3]);
        java.util.Arrays.fill(white.data(), 1f);
        ReferenceGeometry g = new ReferenceFraming(2.0, 1, 0, 0).geometry(64, 36, 80, 60, 1.0);
        Image out = g.fromTruth(white);
        assertEquals(0f, out.get(40, 0, 1));
        assertEquals(1f, out.get(40, 30, 1), 1e-5f);
        assertEquals(0f, out.get(40, 59, 1));
    }

    @Test
    void badFramingAndGradeAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ReferenceFraming(1.85, 0.9, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ReferenceFraming(1.85, 1, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> new ReferenceGrade(0, 1, 1, 1, 1, 1, 0, 1));
        Image grey = new Image(1, 1, 3, new float[] {0.5f, 0.5f, 0.5f});
        assertEquals(0.5f, ReferenceGrade.neutral().apply(grey).get(0, 0, 0), 1e-6f);
    }
}
