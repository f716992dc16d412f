package org.emulsion.simulator;

import java.nio.file.Path;
import java.util.List;

import org.emulsion.simulator.internal.ReferenceSidecar;

import com.google.gson.JsonObject;

/**
 * A simulated print of another gauge as written: an image sequence, frame {@code k} (file
 * {@code files().get(k)}) showing truth frame {@code frameMap().get(k)} at 24 fps.
 *
 * @param location   the folder of frames
 * @param sidecar    its JSON description
 * @param seed       the renderer's seed
 * @param parameters how it was made
 * @param files      the frames in order
 * @param frameMap   per print frame, the truth frame it shows
 * @param geometry   print pixel to truth pixel mapping
 * @param truth      the truth's parameters
 */
public record PrintResult(Path location, Path sidecar, long seed, PrintParameters parameters, List<Path> files,
        List<Integer> frameMap, ReferenceGeometry geometry, JsonObject truth) implements ReferenceResult {

    public PrintResult {
        files = List.copyOf(files);
        frameMap = List.copyOf(frameMap);
    }

    @Override
    public String kind() { return "print"; }

    @Override
    public double fps() { return Truth.FPS; }

    @Override
    public ReferenceGeometry geometry(int frame) { return geometry; }

    @Override
    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("kind", kind());
        json.addProperty("folder", location.getFileName().toString());
        json.addProperty("format", parameters.bitDepth() + "-bit " + parameters.extension().toUpperCase(java.util.Locale.ROOT)
                + " RGB sequence");
        json.addProperty("seed", seed);
        json.add("parameters", parameters.toJson());
        json.addProperty("fps", fps());
        json.add("files", ReferenceSidecar.strings(files.stream().map(p -> p.getFileName().toString()).toList()));
        json.add("frameMap", ReferenceSidecar.ints(frameMap));
        json.add("geometry", geometry.toJson());
        json.add("truth", truth);
        return json;
    }
}
