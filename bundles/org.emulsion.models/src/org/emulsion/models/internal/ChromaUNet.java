package org.emulsion.models.internal;

import org.emulsion.models.Blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Two-scale U-Net that maps the scan's YCbCr (N, 3, H, W) to corrected CbCr (N, 2, H, W).
 * <p>
 * It predicts a residual added to the scan's own CbCr: fading shifts chroma but keeps most of
 * its structure, so the identity is a good starting point and early training is stable. Chroma
 * is low-frequency, so two downsamplings give enough context at a size that trains on a CPU.
 */
final class ChromaUNet extends AbstractBlock {
    static final int SIZE_MULTIPLE = 4;
    private static final byte VERSION = 1;

    private final Block enc1;
    private final Block enc2;
    private final Block bottom;
    private final Block up2;
    private final Block dec2;
    private final Block up1;
    private final Block dec1;
    private final Block head;
    private final Block pool = Blocks.downsample();

    ChromaUNet(int base) {
        super(VERSION);
        enc1 = addChildBlock("enc1", Blocks.doubleConv(base));
        enc2 = addChildBlock("enc2", Blocks.doubleConv(base * 2));
        bottom = addChildBlock("bottom", Blocks.doubleConv(base * 4));
        up2 = addChildBlock("up2", Blocks.upsample(base * 2));
        dec2 = addChildBlock("dec2", Blocks.doubleConv(base * 2));
        up1 = addChildBlock("up1", Blocks.upsample(base));
        dec1 = addChildBlock("dec1", Blocks.doubleConv(base));
        head = addChildBlock("head", Blocks.conv(2, 1));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray e1 = run(enc1, ps, x, training);
        NDArray e2 = run(enc2, ps, run(pool, ps, e1, training), training);
        NDArray b = run(bottom, ps, run(pool, ps, e2, training), training);
        NDArray d2 = run(dec2, ps, NDArrays.concat(new NDList(run(up2, ps, b, training), e2), 1), training);
        NDArray d1 = run(dec1, ps, NDArrays.concat(new NDList(run(up1, ps, d2, training), e1), 1), training);
        NDArray residual = run(head, ps, d1, training);
        return new NDList(x.get(new NDIndex(":, 1:3")).add(residual));
    }

    private static NDArray run(Block block, ParameterStore ps, NDArray x, boolean training) {
        return block.forward(ps, new NDList(x), training).singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), 2, in.get(2), in.get(3))};
    }

    @Override
    protected void initializeChildBlocks(ai.djl.ndarray.NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        long n = in.get(0);
        long h = in.get(2);
        long w = in.get(3);
        int base = channelsOf(enc1, manager, dataType, in);
        Shape s1 = new Shape(n, base, h, w);
        Shape s2 = new Shape(n, base * 2L, h / 2, w / 2);
        Shape s3 = new Shape(n, base * 4L, h / 4, w / 4);
        enc2.initialize(manager, dataType, new Shape(n, base, h / 2, w / 2));
        bottom.initialize(manager, dataType, new Shape(n, base * 2L, h / 4, w / 4));
        up2.initialize(manager, dataType, s3);
        dec2.initialize(manager, dataType, new Shape(n, base * 4L, h / 2, w / 2));
        up1.initialize(manager, dataType, s2);
        dec1.initialize(manager, dataType, new Shape(n, base * 2L, h, w));
        head.initialize(manager, dataType, s1);
    }

    private static int channelsOf(Block block, ai.djl.ndarray.NDManager manager, DataType dataType, Shape input) {
        block.initialize(manager, dataType, input);
        return (int) block.getOutputShapes(new Shape[] {input})[0].get(1);
    }

}
