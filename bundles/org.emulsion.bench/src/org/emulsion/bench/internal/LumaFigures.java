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
 * @param psnr                method → luma PSNR (dB) over whole held-out frames (mean of frames)
 * @param ssim                method → luma SSIM over whole held-out frames (mean of frames)
 * @param intactPixelsChanged pixels outside the damage maps the result differs from the scan in, all frames
 * @param recall              damage maps against the simulator's masks (visible damage), all frames
 * @param precision           the same
 * @param heldOutFrames       frames scored
 */
public record LumaFigures(Map<String, Double> damagePsnr, Map<String, Double> psnr, Map<String, Double> ssim, long intactPixelsChanged,
        double recall, double precision, int heldOutFrames) {
    static final String RESULT = "emulsion";
    static final String SCAN = "scan as is";
    static final String BASELINE = "tone-matched print";
    static final List<String> METHODS = List.of(SCAN, BASELINE, RESULT);

    static final double MIN_GAIN_DB = 2;
    static final double MIN_DAMAGE_PSNR_DB = 28;
    static final double MIN_PSNR_DB = 30;
    static final double MIN_RECALL = 0.9;
    static final double MIN_PRECISION = 0.8;

    /** The checks of the acceptance, in order; null where a figure is missing. */
    Map<String, Boolean> acceptance() {
        double r = damagePsnr.get(RESULT);
        Map<String, Boolean> passed = new LinkedHashMap<>();
        passed.put("damage PSNR >= " + MIN_GAIN_DB + " dB above scan", check(r - damagePsnr.get(SCAN) >= MIN_GAIN_DB, r - damagePsnr.get(SCAN)));
        passed.put("damage PSNR >= " + MIN_GAIN_DB + " dB above " + BASELINE,
                check(r - damagePsnr.get(BASELINE) >= MIN_GAIN_DB, r - damagePsnr.get(BASELINE)));
        passed.put("damage PSNR >= " + MIN_DAMAGE_PSNR_DB + " dB", check(r >= MIN_DAMAGE_PSNR_DB, r));
        passed.put("PSNR >= " + MIN_PSNR_DB + " dB", check(psnr.get(RESULT) >= MIN_PSNR_DB, psnr.get(RESULT)));
        passed.put("intact pixels bit-exact", intactPixelsChanged == 0);
        passed.put("recall >= " + MIN_RECALL, check(recall >= MIN_RECALL, recall));
        passed.put("precision >= " + MIN_PRECISION, check(precision >= MIN_PRECISION, precision));
        return passed;
    }

    private static Boolean check(boolean ok, double value) {
        return Double.isNaN(value) ? null : ok;
    }

    /** The table rows' metrics, so that the shared table, JSON and HTML show them (chroma columns not applicable). */
    Map<String, MethodMetrics> methods() {
        Map<String, MethodMetrics> methods = new LinkedHashMap<>();
        for (String m : METHODS) {
            JsonObject details = new JsonObject();
            details.addProperty("lumaPsnrInTrueDamageDb", damagePsnr.get(m));
            details.addProperty("note", "luma against the scan without its physical damage, held-out frames");
            methods.put(m, new MethodMetrics(Double.NaN, Double.NaN, Double.NaN, Double.NaN, psnr.get(m), ssim.get(m), damagePsnr.get(m),
                    Double.NaN, Double.NaN, Double.NaN, details));
        }
        return methods;
    }

    JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("heldOutFrames", heldOutFrames);
        JsonObject methods = new JsonObject();
        for (String m : METHODS) {
            JsonObject o = new JsonObject();
            o.addProperty("lumaPsnrInDamageDb", damagePsnr.get(m));
            o.addProperty("lumaPsnrDb", psnr.get(m));
            o.addProperty("lumaSsim", ssim.get(m));
            methods.add(m, o);
        }
        json.add("methods", methods);
        json.addProperty("intactPixelsChanged", intactPixelsChanged);
        json.addProperty("damageRecall", recall);
        json.addProperty("damagePrecision", precision);
        JsonObject acceptance = new JsonObject();
        acceptance().forEach((k, v) -> acceptance.addProperty(k, v));
        json.add("acceptance", acceptance);
        json.addProperty("note", "against the scan without physical damage; damage: inside the simulator's masks; intact pixels: "
                + "outside the run's damage maps, every frame");
        return json;
    }

    static void printHeader(PrintStream out) {
        out.println(String.format(Locale.ROOT, "%-20s %-19s %9s %9s %8s", "case", "method", "dmg PSNR", "Y PSNR", "Y SSIM"));
    }

    void print(String name, PrintStream out) {
        for (String m : METHODS) {
            out.println(String.format(Locale.ROOT, "%-20s %-19s %9.2f %9.2f %8.4f", name, m, damagePsnr.get(m), psnr.get(m), ssim.get(m)));
        }
        out.println(String.format(Locale.ROOT, "%-20s damage maps: recall %.3f, precision %.3f; intact pixels changed: %d; %d held-out frames",
                name, recall, precision, intactPixelsChanged, heldOutFrames));
    }

    String line(String name) {
        StringBuilder s = new StringBuilder(name).append(':');
        acceptance().forEach((k, v) -> s.append(' ').append(k).append(' ').append(v == null ? "n/a" : v ? "PASS" : "FAIL").append(';'));
        return s.substring(0, s.length() - 1);
    }
}
