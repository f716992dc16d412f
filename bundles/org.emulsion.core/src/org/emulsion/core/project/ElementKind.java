package org.emulsion.core.project;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a film element is: the surviving copies and evidence a restoration draws on. */
public enum ElementKind {
    PRINT("Print"),
    NEGATIVE("Negative"),
    INTERNEGATIVE("Internegative"),
    DVD("DVD"),
    TELECINE("Telecine"),
    ARTWORK("Artwork");

    private final String label;

    ElementKind(String label) {
        this.label = label;
    }

    /** The name written in the project file: lower case, stable across versions. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String label() {
        return label;
    }

    /** The kind written as {@code id}, or null when no kind has that id. */
    public static ElementKind fromId(String id) {
        for (ElementKind kind : values()) {
            if (kind.id().equals(id)) {
                return kind;
            }
        }
        return null;
    }

    /** All ids, comma-separated, for messages that list the choices. */
    public static String ids() {
        return Arrays.stream(values()).map(ElementKind::id).collect(Collectors.joining(", "));
    }
}
