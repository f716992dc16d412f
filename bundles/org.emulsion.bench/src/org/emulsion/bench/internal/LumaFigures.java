package org.emulsion.bench.internal;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.google.gson.JsonObject;

/**
 * A print-luma case's figures on its held-out frames, each method's luma against the scan without
 * its physical damage (the simulator's intact element): inside the true damage, over the whole
 * frame, SSIM; how many pixels outside the damage maps the result changed (must be 0); the damage
 * maps' recall and precision against the simulator's masks; and the acceptance.
 *
 * @param damagePsnr          method → luma PSNR (dB) inside the true damage, pooled over the held-out frames
 * @param damageChroma        method → mean chroma CIEDE2000 (a*, b* on the truth's L*) inside the true damage, pooled
 * @param psnr                method → luma PSNR (dB) over whole held-out frames (mean of frames)
 * @param ssim                method → luma SSIM over whole held-out frames (mean of frames)
 * @param intactPixelsChanged pixels outside the damage maps the result differs from the scan in, all frames
 * @param recall              damage maps against the simulator's masks (visible damage), all frames
 * @param precision           the same
 * @param heldOutFrames       frames scored
 */
public record LumaFigures(Map<String, Double> damagePsnr, Map<String, Double> damageChroma, Map<String, Double> psnr, Map<String, Double> ssim, long intactPixelsChanged,
        double recall, double precision, int heldOutFrames, Bar bar, Map<String, Double> sources) {
    static final String RESULT = "emulsion";
    static final String SCAN = "scan as is";
    /** The key of the run's baseline; {@link Bar#baseline} names it. */
    static final String BASELINE = "baseline";
    static final List<String> METHODS = List.of(SCAN, BASELINE, RESULT);

    /**
     * What a kind of luma case must reach (an issue's acceptance); NaN leaves a check out.
     *
     * @param baseline     what the run's baseline is, for the tables
     * @param intactExact  whether the pixels outside the damage maps must be the scan's bit for bit
     */
    public record Bar(String workflow, String baseline, double minGainOverScan, double minGainOverBaseline, double minDamagePsnr,
            double minPsnr, double minRecall, double minPrecision, boolean intactExact) {
    }

    /** print-luma: the tone-matched print pasted into the damage maps. */
    static final Bar PRINT_LUMA = new Bar("print-luma", "tone-matched print", 2, 2, 28, 30, 0.9, 0.8, true);
    /** multiprint (issue 16): against the master without damage; the baseline is the median of the prints. */
    static final Bar MULTIPRINT = new Bar("multiprint", "median of prints", Double.NaN, 3, 25, 30, Double.NaN, Double.NaN, false);

    /** A print-luma case's figures. */
    public LumaFigures(Map<String, Double> damagePsnr, Map<String, Double> damageChroma, Map<String, Double> psnr, Map<String, Double> ssim,
            long intactPixelsChanged, double recall, double precision, int heldOutFrames) {
        this(damagePsnr, damageChroma, psnr, ssim, intactPixelsChanged, recall, precision, heldOutFrames, PRINT_LUMA, Map.of());
    }

    /** The checks of the acceptance, in order; null where a figure is missing. */
    Map<String, Boolean> acceptance() {
        double r = damagePsnr.get(RESULT);
        Map<String, Boolean> passed = new LinkedHashMap<>();
        if (!Double.isNaN(bar.minGainOverScan())) {
            passed.put("damage PSNR >= " + bar.minGainOverScan() + " dB above scan",
                    CaseTables.check(r - damagePsnr.get(SCAN) >= bar.minGainOverScan(), r - damagePsnr.get(SCAN)));
        }
        passed.put("damage PSNR >= " + bar.minGainOverBaseline() + " dB above " + bar.baseline(),
                CaseTables.check(r - damagePsnr.get(BASELINE) >= bar.minGainOverBaseline(), r - damagePsnr.get(BASELINE)));
        passed.put("damage PSNR >= " + bar.minDamagePsnr() + " dB", CaseTables.check(r >= bar.minDamagePsnr(), r));
        passed.put("PSNR >= " + bar.minPsnr() + " dB", CaseTables.check(psnr.get(RESULT) >= bar.minPsnr(), psnr.get(RESULT)));
        if (bar.intactExact()) {
            passed.put("intact pixels bit-exact", intactPixelsChanged == 0);
        }
        if (!Double.isNaN(bar.minRecall())) {
            passed.put("recall >= " + bar.minRecall(), CaseTables.check(recall >= bar.minRecall(), recall));
            passed.put("precision >= " + bar.minPrecision(), CaseTables.check(precision >= bar.minPrecision(), precision));
        }
        return passed;
    }

    /** The method's name in tables. */
    String label(String method) {
        return method.equals(BASELINE) ? bar.baseline() : method;
    }

    /** The table rows' metrics, so that the shared table, JSON and HTML show them (chroma columns not applicable). */
    Map<String, MethodMetrics> methods() {
        Map<String, MethodMetrics> methods = new LinkedHashMap<>();
        for (String m : METHODS) {
            JsonObject details = new JsonObject();
            details.addProperty("lumaPsnrInTrueDamageDb", damagePsnr.get(m));
            details.addProperty("chromaDeltaE2000InTrueDamage", damageChroma.get(m));
            details.addProperty("note", "luma against the scan without its physical damage, held-out frames");
            methods.put(label(m), new MethodMetrics(Double.NaN, Double.NaN, Double.NaN, Double.NaN, psnr.get(m), ssim.get(m), damagePsnr.get(m),
                    Double.NaN, Double.NaN, Double.NaN, details));
        }
        return methods;
    }

    JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("heldOutFrames", heldOutFrames);
        Map<String, Map<String, Double>> figures = new LinkedHashMap<>();
        figures.put("lumaPsnrInDamageDb", damagePsnr);
        figures.put("chromaDeltaE2000InDamage", damageChroma);
        figures.put("lumaPsnrDb", psnr);
        figures.put("lumaSsim", ssim);
        json.add("methods", CaseTables.perMethod(METHODS, this::label, figures));
        if (!sources.isEmpty()) {
            JsonObject split = new JsonObject();
            sources.forEach(split::addProperty);
            json.add("sourcePercent", split);
        }
        json.addProperty("intactPixelsChanged", intactPixelsChanged);
        json.addProperty("damageRecall", recall);
        json.addProperty("damagePrecision", precision);
        json.add("acceptance", CaseTables.acceptance(acceptance()));
        json.addProperty("note", "against the scan without physical damage; damage: inside the simulator's masks; intact pixels: "
                + "outside the run's damage maps, every frame");
        return json;
    }

    static void printHeader(PrintStream out) {
        out.println(String.format(Locale.ROOT, "%-20s %-19s %9s %9s %9s %8s", "case", "method", "dmg PSNR", "dmg ΔEc", "Y PSNR", "Y SSIM"));
    }

    void print(String name, PrintStream out) {
        for (String m : METHODS) {
            out.println(String.format(Locale.ROOT, "%-20s %-19s %9.2f %9.2f %9.2f %8.4f", name, label(m), damagePsnr.get(m),
                    damageChroma.get(m), psnr.get(m), ssim.get(m)));
        }
        if (!sources.isEmpty()) {
            StringBuilder split = new StringBuilder();
            sources.forEach((k, v) -> split.append(split.isEmpty() ? "" : ", ").append(k).append(String.format(Locale.ROOT, " %.2f %%", v)));
            out.println(String.format(Locale.ROOT, "%-20s sources: %s", name, split));
        }
        out.println(Double.isNaN(recall) ? String.format(Locale.ROOT, "%-20s %d frames scored", name, heldOutFrames)
                : String.format(Locale.ROOT, "%-20s damage maps: recall %.3f, precision %.3f; intact pixels changed: %d; %d held-out frames",
                        name, recall, precision, intactPixelsChanged, heldOutFrames));
    }

    String line(String name) {
        return CaseTables.line(name, acceptance());
    }
}
