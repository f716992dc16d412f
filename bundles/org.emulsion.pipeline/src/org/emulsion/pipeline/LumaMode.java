package org.emulsion.pipeline;

import java.util.Locale;

/**
 * What a chroma restore does with the scan's luma ({@code --luma}). {@link #KEEP}, the archival
 * rule and the default: every output pixel keeps the scan's luma exactly. {@link #TONE}, at the
 * restorer's request: each shot's levels are matched to the registered reference (its black and
 * white points mapped linearly onto the reference's), so the lifted blacks and lost contrast of a
 * faded print come back while its grain, weave and flicker stay; the report and the provenance
 * say so.
 */
public enum LumaMode {
    KEEP, TONE;

    /** The lower-case name used on the command line and in reports. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code keep|tone} (any case).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static LumaMode parse(String value) {
        for (LumaMode m : values()) {
            if (m.id().equalsIgnoreCase(value.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("--luma " + value + " is not offered; use keep (the scan's luma, unchanged) or tone");
    }
}
