package org.emulsion.simulator.reference.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.emulsion.core.image.FrameSource;
import org.emulsion.core.image.Image;
import org.emulsion.core.image.SourceInfo;
import org.emulsion.media.internal.DvdSource;
import org.emulsion.simulator.DvdParameters;
import org.emulsion.simulator.DvdRenderer;
import org.emulsion.simulator.DvdResult;
import org.emulsion.simulator.ReferenceGeometry;
import org.emulsion.simulator.ReferenceResult;
import org.emulsion.simulator.Truth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DVD reference source on the simulator's PAL DVD: timing, geometry, picture area and frames as recorded. */
class DvdSourceOnSimulatorTest {
    @TempDir
    Path dir;

    @Test
    void readsTheDiscAsRecorded() throws Exception {
        Truth truth = ReferenceTesting.truth(16, 2, 5);
        DvdResult dvd = DvdRenderer.render(truth, 42, DvdParameters.defaults(), dir);
        ReferenceGeometry g = dvd.geometry(0);
        List<Image> warped = ReferenceTesting.warpAll(truth, g);
        try (FrameSource source = new DvdSource().open(dvd.location())) {
            SourceInfo info = source.info();
            assertEquals(dvd.frameMap().size(), info.frameCount());
            assertEquals(DvdResult.FPS, info.fps(), 1e-9);
            assertEquals(g.pixelAspect(), info.pixelAspect(), 1e-9);
            assertEquals(SourceInfo.FieldOrder.PROGRESSIVE, info.fieldOrder());
            assertEquals(SourceInfo.Matrix.REC601, info.matrix(), "untagged SD");
            SourceInfo.Rect area = info.activeArea();
            assertEquals(g.activeX(), area.x(), 2, area.toString());
            assertEquals(g.activeY(), area.y(), 2, area.toString());
            assertEquals(g.activeWidth(), area.width(), 3, area.toString());
            assertEquals(g.activeHeight(), area.height(), 3, area.toString());
            assertTrue(info.subtitleBand().isEmpty(), "no subtitles on this disc: " + info.subtitleBand());
            for (int k = 0; k < info.frameCount(); k++) {
                int t = dvd.frameMap().get(k);
                if (t != ReferenceResult.NONE) {
                    assertEquals(t, ReferenceTesting.bestTruthFrame(source.read(k), warped, g, 0, 1), "disc frame " + k);
                }
            }
        }
    }
}
