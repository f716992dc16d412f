package org.emulsion.bench.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.emulsion.bench.internal.AlignCase;
import org.emulsion.bench.internal.AlignCaseResult;
import org.emulsion.bench.internal.AlignCaseRunner;
import org.emulsion.bench.internal.CaseSpec.ReferenceKind;
import org.emulsion.core.EmulsionException;
import org.emulsion.simulator.ScanParameters;
import org.emulsion.simulator.Truth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonParser;

/** A small print case end to end: simulated, matched, aligned, reported and scored against the truth. */
class AlignmentBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void smallPrintCaseIsMatchedExactlyAndAlignedWithinAPixel() throws EmulsionException, IOException {
        AlignCase spec = new AlignCase("print-small", "small print", new Truth.Spec(960, 540, 10, 2, 5),
                ScanParameters.defaults().withSeed(6), ReferenceKind.PRINT, null);
        AlignCaseResult result = AlignCaseRunner.run(spec, dir.resolve("case"), new NullProgressMonitor());
        System.out.println(result.metrics());
        assertNull(result.skipped());
        assertEquals(100.0, result.metrics().get("temporalExactPercent"));
        assertTrue(result.metrics().get("rmsGlobalPx") < 0.5, "RMS " + result.metrics().get("rmsGlobalPx"));
        var report = JsonParser.parseString(Files.readString(dir.resolve("case/report/alignment.json"))).getAsJsonObject();
        assertEquals(result.metrics().get("scanFrames").intValue(), report.getAsJsonArray("frames").size());
        try (var images = Files.list(dir.resolve("case/report/differences"))) {
            assertTrue(images.count() > 0, "difference images");
        }
    }

    @Test
    void inverseTelecineTruthListsEachFilmFrameOnceInFieldOrder() {
        assertEquals(List.of(0, 1, 2, 3), AlignCaseRunner.filmFrames(List.of(0, 0, 1, 1, 1, 2, 2, 3, 3, 3)));
    }
}
