package org.emulsion.workflow.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.emulsion.bench.internal.ArtworkCaseRunner;
import org.emulsion.bench.internal.ArtworkFigures;
import org.emulsion.bench.internal.CaseResult;
import org.emulsion.bench.internal.CaseSpec;
import org.emulsion.bench.internal.Reports;
import org.emulsion.simulator.ArtworkCase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench quality}'s artwork-chroma runner on the small case: it runs the installed workflow and scores the result,
 * the scan as is and the global transfer on every frame against the truth, and the table gives the acceptance line.
 */
class ArtworkBenchTest {
    @TempDir
    Path dir;

    @Test
    void anArtworkCaseIsRestoredByTheWorkflowAndScoredAgainstTheTruth() throws Exception {
        CaseSpec spec = CaseSpec.artwork("small artwork case", ArtworkCase.Spec.small(), 60).withTraining(300, 60);
        CaseResult result = ArtworkCaseRunner.run(spec, dir, new NullProgressMonitor());
        ArtworkFigures figures = result.artwork();
        assertTrue(figures.frames() > 0, "frames scored");
        for (String m : List.of("scan as is", "global transfer", "emulsion")) {
            assertTrue(Double.isFinite(figures.chroma().get(m)) && Double.isFinite(figures.grain().get(m))
                    && Double.isFinite(figures.temporal().get(m)), m + ": " + figures);
        }
        // every method keeps the scan's luma, so none may lose its grain
        assertTrue(figures.grain().get("emulsion") > 0.9, figures.toString());
        assertEquals(1.0, figures.grain().get("scan as is"), 1e-9, "the scan keeps its own grain");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Reports.printTable(List.of(result), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String table = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(table.contains("artwork-chroma: chroma dE00 >= 30 % below global transfer"), table);
        assertTrue(Reports.toJson(List.of(result), new com.google.gson.JsonObject()).getAsJsonObject("cases")
                .getAsJsonObject("artwork-chroma").getAsJsonObject("artwork").has("acceptance"), "the JSON carries the artwork figures");
    }
}
