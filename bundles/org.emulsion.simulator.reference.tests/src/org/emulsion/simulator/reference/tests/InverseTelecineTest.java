package org.emulsion.simulator.reference.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.emulsion.core.image.FrameSource;
import org.emulsion.core.image.Image;
import org.emulsion.core.image.SourceInfo;
import org.emulsion.media.internal.TelecineSource;
import org.emulsion.simulator.ReferenceGeometry;
import org.emulsion.simulator.TelecineParameters;
import org.emulsion.simulator.TelecineRenderer;
import org.emulsion.simulator.TelecineResult;
import org.emulsion.simulator.Truth;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The telecine reference source on the simulator's NTSC telecine (3:2 pulldown, noise, drifting
 * grade): after inverse telecine, reference frame k is truth frame k — every film frame exactly
 * once, in order — whatever the cadence phase and field dominance.
 */
class InverseTelecineTest {
    private static final int FRAMES = 24;

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"0, true", "1, true", "2, false"})
    void everyFilmFrameComesBackOnceInOrder(int phase, boolean topFieldFirst) throws Exception {
        Truth truth = ReferenceTesting.truth(FRAMES, 2, 11);
        TelecineParameters d = TelecineParameters.defaults().withCadencePhase(phase);
        TelecineParameters parameters = new TelecineParameters(d.framing(), d.anamorphic(), d.cadencePhase(), topFieldFirst,
                d.blurSigma(), d.noiseSigma(), d.grade(), d.driftAmplitude(), d.driftPeriod());
        TelecineResult telecine = TelecineRenderer.render(truth, 7, parameters, dir);
        int expected = telecine.fieldMap().get(telecine.fieldMap().size() - 1) + 1; // film frames whose fields were all laid down
        ReferenceGeometry g = telecine.geometry(0);
        List<Image> warped = ReferenceTesting.warpAll(truth, g);
        int recovered = 0;
        try (FrameSource source = new TelecineSource().open(telecine.location())) {
            SourceInfo info = source.info();
            assertEquals(TelecineResult.FILM_FPS, info.fps(), 1e-9);
            assertEquals(topFieldFirst ? SourceInfo.FieldOrder.TOP_FIELD_FIRST : SourceInfo.FieldOrder.BOTTOM_FIELD_FIRST,
                    info.fieldOrder());
            for (int k = 0; k < source.frameCount(); k++) {
                recovered += ReferenceTesting.bestTruthFrame(source.read(k), warped, g, 0, 1) == k ? 1 : 0;
            }
            System.out.printf("inverse telecine, phase %d, %s: %d of %d film frames recovered in order, %d frames out%n", phase,
                    topFieldFirst ? "tff" : "bff", recovered, expected, source.frameCount());
            assertTrue(source.frameCount() >= expected - 1 && source.frameCount() <= expected,
                    "frames out " + source.frameCount() + " for " + expected + " film frames");
            assertEquals(source.frameCount(), recovered, "every frame out is its film frame");
        }
    }
}
