package org.emulsion.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;

/** Building blocks shared by Emulsion's networks (DJL Block API). */
public final class Blocks {
    private Blocks() {
    }

    /** Two 3×3 convolutions with ReLU, padding kept so height and width do not change. */
    public static SequentialBlock doubleConv(int channels) {
        return new SequentialBlock()
                .add(conv(channels, 3)).add(Activation.reluBlock())
                .add(conv(channels, 3)).add(Activation.reluBlock());
    }

    public static Conv2d conv(int channels, int kernel) {
        return Conv2d.builder().setFilters(channels).setKernelShape(new Shape(kernel, kernel))
                .optPadding(new Shape(kernel / 2, kernel / 2)).build();
    }

    /**
     * Doubles height and width: a 1×1 convolution to 4× the channels followed by a pixel
     * shuffle. (The PyTorch engine has no transposed convolution.)
     */
    public static SequentialBlock upsample(int channels) {
        return new SequentialBlock().add(conv(channels * 4, 1)).add(new LambdaBlock(Blocks::pixelShuffle2, "pixelShuffle"));
    }

    /*
     * Memory layout. The networks' tensors are (N, C, H, W), stored channels-last (N, H, W, C):
     * oneDNN convolves that layout as it is, where a contiguous (N, C, H, W) tensor is reordered
     * around every convolution and its gradients (measured in one process on the chroma network,
     * 2 cores: 1080p inference 531-593 ms against 844-917, a 64x64x8 training step 32-35 ms
     * against 39-41). ReLU, pooling and concatenation keep the layout; the reshapes below produce
     * it. Layout never changes values: each function computes the same tensor from any input.
     */

    /** An (N, C, H, W) tensor in channels-last strides, same shape and values (copied unless it is so already). */
    public static NDArray channelsLast(NDArray x) {
        Shape s = x.getShape();
        long n = s.get(0);
        long c = s.get(1);
        long h = s.get(2);
        long w = s.get(3);
        // the (N, H, W, C) view of a contiguous tensor cannot be flattened in place, so the reshape copies it
        // in that order; that of a channels-last one can, and nothing is copied
        return x.transpose(0, 2, 3, 1).reshape(n, h, w * c).reshape(n, h, w, c).transpose(0, 3, 1, 2);
    }

    /** An (N, C, H, W) tensor in contiguous strides, same shape and values (copied unless it is so already). */
    public static NDArray contiguous(NDArray x) {
        Shape s = x.getShape();
        return x.reshape(s.get(0), s.get(1) * s.get(2) * s.get(3)).reshape(s);
    }

    /** (N, 4C, H, W) → (N, C, 2H, 2W), the inverse of {@link #spaceToDepth2}; channels-last out. */
    public static NDList pixelShuffle2(NDList input) {
        return new NDList(pixelShuffle2(input.singletonOrThrow(), true));
    }

    /** {@link #pixelShuffle2} into contiguous strides: a network's output, as readers of its values expect. */
    public static NDArray pixelShuffle2Contiguous(NDArray x) {
        return pixelShuffle2(x, false);
    }

    /** The pixel shuffle, its one copy made in the layout asked for. */
    private static NDArray pixelShuffle2(NDArray x, boolean channelsLast) {
        Shape s = x.getShape();
        long n = s.get(0);
        long c = s.get(1) / 4;
        long h = s.get(2);
        long w = s.get(3);
        NDArray blocks = x.transpose(0, 2, 3, 1).reshape(n, h, w, c, 2, 2); // (N, H, W, C, dy, dx)
        return channelsLast ? blocks.transpose(0, 1, 4, 2, 5, 3).reshape(n, h * 2, w * 2, c).transpose(0, 3, 1, 2)
                : blocks.transpose(0, 3, 1, 4, 2, 5).reshape(n, c, h * 2, w * 2);
    }

    /**
     * (N, C, H, W) → (N, 4C, H/2, W/2), channels-last out: each 2×2 block becomes four channels,
     * ordered as {@link #pixelShuffle2} expects.
     */
    public static NDList spaceToDepth2(NDList input) {
        NDArray x = input.singletonOrThrow();
        Shape s = x.getShape();
        long n = s.get(0);
        long c = s.get(1);
        long h = s.get(2) / 2;
        long w = s.get(3) / 2;
        return new NDList(x.reshape(n, c, h, 2, w, 2).transpose(0, 2, 4, 1, 3, 5).reshape(n, h, w, c * 4).transpose(0, 3, 1, 2));
    }

    /** 2×2 max pooling. */
    public static Block downsample() {
        return ai.djl.nn.pooling.Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2));
    }
}
