package org.emulsion.pipeline.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.emulsion.core.image.Image;
import org.emulsion.media.MaskFiles;
import org.emulsion.pipeline.RestorationJob;
import org.emulsion.pipeline.RestorationTarget;
import org.emulsion.pipeline.RunLayout;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * The source maps of a composite ({@link RestorationTarget#sources}): each written to
 * {@link RunLayout#sourceMap} as an 8-bit PNG whose code is the element (0 the scan, k reference
 * k, {@value RestorationTarget#INFERRED} inferred), and each element's share of every frame for
 * the frame headers and the report. Thread-safe: frames are written on the pipeline's writer thread
 * while the report reads the totals afterwards.
 */
final class SourceShares {
    /** The name of the inferred share, after the elements'. */
    static final String INFERRED = "inferred";
    private final List<String> elements = new ArrayList<>();
    private final Map<Integer, double[]> frames = new TreeMap<>();
    private final Map<Integer, String> names = new TreeMap<>();

    SourceShares(RestorationJob job) {
        elements.addAll(elements(job));
    }

    /** The names of the job's elements as the report and the legends give them: the scan first, then each reference. */
    static List<String> elements(RestorationJob job) {
        List<Path> locations = new ArrayList<>();
        locations.add(job.scanLocation());
        job.references().forEach(r -> locations.add(r.location()));
        List<String> names = new ArrayList<>();
        for (Path p : locations) {
            // prints are often folders of the same name ("scan", "frames"): then their parent tells them apart
            boolean alike = locations.stream().filter(o -> o.getFileName().equals(p.getFileName())).count() > 1;
            names.add(alike && p.getParent() != null && p.getParent().getFileName() != null
                    ? p.getParent().getFileName() + "/" + p.getFileName() : p.getFileName().toString());
        }
        return names;
    }

    /** Each element's share of {@code sources} (a source map's codes), then the inferred share: {@code elements + 1} fractions. */
    static double[] shares(int[] sources, int elements) {
        double[] shares = new double[elements + 1];
        for (int s : sources) {
            shares[s == RestorationTarget.INFERRED || s >= elements ? elements : s]++;
        }
        for (int k = 0; k < shares.length; k++) {
            shares[k] /= sources.length;
        }
        return shares;
    }

    /** Writes frame {@code frame}'s map and records its shares; returns them for the frame's header. */
    synchronized String write(RestorationJob job, int frame, String name, int width, int height, int[] sources) throws IOException {
        float[] codes = new float[sources.length];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = sources[i] / 255f;
        }
        Path file = job.layout().sourceMap(name);
        Files.createDirectories(file.getParent());
        MaskFiles.write(file, new Image(width, height, 1, codes));
        return record(frame, name, sources);
    }

    /** Records the shares of a map an earlier run wrote (a resumed render). */
    synchronized void read(RestorationJob job, int frame, String name) throws IOException {
        Path file = job.layout().sourceMap(name);
        if (!Files.isRegularFile(file)) {
            return;
        }
        float[] codes = MaskFiles.read(file).data();
        int[] sources = new int[codes.length];
        for (int i = 0; i < codes.length; i++) {
            sources[i] = Math.round(codes[i] * 255);
        }
        record(frame, name, sources);
    }

    private String record(int frame, String name, int[] sources) {
        double[] shares = shares(sources, elements.size());
        frames.put(frame, shares);
        names.put(frame, name);
        StringBuilder line = new StringBuilder();
        for (int k = 0; k < shares.length; k++) {
            line.append(k == 0 ? "" : ", ").append(label(k)).append(String.format(Locale.ROOT, " %.4f", shares[k]));
        }
        return line.toString();
    }

    private String label(int k) {
        return k < elements.size() ? elements.get(k) : INFERRED;
    }

    synchronized boolean isEmpty() {
        return frames.isEmpty();
    }

    /**
     * The report's {@code sources}: the legend of the maps' codes, each element's share of all
     * frames and of each frame, and the frames with inferred pixels.
     */
    synchronized JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("maps", RunLayout.SOURCES + "/<frame>.png (8-bit: the code of the element each pixel came from)");
        JsonObject legend = new JsonObject();
        for (int k = 0; k <= elements.size(); k++) {
            legend.addProperty(label(k), k < elements.size() ? k : RestorationTarget.INFERRED);
        }
        json.add("codes", legend);
        double[] total = new double[elements.size() + 1];
        JsonArray list = new JsonArray();
        int inferredFrames = 0;
        for (Map.Entry<Integer, double[]> e : frames.entrySet()) {
            JsonObject o = new JsonObject();
            o.addProperty("frame", names.get(e.getKey()));
            JsonObject percent = new JsonObject();
            for (int k = 0; k < total.length; k++) {
                total[k] += e.getValue()[k] / frames.size();
                percent.addProperty(label(k), 100 * e.getValue()[k]);
            }
            inferredFrames += e.getValue()[elements.size()] > 0 ? 1 : 0;
            o.add("percent", percent);
            list.add(o);
        }
        JsonObject all = new JsonObject();
        for (int k = 0; k < total.length; k++) {
            all.addProperty(label(k), 100 * total[k]);
        }
        json.add("percentOfAllFrames", all);
        json.addProperty("framesWithInferredPixels", inferredFrames);
        json.add("frames", list);
        return json;
    }
}
