package org.emulsion.engine.tests;

import org.emulsion.engine.extensions.ArchitecturePreset;

/** Network sizes for tests: narrower than the declared presets, so that training runs take seconds. */
final class Presets {
    private Presets() {
    }

    /** {@code baseWidth} features, two down-samplings (the depth of the small presets). */
    static ArchitecturePreset width(int baseWidth) {
        return new ArchitecturePreset("test-" + baseWidth, "test, width " + baseWidth, baseWidth, 2);
    }
}
