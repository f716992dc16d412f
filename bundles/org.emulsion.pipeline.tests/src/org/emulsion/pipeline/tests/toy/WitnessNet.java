package org.emulsion.pipeline.tests.toy;

import org.emulsion.engine.extensions.ArchitecturePreset;
import org.emulsion.engine.extensions.ModelArchitecture;
import org.emulsion.models.Blocks;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;

/**
 * The toy target's architecture, contributed from this bundle: three 3×3 convolutions at full
 * resolution predicting a correction of input channel 0 (the scan's Y).
 */
public final class WitnessNet implements ModelArchitecture {
    private static final int LAYERS = 3;

    @Override
    public Block newBlock(int baseWidth) {
        SequentialBlock correction = new SequentialBlock();
        for (int i = 0; i < LAYERS - 1; i++) {
            correction.add(Blocks.conv(baseWidth, 3)).add(Activation::relu);
        }
        correction.add(Blocks.conv(1, 3));
        Block scanY = new LambdaBlock(in -> new NDList(in.singletonOrThrow().get(":, 0:1, :, :")));
        return new ParallelBlock(outs -> new NDList(outs.get(0).singletonOrThrow().add(outs.get(1).singletonOrThrow())),
                java.util.List.of(correction, scanY));
    }

    @Override
    public int sizeMultiple() {
        return 1;
    }

    @Override
    public int receptiveRadius(ArchitecturePreset preset) {
        return LAYERS;
    }
}
