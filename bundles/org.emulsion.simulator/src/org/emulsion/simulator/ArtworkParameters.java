package org.emulsion.simulator;

import java.util.List;

import org.emulsion.simulator.internal.ReferenceSidecar;

import com.google.gson.JsonObject;

/**
 * How simulated artwork (posters, lobby cards, paintings after the film) depicts the film.
 *
 * @param stillsPerShot  stills made of each depicted shot
 * @param excludedShots  shots no still depicts (e.g. those another reference already covers)
 * @param scale          still height relative to the truth frame height
 * @param pictureAspect  aspect ratio of the stills (the artist's canvas)
 * @param maxZoom        stills frame a window up to this much tighter than the full frame (seeded per still)
 * @param styles         rendering styles, used in turn: {@code "paint"} (edge-preserving stylisation),
 *                       {@code "posterise"} (bilateral smoothing, few levels), {@code "meanshift"} (flat colour regions),
 *                       {@code "photograph"} (a production still: sharp, own exposure, vignetting, grain)
 * @param hueShift       palette shift, degrees of hue
 * @param saturation     saturation factor of the palette
 * @param varnish        yellowing of the varnish / paper, 0 none
 */
public record ArtworkParameters(int stillsPerShot, List<Integer> excludedShots, double scale, double pictureAspect, double maxZoom,
        List<String> styles, double hueShift, double saturation, double varnish) {

    /** The styles a still can be rendered in. */
    public static final List<String> STYLES = List.of("paint", "posterise", "meanshift", "photograph");
    /** The painted styles. */
    public static final List<String> PAINTINGS = List.of("paint", "posterise", "meanshift");

    public ArtworkParameters {
        excludedShots = List.copyOf(excludedShots);
        styles = List.copyOf(styles);
        if (stillsPerShot < 1 || scale <= 0 || scale > 2 || pictureAspect <= 0 || maxZoom < 1 || styles.isEmpty()
                || !STYLES.containsAll(styles) || saturation < 0 || varnish < 0 || varnish > 1) {
            throw new IllegalArgumentException("bad artwork parameters (styles: " + STYLES + ")");
        }
    }

    /** One still per shot, 0.75× height, 4:3 canvas, up to 1.3× tighter, the three painted styles in turn, warm shifted palette. */
    public static ArtworkParameters defaults() {
        return new ArtworkParameters(1, List.of(), 0.75, 4.0 / 3, 1.3, PAINTINGS, 12, 1.2, 0.12);
    }

    /** These parameters with {@code count} stills of each shot in the given styles. */
    public ArtworkParameters withStills(int count, List<String> s) {
        return new ArtworkParameters(count, excludedShots, scale, pictureAspect, maxZoom, s, hueShift, saturation, varnish);
    }

    /** These parameters with other excluded shots. */
    public ArtworkParameters withExcludedShots(List<Integer> shots) {
        return new ArtworkParameters(stillsPerShot, shots, scale, pictureAspect, maxZoom, styles, hueShift, saturation, varnish);
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("stillsPerShot", stillsPerShot);
        json.add("excludedShots", ReferenceSidecar.ints(excludedShots));
        json.addProperty("scale", scale);
        json.addProperty("pictureAspect", pictureAspect);
        json.addProperty("maxZoom", maxZoom);
        json.add("styles", ReferenceSidecar.strings(styles));
        json.addProperty("hueShift", hueShift);
        json.addProperty("saturation", saturation);
        json.addProperty("varnish", varnish);
        return json;
    }
}
