package org.emulsion.models.internal;

import org.emulsion.engine.extensions.ArchitecturePreset;
import org.emulsion.engine.extensions.ModelArchitecture;

import ai.djl.nn.Block;

/**
 * A {@link ModelArchitecture} built from {@link ResidualUNet}: subclasses fix the channel
 * contract (which input channels the residual is added to) and the stem; presets choose the
 * width and depth.
 */
abstract class ResidualUNetArchitecture implements ModelArchitecture {
    private final int stem;
    private final int standardDepth;
    private final int residualFrom;
    private final int residualCount;
    private final boolean nearIdentity;

    /**
     * @param standardDepth depth of {@link #newBlock(int)}, for callers that choose only a width
     * @param nearIdentity  whether the network starts close to adding nothing to its residual channels
     */
    ResidualUNetArchitecture(int stem, int standardDepth, int residualFrom, int residualCount, boolean nearIdentity) {
        this.stem = stem;
        this.standardDepth = standardDepth;
        this.residualFrom = residualFrom;
        this.residualCount = residualCount;
        this.nearIdentity = nearIdentity;
    }

    ResidualUNet.Layout layout(int baseWidth, int depth) {
        return new ResidualUNet.Layout(stem, depth, baseWidth, residualFrom, residualCount, nearIdentity);
    }

    private ResidualUNet.Layout layout(ArchitecturePreset preset) {
        return layout(preset.baseWidth(), preset.depth());
    }

    @Override
    public Block newBlock(int baseWidth) {
        return new ResidualUNet(layout(baseWidth, standardDepth));
    }

    @Override
    public int sizeMultiple() {
        return layout(1, standardDepth).sizeMultiple();
    }

    @Override
    public Block newBlock(ArchitecturePreset preset) {
        return new ResidualUNet(layout(preset));
    }

    @Override
    public int sizeMultiple(ArchitecturePreset preset) {
        return layout(preset).sizeMultiple();
    }

    @Override
    public int receptiveRadius(ArchitecturePreset preset) {
        return layout(preset).receptiveRadius();
    }
}
