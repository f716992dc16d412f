package org.emulsion.pipeline.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.emulsion.pipeline.report.internal.Figures;
import org.emulsion.pipeline.report.internal.FrameChoice;
import org.emulsion.pipeline.report.internal.Verdict;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** The report's verdict sentence, its numbers for people and the frames its strip shows. */
class ReportVerdictTest {
    private static final String GRADE = "the match grade";

    @Test
    void theVerdictSaysWhetherTheModelBeatsTheGradeAndTheScanByANoticeableMargin() {
        Verdict same = chroma(2.462, 2.514, 17.29);
        assertEquals("On 2 held-out frames the result is 2.46 ΔE2000 from the reference's colour, the match grade 2.51, the faded scan "
                + "17.29 — the model is no better than the match grade here.", same.sentence());
        assertEquals(Verdict.Outcome.SAME, same.outcome());

        Verdict better = chroma(2.0, 4.5, 17.0);
        assertEquals(Verdict.Outcome.BETTER, better.outcome());
        assertTrue(better.sentence().endsWith("the model is closer than the match grade by 2.50 ΔE2000."), better.sentence());

        Verdict worse = chroma(6.0, 2.0, 17.0);
        assertEquals(Verdict.Outcome.WORSE, worse.outcome());
        assertTrue(worse.sentence().endsWith("the match grade is closer than the model here."), worse.sentence());

        Verdict noGain = chroma(16.8, 2.0, 17.0);
        assertTrue(noGain.sentence().endsWith("the model did not bring the picture closer than the faded scan here."), noGain.sentence());

        Verdict unscored = Verdict.of(json("{\"heldOut\":{\"frames\":\"\",\"frameList\":[],\"deltaE2000ChromaResult\":null}}"), GRADE);
        assertEquals(Verdict.Outcome.UNSCORED, unscored.outcome());
        assertTrue(unscored.sentence().startsWith("No held-out frame could be scored"), unscored.sentence());
        assertNull(Verdict.of(json("{\"workflow\":\"x\"}"), GRADE), "no held-out block, no verdict");
    }

    @Test
    void aResultRenderedFromTheHeldOutFramesOwnReferencesSaysSo() {
        Verdict rendered = Verdict.of(json("{\"heldOut\":{\"frames\":\"a.tif b.tif\",\"referencesRendered\":true,"
                + "\"deltaE2000ChromaResult\":2.0,\"deltaE2000ChromaBaseline\":4.5,\"deltaE2000ChromaScan\":17.0}}"), GRADE);
        assertEquals(Verdict.Outcome.BETTER, rendered.outcome());
        assertEquals("On 2 held-out frames the result is 2.00 ΔE2000 from the reference's colour, the match grade 4.50, the faded scan "
                + "17.00 — the model is closer than the match grade by 2.50 ΔE2000 (the result was rendered from these frames' own "
                + "references, so this says how closely it keeps to them, not how well the model alone would do on a frame without"
                + " one).", rendered.sentence());
        Verdict independent = Verdict.of(json("{\"heldOut\":{\"frames\":\"a.tif b.tif\",\"referencesRendered\":false,"
                + "\"deltaE2000ChromaResult\":2.0,\"deltaE2000ChromaBaseline\":4.5,\"deltaE2000ChromaScan\":17.0}}"), GRADE);
        assertTrue(independent.sentence().endsWith("by 2.50 ΔE2000."), independent.sentence());
    }

    @Test
    void aLumaRestoreIsJudgedOnPsnrWhereHigherIsBetter() {
        Verdict luma = Verdict.of(json("{\"heldOut\":{\"frames\":\"a.tif\",\"psnrResult\":31.2,\"psnrBaseline\":28.0,\"psnrScan\":20.1}}"),
                "the pasted print");
        assertEquals("On 1 held-out frame the result is 31.2 dB PSNR against the reference in the restored areas, the pasted print 28.0, "
                + "the damaged scan 20.1 — the model is closer than the pasted print by 3.2 dB PSNR.", luma.sentence());
    }

    @Test
    void numbersReadAsPeopleWriteThem() {
        assertEquals("270", Figures.count(270.0));
        assertEquals("32,980", Figures.count(32980));
        assertEquals("—", Figures.count(Double.NaN));
        assertEquals("2.46", Figures.deltaE(2.4619));
        assertEquals("0.1 min", Figures.minutes(3.8));
        assertEquals("55 min", Figures.minutes(3300));
        assertEquals("87 %", Figures.percent(0.874));
        assertEquals("0.002", Figures.plain(0.002));
        assertEquals("43", Figures.plain(43.0));
        assertEquals("0.0001234", Figures.plain(1.2341e-4));
        assertEquals("4 December 2026, 03:17 UTC", Figures.date("2026-12-04T03:17:24.455813364Z"));
    }

    @Test
    void theStripShowsTheHeldOutFramesAndTheMiddleOfShotsSpreadOverTheFilm() {
        List<FrameChoice.Shot> shots = List.of(new FrameChoice.Shot(0, 9), new FrameChoice.Shot(10, 19), new FrameChoice.Shot(20, 29),
                new FrameChoice.Shot(30, 99));
        assertEquals(List.of(5, 14, 24, 50, 80), FrameChoice.spread(100, shots, List.of(5, 80), 5));
        assertEquals(List.of(4, 14, 24, 50, 64), FrameChoice.spread(100, shots, List.of(), 5));
        assertEquals(List.of(0, 1, 2), FrameChoice.spread(3, List.of(), List.of(), 5));
    }

    private static Verdict chroma(double result, double baseline, double scan) {
        return Verdict.of(json("{\"heldOut\":{\"frames\":\"a.tif b.tif\",\"deltaE2000ChromaResult\":" + result
                + ",\"deltaE2000ChromaBaseline\":" + baseline + ",\"deltaE2000ChromaScan\":" + scan + "}}"), GRADE);
    }

    private static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }
}
