package org.emulsion.simulator;

import java.nio.file.Path;
import java.util.List;

import org.emulsion.simulator.internal.ReferenceSidecar;

import com.google.gson.JsonObject;

/**
 * A simulated PAL DVD as written: an MPEG-2 program stream ({@code .vob}) at 25 fps whose frame
 * {@code k} shows truth frame {@code frameMap().get(k)} — one film frame per video frame, so the
 * 24 fps film runs 25/24 = 4.17 % fast — after {@code leadInFrames} logo/black frames and with the
 * censor cuts missing.
 *
 * @param location     the {@code .vob} file
 * @param sidecar      its JSON description
 * @param seed         the renderer's seed
 * @param parameters   how it was authored
 * @param leadInFrames logo + black frames before the film
 * @param cuts         the censor cuts: truth frames missing from the disc, in film order
 * @param frameMap     per disc frame, the truth frame it shows or {@link ReferenceResult#NONE}
 * @param geometry     disc pixel to truth pixel mapping (same for every frame)
 * @param truth        the truth's parameters
 */
public record DvdResult(Path location, Path sidecar, long seed, DvdParameters parameters, int leadInFrames, List<Cut> cuts,
        List<Integer> frameMap, ReferenceGeometry geometry, JsonObject truth) implements ReferenceResult {

    /** PAL frame rate. */
    public static final double FPS = 25.0;

    public DvdResult {
        cuts = List.copyOf(cuts);
        frameMap = List.copyOf(frameMap);
    }

    @Override
    public String kind() { return "dvd"; }

    @Override
    public double fps() { return FPS; }

    @Override
    public ReferenceGeometry geometry(int frame) { return geometry; }

    /** The disc frame that shows truth frame {@code truthFrame}, or {@link ReferenceResult#NONE} if it was cut. */
    public int discFrameOf(int truthFrame) {
        return frameMap.indexOf(truthFrame);
    }

    /** Playback speed relative to the film: 25/24. */
    public double speed() { return FPS / Truth.FPS; }

    @Override
    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("kind", kind());
        json.addProperty("file", location.getFileName().toString());
        json.addProperty("container", "MPEG-2 program stream (DVD VOB)");
        json.addProperty("codec", "mpeg2video");
        json.addProperty("pixelFormat", "yuv420p");
        json.addProperty("seed", seed);
        json.add("parameters", parameters.toJson());
        json.addProperty("fps", FPS);
        json.addProperty("filmFps", Truth.FPS);
        json.addProperty("speed", speed());
        json.addProperty("timing", "disc frame k is shown at k/25 s and shows truth frame frameMap[k] (truth time frameMap[k]/24 s)");
        json.addProperty("frames", frameMap.size());
        json.addProperty("leadInFrames", leadInFrames);
        json.add("cuts", Cut.toJson(cuts));
        json.add("frameMap", ReferenceSidecar.ints(frameMap));
        json.add("geometry", geometry.toJson());
        json.add("truth", truth);
        return json;
    }
}
