package org.emulsion.pipeline;

import java.util.Locale;

/**
 * How many models a film gets: one for the whole sequence, one per scene or one per shot; or
 * {@link #AUTO}, chosen from the evidence by {@link ModelPlan}.
 */
public enum Granularity {
    SEQUENCE, SCENE, SHOT, AUTO;

    /** The lower-case name used on the command line and in reports. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code auto|sequence|scene|shot} (any case).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Granularity parse(String value) {
        for (Granularity g : values()) {
            if (g.id().equalsIgnoreCase(value.trim())) {
                return g;
            }
        }
        throw new IllegalArgumentException("granularity '" + value + "' is not one of auto, sequence, scene, shot");
    }
}
