package org.emulsion.workflow.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.emulsion.bench.internal.CaseResult;
import org.emulsion.bench.internal.CaseSpec;
import org.emulsion.bench.internal.LumaFigures;
import org.emulsion.bench.internal.MultiPrintCaseRunner;
import org.emulsion.bench.internal.Reports;
import org.emulsion.simulator.Truth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench quality}'s multiprint runner on a tiny two-print case: it runs the installed workflow,
 * scores every frame against the master without its damage and reports the source split.
 */
class MultiPrintBenchTest {
    @TempDir
    Path dir;

    @Test
    void aMultiPrintCaseIsRestoredByTheWorkflowAndScoredWithItsSourceSplit() throws Exception {
        CaseSpec spec = CaseSpec.multiPrint("tiny-multiprint", "tiny two-print case", new Truth.Spec(320, 240, 12, 1, 61), 2, 60)
                .withTraining(300, 40);
        CaseResult result = MultiPrintCaseRunner.run(spec, dir, new NullProgressMonitor());
        LumaFigures luma = result.luma();
        assertEquals(12, luma.heldOutFrames(), "every frame scored");
        assertTrue(luma.damagePsnr().get("emulsion") > luma.damagePsnr().get("scan as is"), luma.damagePsnr().toString());
        assertTrue(luma.damageChroma().get("emulsion") < luma.damageChroma().get("scan as is"),
                "the colour prints' composite brings the master's colour back in its damage: " + luma.damageChroma());
        assertTrue(luma.sources().size() == 3 && luma.sources().containsKey("inferred"), luma.sources().toString());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Reports.printTable(List.of(result), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String table = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(table.contains("median of prints") && table.contains("tiny-multiprint: damage PSNR >= 3.0 dB above median of prints")
                && table.contains("sources: print-1/print"), table);
        assertTrue(Reports.toJson(List.of(result), new com.google.gson.JsonObject()).getAsJsonObject("cases")
                .getAsJsonObject("tiny-multiprint").getAsJsonObject("luma").has("sourcePercent"), "the JSON carries the source split");
    }
}
