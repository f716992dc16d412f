package org.emulsion.simulator;

import java.nio.file.Path;
import java.util.List;

import com.google.gson.JsonObject;

/**
 * What a reference renderer wrote and the ground truth an alignment is scored against: which truth
 * frame every reference frame shows and how reference pixels map to truth pixels.
 */
public interface ReferenceResult {

    /** Marks a reference frame that shows no truth frame (lead-in, logo, black, mixed fields). */
    int NONE = -1;

    /** {@code "dvd"}, {@code "telecine"}, {@code "print"} or {@code "artwork"}. */
    String kind();

    /** The element on disk: a video file, or the folder of an image sequence / stills. */
    Path location();

    /** The sidecar JSON written next to the element ({@link #toJson()}). */
    Path sidecar();

    /** Frame rate of the element (0 for stills). */
    double fps();

    /** For every reference frame in order, the truth frame it shows, or {@link #NONE}. */
    List<Integer> frameMap();

    /** How pixels of reference frame {@code frame} map to truth pixels. */
    ReferenceGeometry geometry(int frame);

    /** The full description: parameters, seed, timing, geometry, mapping. */
    JsonObject toJson();
}
