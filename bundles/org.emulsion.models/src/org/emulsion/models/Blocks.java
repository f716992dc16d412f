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

    /** (N, 4C, H, W) → (N, C, 2H, 2W), the inverse of a 2×2 space-to-depth. */
    public static NDList pixelShuffle2(NDList input) {
        NDArray x = input.singletonOrThrow();
        Shape s = x.getShape();
        long n = s.get(0);
        long c = s.get(1) / 4;
        long h = s.get(2);
        long w = s.get(3);
        return new NDList(x.reshape(n, c, 2, 2, h, w).transpose(0, 1, 4, 2, 5, 3).reshape(n, c, h * 2, w * 2));
    }

    /** (N, C, H, W) → (N, 4C, H/2, W/2): each 2×2 block becomes four channels, ordered as {@link #pixelShuffle2} expects. */
    public static NDList spaceToDepth2(NDList input) {
        NDArray x = input.singletonOrThrow();
        Shape s = x.getShape();
        long n = s.get(0);
        long c = s.get(1);
        long h = s.get(2) / 2;
        long w = s.get(3) / 2;
        return new NDList(x.reshape(n, c, h, 2, w, 2).transpose(0, 1, 3, 5, 2, 4).reshape(n, c * 4, h, w));
    }

    /** 2×2 max pooling. */
    public static Block downsample() {
        return ai.djl.nn.pooling.Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2));
    }
}
