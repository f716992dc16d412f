package org.emulsion.workflow.artwork.ui.internal;

import org.emulsion.ui.internal.Labels;

/** Texts from this bundle's {@code plugin.properties}, for the current locale. */
final class Texts {
    private static final Labels TEXTS = Labels.of(Texts.class);

    private Texts() {
    }

    /** The text for {@code key} with {@code {0}, {1}...} replaced by {@code args}. */
    static String get(String key, Object... args) {
        return TEXTS.text(key, args);
    }
}
