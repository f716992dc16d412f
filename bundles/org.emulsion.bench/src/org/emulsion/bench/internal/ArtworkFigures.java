package org.emulsion.bench.internal;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.google.gson.JsonObject;

/**
 * An artwork-chroma case's figures over every scan frame, each method against the truth: chroma
 * CIEDE2000 (its a*, b* against the truth's, on the truth's L*), CIEDE2000, grain kept and the
 * frame-to-frame chroma change beyond the truth's; and the acceptance.
 *
 * @param chroma   method → mean chroma CIEDE2000 (a*b* against the truth's on the truth's L*)
 * @param full     method → mean CIEDE2000 against the truth
 * @param grain    method → grain kept (correlation of high-frequency luma with the scan's)
 * @param temporal method → mean chroma change between consecutive frames beyond the truth's (excess)
 * @param look     method → mean chroma CIEDE2000 against the artwork's look of the truth (the truth in the artist's
 *                 palette; a*, b* against the look's on the look's L*): the colour evidence, against which the
 *                 project scores reference-guided workflows (its P5 decision)
 * @param frames   frames scored
 * @param evidence not a method: mean chroma CIEDE2000 of the artwork itself against the truth it depicts (each still
 *                 against its truth frame in the still's framing) — how far the colour evidence is from the truth:
 *                 the painter's palette, varnish and medium, which a method that learns the artwork's colour inherits
 * @param lookFromTruth not a method: mean chroma CIEDE2000 of the artwork's look against the truth: where a method that
 *                 reproduced the artwork's colour exactly would score against the truth (the palette alone, no medium)
 * @param oracleFromTruth not a method: mean chroma CIEDE2000 against the truth of the scan with the fade undone as fitted
 *                 against the truth itself (the workflow's fade model, per-channel quantile curves, knowing the truth):
 *                 the floor of any global fade correction estimated from other pictures
 * @param oracleFromLook not a method: the same fade oracle against the artwork look
 */
