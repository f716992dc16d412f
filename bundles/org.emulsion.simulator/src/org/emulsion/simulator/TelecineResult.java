package org.emulsion.simulator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.emulsion.simulator.internal.ReferenceSidecar;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * A simulated NTSC telecine as written: 720×480 interlaced video at 30000/1001 fps made with 3:2
 * pulldown (film frames alternately held for 2 and 3 fields, the film running at 24000/1001 fps).
 * Each video frame weaves two fields: its even rows (top field) and odd rows (bottom field) show
 * the truth frames {@link Fields#top()} and {@link Fields#bottom()}; where they differ the frame
 * is "mixed" and shows no single truth frame.
 *
 * @param location  the {@code .mkv} (FFV1, 10-bit 4:2:2, field order signalled)
 * @param sidecar   its JSON description
 * @param seed      the renderer's seed
 * @param parameters how it was made
 * @param frames    per video frame, the truth frame of each field and its cadence letters
 * @param fieldMap  per field in time order, the truth frame it shows
 * @param gains     per truth frame, the drifting grade's gain factors (R, G, B) applied on top of {@code parameters.grade()}
 * @param geometry  video pixel to truth pixel mapping
 * @param truth     the truth's parameters
 */
public record TelecineResult(Path location, Path sidecar, long seed, TelecineParameters parameters, List<Fields> frames,
        List<Integer> fieldMap, List<double[]> gains, ReferenceGeometry geometry, JsonObject truth) implements ReferenceResult {

    /** NTSC frame rate, 30000/1001. */
    public static final double FPS = 30000.0 / 1001;
    /** Film speed on an NTSC transfer, 24000/1001. */
    public static final double FILM_FPS = 24000.0 / 1001;

    /** One video frame's fields: the truth frame in the top (even) and bottom (odd) rows, and their pulldown letters. */
    public record Fields(int top, int bottom, String cadence) {
        public boolean mixed() { return top != bottom; }
    }

    public TelecineResult {
        frames = List.copyOf(frames);
        fieldMap = List.copyOf(fieldMap);
        gains = List.copyOf(gains);
    }

    @Override
    public String kind() { return "telecine"; }

    @Override
    public double fps() { return FPS; }

    @Override
    public ReferenceGeometry geometry(int frame) { return geometry; }

    /** Per video frame, its truth frame when both fields show the same one, else {@link ReferenceResult#NONE}. */
    @Override
    public List<Integer> frameMap() {
        List<Integer> map = new ArrayList<>();
        for (Fields f : frames) {
            map.add(f.mixed() ? NONE : f.top());
        }
        return map;
    }

    /** Indices of the video frames whose fields come from two truth frames. */
    public List<Integer> mixedFrames() {
        List<Integer> mixed = new ArrayList<>();
        for (int k = 0; k < frames.size(); k++) {
            if (frames.get(k).mixed()) {
                mixed.add(k);
            }
        }
        return mixed;
    }

    /** The cadence as written, e.g. {@code "AA BB BC CD DD"} (first field's letter first). */
    public String cadence() {
        return String.join(" ", frames.stream().map(Fields::cadence).toList());
    }

    @Override
    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("kind", kind());
        json.addProperty("file", location.getFileName().toString());
        json.addProperty("container", "Matroska");
        json.addProperty("codec", "ffv1");
        json.addProperty("pixelFormat", "yuv422p10le");
        json.addProperty("seed", seed);
        json.add("parameters", parameters.toJson());
        json.addProperty("fps", FPS);
        json.addProperty("fpsRational", "30000/1001");
        json.addProperty("filmFps", FILM_FPS);
        json.addProperty("pulldown", "3:2");
        json.addProperty("fieldOrder", parameters.topFieldFirst() ? "top field first" : "bottom field first");
        json.addProperty("fields", "top field = even rows (0, 2, ...), bottom field = odd rows; field j is shown at j/(2*fps) s");
        json.addProperty("frames", frames.size());
        json.addProperty("cadence", cadence());
        JsonArray list = new JsonArray();
        for (Fields f : frames) {
            JsonObject o = new JsonObject();
            o.addProperty("top", f.top());
            o.addProperty("bottom", f.bottom());
            o.addProperty("cadence", f.cadence());
            list.add(o);
        }
        json.add("fieldsPerFrame", list);
        json.add("fieldMap", ReferenceSidecar.ints(fieldMap));
        json.add("frameMap", ReferenceSidecar.ints(frameMap()));
        JsonArray drift = new JsonArray();
        for (double[] g : gains) {
            JsonArray a = new JsonArray();
            for (double v : g) {
                a.add(v);
            }
            drift.add(a);
        }
        json.add("gainDrift", drift);
        json.add("geometry", geometry.toJson());
        json.add("truth", truth);
        return json;
    }
}
