package org.emulsion.simulator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.emulsion.media.MaskFiles;
import org.emulsion.simulator.internal.ReferenceSidecar;

import com.google.gson.JsonArray;
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
 * @param geometry   print pixel to truth pixel mapping, before the print's own weave in the gate
 * @param splices    the runs of truth frames lost at splices
 * @param masks      the folder of the print's damage masks (a PNG per frame, named like it), or null
 *                   when the print has no dirt or damage
 * @param frameLog   per print frame, what its ageing did (weave, flicker gain, as {@link ScanSimulator#frameLog})
 * @param truth      the truth's parameters
 */
public record PrintResult(Path location, Path sidecar, long seed, PrintParameters parameters, List<Path> files,
        List<Integer> frameMap, ReferenceGeometry geometry, List<Cut> splices, Path masks, JsonArray frameLog, JsonObject truth)
        implements ReferenceResult {

    public PrintResult {
        files = List.copyOf(files);
        frameMap = List.copyOf(frameMap);
        splices = List.copyOf(splices);
    }

    @Override
    public String kind() { return "print"; }

    @Override
    public double fps() { return Truth.FPS; }

    @Override
    public ReferenceGeometry geometry(int frame) { return geometry; }

    /** The damage mask of print frame {@code k}, if the print has masks. */
    public Optional<Path> mask(int k) {
        return masks == null ? Optional.empty()
                : Optional.of(masks.resolve(MaskFiles.fileName(files.get(k).getFileName().toString())));
    }

    /** The print frame showing truth frame {@code truthFrame}, or {@link ReferenceResult#NONE} when the print lacks it. */
    public int printFrameOf(int truthFrame) {
        return frameMap.indexOf(truthFrame);
    }

    /** The truth frames among the first {@code truthFrames} that the print lacks (lost at splices or breaks). */
    public List<Integer> lacking(int truthFrames) {
        List<Integer> out = new ArrayList<>();
        for (int t = 0; t < truthFrames; t++) {
            if (!frameMap.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }

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
        json.add("splices", Cut.toJson(splices));
        json.add("lacking", ReferenceSidecar.ints(lacking(truth.get("frames").getAsInt())));
        if (masks != null) {
            json.addProperty("masks", masks.getFileName().toString());
            json.addProperty("maskFormat", "8-bit grey PNG per frame, named like it: 0 = intact, 255 = dirt or damage");
        }
        json.add("geometry", geometry.toJson());
        json.add("frames", frameLog);
        json.add("truth", truth);
        return json;
    }
}
