package org.emulsion.pipeline.contrib.tests.internal;

import org.emulsion.engine.extensions.ArchitecturePreset;
import org.emulsion.engine.extensions.FullyConvolutional;
import org.emulsion.engine.extensions.ModelArchitecture;
import org.emulsion.models.Blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The smallest useful shape (the guide's HighlightNet, section 8): 3×3 convolutions at full
 * resolution whose output is input channel 0 (the scan's Y) plus a correction.
 */
public final class WitnessNet implements ModelArchitecture {
    /** Fixed depth: the presets choose the width only. */
    private static final int LAYERS = 8;

    @Override
    public Block newBlock(int baseWidth) {
        return new Net(baseWidth);
    }

    @Override
    public int sizeMultiple() {
        return 1; // no down-sampling
    }

    @Override
    public int receptiveRadius(ArchitecturePreset preset) {
        return LAYERS; // each 3×3 convolution reaches one pixel further
    }

    private static final class Net extends AbstractBlock implements FullyConvolutional {
        private final int width;
        private final Block body;

        Net(int width) {
            super((byte) 1);
            this.width = width;
            SequentialBlock layers = new SequentialBlock();
            for (int i = 0; i < LAYERS - 1; i++) {
                layers.add(Blocks.conv(width, 3)).add(Activation.reluBlock());
            }
            layers.add(Blocks.conv(1, 3));
            body = addChildBlock("body", layers);
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
            NDArray x = inputs.singletonOrThrow();
            NDArray correction = body.forward(ps, inputs, training).singletonOrThrow();
            return new NDList(x.get(new NDIndex(":, 0:1")).add(correction));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            Shape in = inputShapes[0];
            return new Shape[] {new Shape(in.get(0), 1, in.get(2), in.get(3))};
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            body.initialize(manager, dataType, inputShapes);
        }

        @Override
        public int sizeMultiple() {
            return 1;
        }

        @Override
        public int receptiveRadius() {
            return LAYERS;
        }

        /** Each convolution's and ReLU's output (width floats each), the input and the output. */
        @Override
        public long inferenceBytesPerPixel() {
            return (2L * width * LAYERS + 4) * Float.BYTES;
        }
    }
}
