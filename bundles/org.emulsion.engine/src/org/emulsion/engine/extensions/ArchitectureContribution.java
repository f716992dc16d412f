package org.emulsion.engine.extensions;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.eclipse.core.runtime.IConfigurationElement;
import org.emulsion.core.extensions.Contribution;

/**
 * A model architecture with the channel contract, training defaults and size presets it
 * declares in {@code plugin.xml}, readable without loading the network code.
 */
public final class ArchitectureContribution extends Contribution<ModelArchitecture> {

    ArchitectureContribution(IConfigurationElement element, Class<ModelArchitecture> type) {
        super(element, type);
    }

    public int inputChannels() { return Integer.parseInt(attribute("inputChannels", "3")); }

    public int outputChannels() { return Integer.parseInt(attribute("outputChannels", "2")); }

    /** The id of the restoration target its output serves ({@code chroma}, {@code luma}, or a plugin's own). */
    public String target() { return attribute("target", ""); }

    public int defaultPatchSize() { return Integer.parseInt(attribute("patchSize", "128")); }

    /** The declared {@code baseWidth}, else the default preset's, else 16. */
    public int defaultBaseWidth() {
        String declared = element().getAttribute("baseWidth");
        if (declared != null) {
            return Integer.parseInt(declared);
        }
        return presets().isEmpty() ? 16 : defaultPreset().baseWidth();
    }

    /**
     * The declared size presets, in declaration order.
     *
     * @throws IllegalArgumentException naming the bundle when a preset's width or depth is not a
     *                                  whole number
     */
    public List<ArchitecturePreset> presets() {
        List<ArchitecturePreset> presets = new ArrayList<>();
        for (IConfigurationElement p : element().getChildren("preset")) {
            String name = p.getAttribute("name");
            try {
                presets.add(new ArchitecturePreset(name, Objects.requireNonNullElse(p.getAttribute("label"), name),
                        Integer.parseInt(p.getAttribute("baseWidth")), Integer.parseInt(p.getAttribute("depth"))));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Bundle " + bundle() + ": preset '" + name + "' of architecture " + id()
                        + " needs whole numbers for baseWidth and depth (" + e.getMessage() + ")", e);
            }
        }
        return presets;
    }

    /**
     * The preset called {@code name}.
     *
     * @throws IllegalArgumentException listing the declared presets when there is none such
     */
    public ArchitecturePreset preset(String name) {
        List<ArchitecturePreset> presets = presets();
        return presets.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Architecture " + id() + " has no preset '" + name
                        + "'; choose one of " + presets.stream().map(ArchitecturePreset::name).toList()));
    }

    /**
     * The preset named by the {@code defaultPreset} attribute, else the first declared one.
     *
     * @throws IllegalArgumentException when the architecture declares no presets
     */
    public ArchitecturePreset defaultPreset() {
        String name = element().getAttribute("defaultPreset");
        if (name != null) {
            return preset(name);
        }
        List<ArchitecturePreset> presets = presets();
        if (presets.isEmpty()) {
            throw new IllegalArgumentException("Architecture " + id() + " (" + bundle() + ") declares no presets");
        }
        return presets.get(0);
    }
}