public record ArtworkFigures(Map<String, Double> chroma, Map<String, Double> full, Map<String, Double> grain, Map<String, Double> temporal,
        Map<String, Double> look, int frames, double evidence, double lookFromTruth, double oracleFromTruth, double oracleFromLook) {
    static final String RESULT = "emulsion";
    static final String SCAN = "scan as is";
    static final String BASELINE = "global transfer";
    static final List<String> METHODS = List.of(SCAN, BASELINE, RESULT);

    static final int GAIN_PERCENT = 30;
    static final double MAX_CHROMA_DELTA_E = 5.0;
    static final double MIN_GRAIN_KEPT = 0.98;

    /** The checks of the acceptance, in order; null where a figure is missing. */
    Map<String, Boolean> acceptance() {
        double r = chroma.get(RESULT);
        double b = chroma.get(BASELINE);
        Map<String, Boolean> passed = new LinkedHashMap<>();
        passed.put("chroma dE00 >= " + GAIN_PERCENT + " % below " + BASELINE, CaseTables.check(r <= (1 - GAIN_PERCENT / 100.0) * b, r / b));
        passed.put("chroma dE00 < " + MAX_CHROMA_DELTA_E, CaseTables.check(r < MAX_CHROMA_DELTA_E, r));
        double rl = look.get(RESULT);
        double bl = look.get(BASELINE);
        passed.put("against the artwork look: chroma dE00 >= " + GAIN_PERCENT + " % below " + BASELINE,
                CaseTables.check(rl <= (1 - GAIN_PERCENT / 100.0) * bl, rl / bl));
        passed.put("against the artwork look: chroma dE00 < " + MAX_CHROMA_DELTA_E, CaseTables.check(rl < MAX_CHROMA_DELTA_E, rl));
        passed.put("grain kept >= " + MIN_GRAIN_KEPT, CaseTables.check(grain.get(RESULT) >= MIN_GRAIN_KEPT, grain.get(RESULT)));
        passed.put("temporal excess not above " + BASELINE, CaseTables.check(temporal.get(RESULT) <= temporal.get(BASELINE),
                temporal.get(RESULT) - temporal.get(BASELINE)));
        return passed;
    }

    /** The table rows' metrics, so that the shared table, JSON and HTML show them (luma columns not applicable). */
    Map<String, MethodMetrics> methods() {
        Map<String, MethodMetrics> methods = new LinkedHashMap<>();
        for (String m : METHODS) {
            JsonObject details = new JsonObject();
            details.addProperty("note", "against the truth over every scan frame; dE00 chroma: a*, b* against the truth's on the truth's L*");
            JsonObject all = new JsonObject();
            JsonObject temporalJson = new JsonObject();
            temporalJson.addProperty("excess", temporal.get(m));
            all.add("temporal", temporalJson);
            details.add("all", all);
            methods.put(m, new MethodMetrics(chroma.get(m), full.get(m), Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    grain.get(m), Double.NaN, Double.NaN, details));
        }
        return methods;
    }

    JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("frames", frames);
        Map<String, Map<String, Double>> figures = new LinkedHashMap<>();
        figures.put("chromaDeltaE2000", chroma);
        figures.put("deltaE2000", full);
        figures.put("grainKept", grain);
        figures.put("temporalChromaExcess", temporal);
        figures.put("chromaDeltaE2000AgainstArtworkLook", look);
        json.add("methods", CaseTables.perMethod(METHODS, m -> m, figures));
        json.addProperty("artworkAgainstTruthChromaDeltaE2000", evidence);
        json.addProperty("artworkLookAgainstTruthChromaDeltaE2000", lookFromTruth);
        JsonObject oracle = new JsonObject();
        oracle.addProperty("chromaDeltaE2000", oracleFromTruth);
        oracle.addProperty("chromaDeltaE2000AgainstArtworkLook", oracleFromLook);
        oracle.addProperty("note", "not a method: the scan with the fade undone as fitted against the truth of the scored frames "
                + "(per-channel quantile curves, the workflow's fade model): the floor of a global fade correction");
        json.add("fadeOracle", oracle);
        json.add("acceptance", CaseTables.acceptance(acceptance()));
        json.addProperty("note", "against the truth over every scan frame; chroma: a*, b* against the truth's on the truth's L*; "
                + BASELINE + ": Reinhard mean/deviation transfer in L*a*b* from the assigned artwork (the run's baseline); "
                + "AgainstArtworkLook: a*, b* against the truth in the artist's palette (no stylisation), on its L*");
        return json;
    }

    static void printHeader(PrintStream out) {
        out.println(String.format(Locale.ROOT, "%-20s %-16s %11s %9s %10s %14s %9s", "case", "method", "chroma dE00", "dE00", "grain kept",
                "dCbCr excess", "chr look"));
    }

    void print(String name, PrintStream out) {
        for (String m : METHODS) {
            out.println(String.format(Locale.ROOT, "%-20s %-16s %11.3f %9.3f %10.4f %14.5f %9.3f", name, m, chroma.get(m), full.get(m),
                    grain.get(m), temporal.get(m), look.get(m)));
        }
        out.println(String.format(Locale.ROOT, "%-20s %-16s %11.3f   (not a method: the stills against the truth they depict)", name,
                "artwork itself", evidence));
        out.println(String.format(Locale.ROOT, "%-20s %-16s %11.3f   (not a method: the truth in the artist's palette, the look)", name,
                "artwork look", lookFromTruth));
        out.println(String.format(Locale.ROOT, "%-20s %-16s %11.3f %9s %10s %14s %9.3f   (not a method: the fade undone as fitted against "
                + "the truth)", name, "fade oracle", oracleFromTruth, "", "", "", oracleFromLook));
    }

    String line(String name) {
        return CaseTables.line(name, acceptance());
    }
}
