package org.emulsion.bench.internal;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.emulsion.core.image.Image;
import org.emulsion.quality.Planes;

import com.google.gson.JsonObject;

/**
 * Where a case's residual chroma error lies, so that the next method knows what to attack: the
 * per-pixel chroma ΔE2000 against the reference's look of a few methods, pooled by where the pixel
 * is — on an edge or in a flat area (the {@value #EDGE_PERCENT} % of each frame's pixels with the
 * strongest gradient of the scan's luma, blurred with σ = {@value #SIGMA} px so that grain does not
 * count, are edges), near the frame's border or in its centre (border: within
 * {@value #BORDER_PERCENT} % of the width or height of an edge), early, in the middle or late in the
 * reel (thirds of the scan's frames), per shot, and with or without a reference frame.
 */
public final class ErrorAnalysis {
    static final int EDGE_PERCENT = 20;
    static final int BORDER_PERCENT = 10;
    static final double SIGMA = 2.0;
    private static final String[] THIRDS = {"early third", "middle third", "late third"};

    private final List<String> methods;
    private final int frames;
    /** class → per method {error sum, pixels} ({@code methods.size()} pairs). */
    private final Map<String, double[]> classes = new LinkedHashMap<>();

    /**
     * @param methods the methods analysed, in print order (the first one's error shares are printed)
     * @param frames  the scan's frame count (for the reel's thirds)
     */
    ErrorAnalysis(List<String> methods, int frames) {
        this.methods = List.copyOf(methods);
        this.frames = frames;
        for (String c : new String[] {"all", "edges", "flat", "border", "centre", THIRDS[0], THIRDS[1], THIRDS[2],
            "with reference", "without reference"}) {
            group(c);
        }
    }

    /**
     * Adds one scan frame.
     *
     * @param maps per analysed method, its chroma ΔE2000 map (1 channel, NaN where undefined)
     */
    void add(int scanIndex, int shot, boolean hasReference, Image scan, Map<String, Image> maps) {
        int w = scan.width();
        int h = scan.height();
        boolean[] edge = edges(scan);
        int bx = w * BORDER_PERCENT / 100;
        int by = h * BORDER_PERCENT / 100;
        double[][] frameGroups = {group("all"), group(THIRDS[Math.min(2, 3 * scanIndex / Math.max(1, frames))]),
            group(hasReference ? "with reference" : "without reference"), group("shot " + (shot + 1))};
        double[] edges = group("edges");
        double[] flat = group("flat");
        double[] border = group("border");
        double[] centre = group("centre");
        for (int m = 0; m < methods.size(); m++) {
            float[] e = maps.get(methods.get(m)).data();
            for (int y = 0; y < h; y++) {
                boolean borderRow = y < by || y >= h - by;
                for (int x = 0; x < w; x++) {
                    int p = y * w + x;
                    if (!Float.isFinite(e[p])) {
                        continue;
                    }
                    for (double[] g : frameGroups) {
                        count(g, m, e[p]);
                    }
                    count(edge[p] ? edges : flat, m, e[p]);
                    count(borderRow || x < bx || x >= w - bx ? border : centre, m, e[p]);
                }
            }
        }
    }

    /** Edge pixels: the strongest {@link #EDGE_PERCENT} % of the blurred luma's gradient magnitude. */
    private static boolean[] edges(Image scan) {
        int w = scan.width();
        int h = scan.height();
        float[] y = Planes.gaussian(Planes.luma(scan), 0, SIGMA).data();
        float[] g = new float[w * h];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                float dx = y[r * w + Math.min(w - 1, c + 1)] - y[r * w + Math.max(0, c - 1)];
                float dy = y[Math.min(h - 1, r + 1) * w + c] - y[Math.max(0, r - 1) * w + c];
                g[r * w + c] = dx * dx + dy * dy;
            }
        }
        float[] sorted = g.clone();
        Arrays.sort(sorted);
        float threshold = sorted[Math.min(sorted.length - 1, sorted.length * (100 - EDGE_PERCENT) / 100)];
        boolean[] edge = new boolean[g.length];
        for (int p = 0; p < g.length; p++) {
            edge[p] = g[p] >= threshold;
        }
        return edge;
    }

    private double[] group(String name) {
        return classes.computeIfAbsent(name, k -> new double[2 * methods.size()]);
    }

    private static void count(double[] group, int method, float error) {
        group[2 * method] += error;
        group[2 * method + 1]++;
    }

    private double mean(double[] group, int method) {
        return group[2 * method + 1] == 0 ? Double.NaN : group[2 * method] / group[2 * method + 1];
    }

    /** Per class: its share of the pixels, each method's mean error there and the first method's share of its error. */
    void print(String caseName, PrintStream out) {
        double[] all = classes.get("all");
        out.printf(Locale.ROOT, "Error analysis, %s: chroma dE00 against the reference look, mean per pixel by where the pixel is "
                + "(edges: top %d %% luma gradient; border: outer %d %%)%n", caseName, EDGE_PERCENT, BORDER_PERCENT);
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "  %-20s %8s", "where", "pixels"));
        methods.forEach(m -> header.append(String.format(Locale.ROOT, " %17s", m)));
        header.append(String.format(Locale.ROOT, " %17s", methods.get(0) + " err"));
        out.println(header);
        for (Map.Entry<String, double[]> c : classes.entrySet()) {
            double[] g = c.getValue();
            if (g[1] == 0) {
                continue;
            }
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-20s %7.1f%%", c.getKey(), 100 * g[1] / all[1]));
            for (int m = 0; m < methods.size(); m++) {
                row.append(String.format(Locale.ROOT, " %17.3f", mean(g, m)));
            }
            row.append(String.format(Locale.ROOT, " %16.1f%%", 100 * g[0] / all[0]));
            out.println(row);
        }
    }

    /** {@code class → {"pixelShare", "<method>": mean, "errorShare": of the first method}}. */
    public JsonObject toJson() {
        double[] all = classes.get("all");
        JsonObject json = new JsonObject();
        classes.forEach((name, g) -> {
            if (g[1] == 0) {
                return;
            }
            JsonObject c = new JsonObject();
            c.addProperty("pixelShare", g[1] / all[1]);
            for (int m = 0; m < methods.size(); m++) {
                c.addProperty(methods.get(m), mean(g, m));
            }
            c.addProperty("errorShare", g[0] / all[0]);
            json.add(name, c);
        });
        return json;
    }
}
