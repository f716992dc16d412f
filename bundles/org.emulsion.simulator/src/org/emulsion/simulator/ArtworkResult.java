package org.emulsion.simulator;

import java.nio.file.Path;
import java.util.List;

import org.emulsion.simulator.internal.ReferenceSidecar;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * Simulated artwork as written: a folder of PNG stills, each a stylised depiction of one truth
 * frame. The geometry of a still maps its pixels to the depicted frame's pixels (the framing the
 * artist chose; the stylisation moves edges and flattens detail, so this is where things are, not
 * what each pixel holds).
 *
 * @param location   the folder of stills
 * @param sidecar    its JSON description
 * @param seed       the renderer's seed
 * @param parameters how they were made
 * @param stills     the stills in order
 * @param truth      the truth's parameters
 */
public record ArtworkResult(Path location, Path sidecar, long seed, ArtworkParameters parameters, List<Still> stills,
        JsonObject truth) implements ReferenceResult {

    /** One still: its file, the truth frame and shot it depicts, its style and its framing. */
    public record Still(Path file, int truthFrame, int shot, String style, ReferenceGeometry geometry) {
    }

    public ArtworkResult {
        stills = List.copyOf(stills);
    }

    @Override
    public String kind() { return "artwork"; }

    @Override
    public double fps() { return 0; }

    @Override
    public List<Integer> frameMap() {
        return stills.stream().map(Still::truthFrame).toList();
    }

    @Override
    public ReferenceGeometry geometry(int frame) { return stills.get(frame).geometry(); }

    @Override
    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("kind", kind());
        json.addProperty("folder", location.getFileName().toString());
        json.addProperty("format", "8-bit PNG stills");
        json.addProperty("seed", seed);
        json.add("parameters", parameters.toJson());
        json.addProperty("assumptions", "stylised depictions: colours are shifted (hue, saturation, varnish) and detail is "
                + "flattened; use as colour evidence per region, not per pixel");
        JsonArray list = new JsonArray();
        for (Still s : stills) {
            JsonObject o = new JsonObject();
            o.addProperty("file", s.file().getFileName().toString());
            o.addProperty("truthFrame", s.truthFrame());
            o.addProperty("shot", s.shot());
            o.addProperty("style", s.style());
            o.add("geometry", s.geometry().toJson());
            list.add(o);
        }
        json.add("stills", list);
        json.add("frameMap", ReferenceSidecar.ints(frameMap()));
        json.add("truth", truth);
        return json;
    }
}
