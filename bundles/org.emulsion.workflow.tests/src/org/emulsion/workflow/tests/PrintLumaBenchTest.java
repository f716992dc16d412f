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
import org.emulsion.bench.internal.LumaCaseRunner;
import org.emulsion.bench.internal.LumaFigures;
import org.emulsion.bench.internal.Reports;
import org.emulsion.simulator.PrintLumaCase;
import org.emulsion.simulator.Truth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench quality}'s print-luma runner on a tiny case: it runs the installed workflow and scores the
 * result, the scan and the pasted print on the held-out frames, counts no changed intact pixel, scores the
 * damage maps, and the table gives the acceptance line.
 */
class PrintLumaBenchTest {
    @TempDir
    Path dir;

    @Test
    void aLumaCaseIsRestoredByTheWorkflowAndScoredOnItsHeldOutFrames() throws Exception {
        CaseSpec spec = CaseSpec.luma("tiny-luma", "tiny vinegar case", new Truth.Spec(320, 240, 12, 1, 51), PrintLumaCase.Decay.VINEGAR, 60)
                .withTraining(300, 60);
        CaseResult result = LumaCaseRunner.run(spec, dir, new NullProgressMonitor());
        LumaFigures luma = result.luma();
        assertTrue(luma.heldOutFrames() > 0, "held-out frames scored");
        assertEquals(0, luma.intactPixelsChanged(), "every pixel outside the damage maps is the scan's");
        assertTrue(Double.isFinite(luma.damagePsnr().get("scan as is")) && Double.isFinite(luma.damagePsnr().get("emulsion")),
                luma.damagePsnr().toString());
        assertTrue(luma.recall() > 0 && luma.precision() > 0, luma.toString());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Reports.printTable(List.of(result), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String table = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(table.contains("tiny-luma: damage PSNR >= 2.0 dB above scan"), table);
        assertTrue(Reports.toJson(List.of(result), new com.google.gson.JsonObject()).getAsJsonObject("cases").getAsJsonObject("tiny-luma")
                .getAsJsonObject("luma").has("damageRecall"), "the JSON carries the luma figures");
    }
}
