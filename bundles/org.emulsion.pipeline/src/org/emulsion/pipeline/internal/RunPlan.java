package org.emulsion.pipeline.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.emulsion.core.JsonFiles;
import org.emulsion.pipeline.RunLayout;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The units of work of a prepared run, in {@value RunLayout#PLAN}: the models to train (each a
 * {@code train} unit) and the frame ranges to render (each a {@code render} unit), for a cluster
 * to run on any machines that see the output folder. The one owner of that file's format.
 *
 * @param frames     the scan's frame count
 * @param unitFrames the frames of a render unit (the last may be shorter)
 * @param models     the models to train, in the order a single-machine run trains them
 * @param ranges     consecutive frame ranges covering every frame once
 */
public record RunPlan(int frames, int unitFrames, List<ModelPlan.Model> models, List<FrameRange> ranges) {

    /** The plan of {@code models} with the frames cut into ranges of {@code unitFrames}. */
    public static RunPlan of(ModelPlan models, int frames, int unitFrames) {
        if (unitFrames < 1) {
            throw new IllegalArgumentException("a render unit needs at least one frame, not " + unitFrames);
        }
        List<FrameRange> ranges = new ArrayList<>();
        for (int first = 0; first < frames; first += unitFrames) {
            ranges.add(new FrameRange(first, Math.min(frames, first + unitFrames) - 1));
        }
        return new RunPlan(frames, unitFrames, List.copyOf(models.models()), List.copyOf(ranges));
    }

    public void write(Path file) throws IOException {
        JsonObject json = new JsonObject();
        json.addProperty("frames", frames);
        json.addProperty("unitFrames", unitFrames);
        JsonArray train = new JsonArray();
        for (ModelPlan.Model m : models) {
            JsonObject o = new JsonObject();
            o.addProperty("id", m.id());
            o.addProperty("covers", m.covers());
            o.addProperty("pairs", m.pairFrames().size());
            train.add(o);
        }
        json.add("train", train);
        JsonArray render = new JsonArray();
        for (FrameRange r : ranges) {
            render.add(r.first() + "-" + r.last());
        }
        json.add("render", render);
        JsonFiles.write(file, json);
    }

    /** The frame ranges of a written plan, as {@code A-B} (what {@code render --frames} takes). */
    public static List<String> renderUnits(Path file) throws IOException {
        List<String> units = new ArrayList<>();
        for (JsonElement e : JsonFiles.read(file).getAsJsonArray("render")) {
            units.add(e.getAsString());
        }
        return units;
    }

    /**
     * {@code A-B} (first and last frame, inclusive) as a range of a {@code frames}-frame scan.
     *
     * @throws IllegalArgumentException saying what is wrong with {@code text}
     */
    public static FrameRange parseRange(String text, int frames) {
        String[] parts = text.split("-");
        try {
            FrameRange r = new FrameRange(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[parts.length - 1].trim()));
            if (parts.length > 2 || r.last() >= frames) {
                throw new IllegalArgumentException();
            }
            return r;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--frames takes FIRST-LAST, frame indices from 0 to " + (frames - 1)
                    + " with FIRST <= LAST, not '" + text + "'");
        }
    }
}
