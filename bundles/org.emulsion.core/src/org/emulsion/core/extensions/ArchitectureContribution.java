package org.emulsion.core.extensions;

import org.eclipse.core.runtime.IConfigurationElement;

/**
 * A model architecture with the channel contract and training defaults it declares in
 * {@code plugin.xml}, readable without loading the network code.
 */
public final class ArchitectureContribution extends Contribution<ModelArchitecture> {

    /** What the network's output replaces in the scan. */
    public enum Target { CHROMA, LUMA }

    ArchitectureContribution(IConfigurationElement element, Class<ModelArchitecture> type) {
        super(element, type);
    }

    public int inputChannels() { return Integer.parseInt(attribute("inputChannels", "3")); }

    public int outputChannels() { return Integer.parseInt(attribute("outputChannels", "2")); }

    public Target target() { return Target.valueOf(attribute("target", "chroma").toUpperCase(java.util.Locale.ROOT)); }

    public int defaultPatchSize() { return Integer.parseInt(attribute("patchSize", "128")); }

    public int defaultBaseWidth() { return Integer.parseInt(attribute("baseWidth", "16")); }
}
