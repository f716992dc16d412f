package org.emulsion.simulator;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.google.gson.Gson;
import com.google.gson.JsonObject;

/**
 * Everything that decides how a faded, damaged print looks when scanned: a seed, which
 * degradations are on, and each one's parameters. Same parameters, same frames. Sizes of damage
 * are fractions of the frame height (they belong to the film frame); grain and weave are in pixels
 * of the rendered frame (they are what the scanner samples).
 */
public record ScanParameters(long seed, Set<Degradation> enabled, Fade fade, Grain grain, Weave weave, Flicker flicker,
        Dust dust, Scratches scratches, Vinegar vinegar, Nitrate nitrate, Missing missing) {

    public enum Degradation { FADE, GRAIN, WEAVE, FLICKER, DUST, SCRATCHES, VINEGAR, NITRATE, MISSING }

    /**
     * Chromogenic dye fading in density space. {@code *Kept}: fraction of each dye's density left
     * (cyan absorbs red, magenta green, yellow blue; cyan and yellow fade faster).
     * {@code unevenness}: relative spatial variation of the kept fraction (smooth field);
     * {@code reelDrift}: relative change of the kept fractions from reel to reel;
     * {@code fog}: neutral base density added; {@code stain}: peak density of a yellow-brown blotch.
     */
    public record Fade(double cyanKept, double magentaKept, double yellowKept, double unevenness, double reelDrift,
            double fog, double stain) {
        public Fade {
            check(cyanKept >= 0 && cyanKept <= 1 && magentaKept >= 0 && magentaKept <= 1 && yellowKept >= 0 && yellowKept <= 1
                    && unevenness >= 0 && reelDrift >= 0 && fog >= 0 && stain >= 0, "fade: kept fractions in [0, 1], the rest >= 0");
        }
    }

    /** Film grain: density standard deviation at density 1 (it grows as √density), and blur sigma in pixels (clump size). */
    public record Grain(double rms, double size) {
        public Grain {
            check(rms >= 0 && size >= 0, "grain: rms and size >= 0");
        }
    }

    /** Gate weave: translation scale in pixels (per axis) and largest rotation in degrees, per frame. */
    public record Weave(double amplitude, double rotation) {
        public Weave {
            check(amplitude >= 0 && rotation >= 0, "weave: amplitude and rotation >= 0");
        }
    }

    /** Flicker: largest relative exposure change per frame. */
    public record Flicker(double amplitude) {
        public Flicker {
            check(amplitude >= 0 && amplitude < 1, "flicker: amplitude in [0, 1)");
        }
    }

    /** Dust and dirt: mean specks per frame, share of bright ones, largest radius (fraction of height). */
    public record Dust(double perFrame, double brightFraction, double maxSize) {
        public Dust {
            check(perFrame >= 0 && brightFraction >= 0 && brightFraction <= 1 && maxSize > 0, "dust: perFrame >= 0, brightFraction in [0, 1], maxSize > 0");
        }
    }

    /**
     * Scratches: new scratches per frame, lifetime in frames, width (fraction of height) and
     * sideways wander per frame (fraction of height).
     */
    public record Scratches(double rate, int minFrames, int maxFrames, double width, double wander) {
        public Scratches {
            check(rate >= 0 && minFrames >= 1 && maxFrames >= minFrames && width > 0 && wander >= 0, "scratches: rate >= 0, 1 <= minFrames <= maxFrames, width > 0, wander >= 0");
        }
    }

    /**
     * Vinegar syndrome: new blotches per frame, lifetime, radius (fraction of height), colour shift
     * strength 0..1, and what share of the blotches are {@code flaking} (the emulsion let go: the
     * picture is gone) and {@code channeling} (a network of raised channel lines, the picture intact
     * between them); the rest are lifted, softened, milky patches.
     */
    public record Vinegar(double rate, int minFrames, int maxFrames, double size, double colourShift, double flaking,
            double channeling) {
        public Vinegar {
            check(rate >= 0 && minFrames >= 1 && maxFrames >= minFrames && size > 0 && colourShift >= 0 && colourShift <= 1
                    && flaking >= 0 && channeling >= 0 && flaking + channeling <= 1,
                    "vinegar: rate >= 0, 1 <= minFrames <= maxFrames, size > 0, colourShift in [0, 1], flaking, channeling >= 0 with a sum <= 1");
        }

        /** Only lifted, softened patches. */
        public Vinegar(double rate, int minFrames, int maxFrames, double size, double colourShift) {
            this(rate, minFrames, maxFrames, size, colourShift, 0, 0);
        }
    }

    /** Nitrate decay: new decay areas per frame, lifetime (over which they grow), largest radius (fraction of height). */
    public record Nitrate(double rate, int minFrames, int maxFrames, double size) {
        public Nitrate {
            check(rate >= 0 && minFrames >= 1 && maxFrames >= minFrames && size > 0, "nitrate: rate >= 0, 1 <= minFrames <= maxFrames, size > 0");
        }
    }

    /** Missing frames: probability that a frame is lost. */
    public record Missing(double rate) {
        public Missing {
            check(rate >= 0 && rate <= 1, "missing: rate in [0, 1]");
        }
    }

    private static final Gson GSON = new Gson();

    public ScanParameters {
        Objects.requireNonNull(enabled, "enabled");
        EnumSet<Degradation> set = EnumSet.noneOf(Degradation.class);
        set.addAll(enabled);
        enabled = Collections.unmodifiableSet(set); // enum order, so that JSON and equals are stable
        Objects.requireNonNull(fade, "fade");
        Objects.requireNonNull(grain, "grain");
        Objects.requireNonNull(weave, "weave");
        Objects.requireNonNull(flicker, "flicker");
        Objects.requireNonNull(dust, "dust");
        Objects.requireNonNull(scratches, "scratches");
        Objects.requireNonNull(vinegar, "vinegar");
        Objects.requireNonNull(nitrate, "nitrate");
        Objects.requireNonNull(missing, "missing");
    }

    /** A plausible 1970s Eastmancolor release print, every degradation on, seed 1. */
    public static ScanParameters defaults() {
        return new ScanParameters(1L, EnumSet.allOf(Degradation.class),
                new Fade(0.55, 0.85, 0.65, 0.12, 0.06, 0.06, 0.25),
                new Grain(0.04, 0.7),
                new Weave(0.35, 0.02),
                new Flicker(0.03),
                new Dust(8, 0.35, 0.006),
                new Scratches(0.04, 8, 72, 0.002, 0.0006),
                new Vinegar(0.004, 48, 240, 0.12, 0.6),
                new Nitrate(0.002, 72, 360, 0.18),
                new Missing(0.003));
    }

    public boolean on(Degradation d) {
        return enabled.contains(d);
    }

    /** The same parameters with only {@code degradations} on. */
    public ScanParameters only(Degradation... degradations) {
        EnumSet<Degradation> set = EnumSet.noneOf(Degradation.class);
        set.addAll(List.of(degradations));
        return withEnabled(set);
    }

    /** The same parameters with {@code d} switched on or off. */
    public ScanParameters with(Degradation d, boolean on) {
        EnumSet<Degradation> set = EnumSet.noneOf(Degradation.class);
        set.addAll(enabled);
        if (on) {
            set.add(d);
        } else {
            set.remove(d);
        }
        return withEnabled(set);
    }

    public ScanParameters withSeed(long s) { return new ScanParameters(s, enabled, fade, grain, weave, flicker, dust, scratches, vinegar, nitrate, missing); }
    public ScanParameters withEnabled(Set<Degradation> e) { return new ScanParameters(seed, e, fade, grain, weave, flicker, dust, scratches, vinegar, nitrate, missing); }
    public ScanParameters withFade(Fade f) { return new ScanParameters(seed, enabled, f, grain, weave, flicker, dust, scratches, vinegar, nitrate, missing); }
    public ScanParameters withGrain(Grain g) { return new ScanParameters(seed, enabled, fade, g, weave, flicker, dust, scratches, vinegar, nitrate, missing); }
    public ScanParameters withWeave(Weave w) { return new ScanParameters(seed, enabled, fade, grain, w, flicker, dust, scratches, vinegar, nitrate, missing); }
    public ScanParameters withFlicker(Flicker f) { return new ScanParameters(seed, enabled, fade, grain, weave, f, dust, scratches, vinegar, nitrate, missing); }
    public ScanParameters withDust(Dust d) { return new ScanParameters(seed, enabled, fade, grain, weave, flicker, d, scratches, vinegar, nitrate, missing); }
    public ScanParameters withScratches(Scratches s) { return new ScanParameters(seed, enabled, fade, grain, weave, flicker, dust, s, vinegar, nitrate, missing); }
    public ScanParameters withVinegar(Vinegar v) { return new ScanParameters(seed, enabled, fade, grain, weave, flicker, dust, scratches, v, nitrate, missing); }
    public ScanParameters withNitrate(Nitrate n) { return new ScanParameters(seed, enabled, fade, grain, weave, flicker, dust, scratches, vinegar, n, missing); }
    public ScanParameters withMissing(Missing m) { return new ScanParameters(seed, enabled, fade, grain, weave, flicker, dust, scratches, vinegar, nitrate, m); }

    /** Every parameter, for a case's metadata; {@link #fromJson} reads it back. */
    public JsonObject toJson() {
        return GSON.toJsonTree(this).getAsJsonObject();
    }

    public static ScanParameters fromJson(JsonObject json) {
        return GSON.fromJson(json, ScanParameters.class);
    }

    private static void check(boolean ok, String rule) {
        if (!ok) {
            throw new IllegalArgumentException("bad scan parameters, " + rule);
        }
    }
}
