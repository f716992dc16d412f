package org.emulsion.pipeline.internal;

import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * The scan cut into shots (by {@link ShotDetector}) and the shots grouped into scenes, with the
 * per-frame colour statistics that pair curation picks its extremes from.
 *
 * @param shots  consecutive, covering every scan frame
 * @param scenes consecutive runs of whole shots, covering every scan frame
 * @param frames per scan frame: its change from the previous frame and its luma and colourfulness
 */
public record ShotList(List<FrameRange> shots, List<FrameRange> scenes, List<FrameStats> frames) {

    /**
     * One scan frame's statistics on its thumbnail.
     *
     * @param change    how much it differs from the previous frame (0 for the first frame)
     * @param luma      mean luma in [0, 1]
     * @param chroma    mean distance of Cb, Cr from neutral: how colourful it is
     * @param red       mean r / (r + g + b): with {@code green}, the frame's colour balance (its light, its grade)
     * @param green     mean g / (r + g + b)
     */
    public record FrameStats(double change, double luma, double chroma, double red, double green) {
    }

    public ShotList {
        shots = List.copyOf(shots);
        scenes = List.copyOf(scenes);
        frames = List.copyOf(frames);
    }

    /** Index of the shot holding {@code frame}. */
    public int shotOf(int frame) {
        return indexOf(shots, frame);
    }

    /** The frame before {@code frame} in its shot, or -1 at the shot's start. */
    public int previousInShot(int frame) {
        return frame > 0 && shots.get(shotOf(frame)).contains(frame - 1) ? frame - 1 : -1;
    }

    /** The frame after {@code frame} in its shot, or -1 at the shot's end. */
    public int nextInShot(int frame) {
        return shots.get(shotOf(frame)).contains(frame + 1) ? frame + 1 : -1;
    }

    /** Index of the scene holding {@code frame}. */
    public int sceneOf(int frame) {
        return indexOf(scenes, frame);
    }

    private static int indexOf(List<FrameRange> ranges, int frame) {
        for (int i = 0; i < ranges.size(); i++) {
            if (ranges.get(i).contains(frame)) {
                return i;
            }
        }
        throw new IndexOutOfBoundsException("frame " + frame + " is in no range of " + ranges);
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.add("shots", ranges(shots));
        json.add("scenes", ranges(scenes));
        JsonArray stats = new JsonArray();
        for (FrameStats s : frames) {
            JsonArray row = new JsonArray();
            row.add(s.change());
            row.add(s.luma());
            row.add(s.chroma());
            row.add(s.red());
            row.add(s.green());
            stats.add(row);
        }
        json.add("frameStats", stats);
        return json;
    }

    public static ShotList fromJson(JsonObject json) {
        List<FrameStats> stats = new ArrayList<>();
        json.getAsJsonArray("frameStats").forEach(e -> {
            JsonArray row = e.getAsJsonArray();
            stats.add(new FrameStats(row.get(0).getAsDouble(), row.get(1).getAsDouble(), row.get(2).getAsDouble(),
                    row.get(3).getAsDouble(), row.get(4).getAsDouble()));
        });
        return new ShotList(ranges(json.getAsJsonArray("shots")), ranges(json.getAsJsonArray("scenes")), stats);
    }

    /** [[first, last], ...] */
    static JsonArray ranges(List<FrameRange> ranges) {
        JsonArray list = new JsonArray();
        for (FrameRange r : ranges) {
            JsonArray pair = new JsonArray();
            pair.add(r.first());
            pair.add(r.last());
            list.add(pair);
        }
        return list;
    }

    private static List<FrameRange> ranges(JsonArray json) {
        List<FrameRange> list = new ArrayList<>();
        json.forEach(e -> list.add(new FrameRange(e.getAsJsonArray().get(0).getAsInt(), e.getAsJsonArray().get(1).getAsInt())));
        return list;
    }
}
