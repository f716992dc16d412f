package org.emulsion.bench.internal;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Convolution;

/**
 * Floating-point operations of a network's convolutions, counted from the shapes each of its
 * convolution blocks was initialised with: what the network costs at the least, the yardstick
 * against which a benchmark compares the engine's speed with the machine's matrix-product speed.
 * Element-wise work (ReLU, pooling, concatenation) is left out: it moves memory, it does not
 * multiply.
 */
public final class NetworkFlops {
    private NetworkFlops() {
    }

    /**
     * Multiply-adds × 2 of one forward pass of {@code block} on an input of {@code input}'s shape
     * (the block is initialised with it in {@code manager}).
     */
    public static double forward(Block block, NDManager manager, Shape input) {
        block.initialize(manager, DataType.FLOAT32, input);
        return convolutions(block);
    }

    private static double convolutions(Block block) {
        double flops = 0;
        if (block instanceof Convolution conv) {
            Shape in = conv.getInputShapes()[0];
            Shape out = conv.getOutputShapes(conv.getInputShapes())[0];
            Shape kernel = conv.getKernelShape();
            long perOutput = in.get(1) / conv.getGroups() * kernel.size();
            flops += 2.0 * perOutput * out.size();
        }
        for (Block child : block.getChildren().values()) {
            flops += convolutions(child);
        }
        return flops;
    }
}
