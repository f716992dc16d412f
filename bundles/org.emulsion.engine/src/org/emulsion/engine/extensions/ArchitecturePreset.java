package org.emulsion.engine.extensions;

/**
 * A named size of a {@link ModelArchitecture}, declared as a {@code preset} child of the
 * {@code architecture} element in {@code plugin.xml} (e.g. small, medium, large).
 *
 * @param name      id the command line and workflows use, e.g. {@code small}
 * @param label     label shown to restorers (translated)
 * @param baseWidth feature channels of the first stage; later stages double it
 * @param depth     number of 2× down-samplings between the first stage and the bottleneck
 */
public record ArchitecturePreset(String name, String label, int baseWidth, int depth) {

    public ArchitecturePreset {
        if (baseWidth < 1 || depth < 0) {
            throw new IllegalArgumentException("preset " + name + ": base width " + baseWidth + " and depth " + depth
                    + " must be at least 1 and 0");
        }
    }
}
