package org.emulsion.models.internal;

import java.util.ArrayList;
import java.util.List;

import org.emulsion.engine.extensions.FullyConvolutional;
import org.emulsion.models.Blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * U-Net that predicts a residual for some of its input channels and adds it to them: the
 * identity is a good start (a restoration changes the scan, it does not replace it), so early
 * training is stable.
 * <p>
 * Fully convolutional: 3×3 convolutions (two per stage) with zero padding, 2×2 max pooling down,
 * 1×1 convolution + pixel shuffle up (the PyTorch engine has no transposed convolution), skip
 * connections by concatenation, and a 1×1 head that sees the last stage and the input. With
 * {@code stem = 2} the whole U-Net runs at half resolution on a 2×2 space-to-depth of the input
 * and the residual is pixel-shuffled back: four times less work, for corrections that are
 * smooth at the pixel scale (chroma). Inside, tensors are stored channels-last (see
 * {@link Blocks}); the output is contiguous.
 */
final class ResidualUNet extends AbstractBlock implements FullyConvolutional {
    private static final byte VERSION = 1;
    /** Each stage is {@link Blocks#doubleConv}: two 3×3 convolutions. */
    private static final int CONVS_PER_STAGE = 2;
    private static final int KERNEL = 3;
    /**
     * Floats a stage of width w holds per pixel of its own resolution during one forward pass:
     * 4w for its convolutions and ReLUs, w for the 1×1 convolution before the shuffle (4w at
     * half resolution), w for the shuffle's copy, 2w for the concatenation, 4w for the decoder;
     * about 12w, rounded up to cover the pooled copy and the input, stem and head.
     */
    private static final int FLOATS_PER_STAGE_WIDTH = 13;
    /**
     * Scale of a near-identity head's initial weights. Where the input channel the residual is
     * added to is already a good answer (a tone-matched guide pasted into a hole), a randomly
     * initialised head starts far worse than it and short training does not make up for it; a
     * small head starts at that answer and learns corrections to it, while every weight still
     * gets a gradient from the first step.
     */
    static final float NEAR_IDENTITY = 0.1f;

    /**
     * @param stem          1, or 2 to run the U-Net on a 2×2 space-to-depth of the input
     * @param depth         number of 2× down-samplings
     * @param baseWidth     channels of the first stage; each deeper stage doubles it
     * @param residualFrom  first input channel the residual is added to
     * @param residualCount number of channels predicted (the output's channels)
     * @param nearIdentity  the head's weights start {@value #NEAR_IDENTITY} × their initialiser's, so the
     *                      network starts close to adding nothing (see {@link ResidualUNet})
     */
    record Layout(int stem, int depth, int baseWidth, int residualFrom, int residualCount, boolean nearIdentity) {
        Layout {
            if (stem != 1 && stem != 2) {
                throw new IllegalArgumentException("stem must be 1 or 2, not " + stem);
            }
        }

        int width(int level) { return baseWidth << level; }

        int sizeMultiple() { return stem << depth; }

        /**
         * Walks the layers from input to output keeping the spacing {@code j} (input pixels
         * between neighbouring samples): a k×k convolution reaches k/2 samples further on each
         * side (k/2·j pixels); a 2×2 down-sampling (pool or space-to-depth) reaches one sample
         * to one side depending on the pixel's phase, so the union over phases adds j on both
         * sides; 1×1 convolutions and pixel shuffles add nothing. The deepest path (through the
         * bottleneck) holds every 3×3 convolution, so it bounds the skip paths too.
         */
        int receptiveRadius() {
            int radius = 0;
            int j = 1;
            if (stem == 2) {
                radius += j;
                j *= 2;
            }
            for (int level = 0; level < depth; level++) {
                radius += CONVS_PER_STAGE * (KERNEL / 2) * j; // encoder
                radius += j; // pooling
                j *= 2;
            }
            radius += CONVS_PER_STAGE * (KERNEL / 2) * j; // bottleneck
            for (int level = depth - 1; level >= 0; level--) {
                j /= 2; // pixel shuffle
                radius += CONVS_PER_STAGE * (KERNEL / 2) * j; // decoder
            }
            return radius;
        }

        long inferenceBytesPerPixel() {
            double floats = 0;
            for (int level = 0; level <= depth; level++) {
                double scale = (double) stem * (1 << level);
                floats += FLOATS_PER_STAGE_WIDTH * width(level) / (scale * scale);
            }
            return (long) Math.ceil(floats * Float.BYTES);
        }
    }

    private final Layout layout;
    private final List<Block> encoders = new ArrayList<>();
    private final List<Block> ups = new ArrayList<>();
    private final List<Block> decoders = new ArrayList<>();
    private final Block bottom;
    private final Block head;
    private final Block pool = Blocks.downsample();

    ResidualUNet(Layout layout) {
        super(VERSION);
        this.layout = layout;
        for (int level = 0; level < layout.depth(); level++) {
            encoders.add(addChildBlock("enc" + level, Blocks.doubleConv(layout.width(level))));
        }
        bottom = addChildBlock("bottom", Blocks.doubleConv(layout.width(layout.depth())));
        for (int level = layout.depth() - 1; level >= 0; level--) {
            ups.add(0, addChildBlock("up" + level, Blocks.upsample(layout.width(level))));
            decoders.add(0, addChildBlock("dec" + level, Blocks.doubleConv(layout.width(level))));
        }
        int stemArea = layout.stem() * layout.stem();
        head = addChildBlock("head", Blocks.conv(layout.residualCount() * stemArea, 1));
    }

    @Override
    public int sizeMultiple() { return layout.sizeMultiple(); }

    @Override
    public int receptiveRadius() { return layout.receptiveRadius(); }

    @Override
    public long inferenceBytesPerPixel() { return layout.inferenceBytesPerPixel(); }

    /** The U-Net computes in the type its weights are handed out in; the input's identity path stays as given. */
    @Override
    public boolean mixedPrecision() { return true; }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        DataType compute = ps.getValue(head.getParameters().valueAt(0), x.getDevice(), training).getDataType();
        NDArray in = x.getDataType() == compute ? x : x.toType(compute, false);
        NDArray stemmed = layout.stem() == 2 ? Blocks.spaceToDepth2(new NDList(in)).singletonOrThrow() : Blocks.channelsLast(in);
        NDArray h = stemmed;
        List<NDArray> skips = new ArrayList<>();
        for (Block encoder : encoders) {
            h = run(encoder, ps, h, training);
            skips.add(h);
            h = run(pool, ps, h, training);
        }
        h = run(bottom, ps, h, training);
        for (int level = layout.depth() - 1; level >= 0; level--) {
            NDArray up = run(ups.get(level), ps, h, training);
            h = run(decoders.get(level), ps, NDArrays.concat(new NDList(up, skips.get(level)), 1), training);
        }
        // The head also sees the (stemmed) input itself: per-pixel corrections, the most common
        // kind, then need no path through the ReLU stages and are learnt in few steps.
        NDArray residual = run(head, ps, NDArrays.concat(new NDList(h, stemmed), 1), training);
        residual = layout.stem() == 2 ? Blocks.pixelShuffle2Contiguous(residual) : Blocks.contiguous(residual);
        if (residual.getDataType() != x.getDataType()) {
            residual = residual.toType(x.getDataType(), false); // the sum in the input's precision
        }
        int from = layout.residualFrom();
        return new NDList(x.get(new NDIndex(":, " + from + ":" + (from + layout.residualCount()))).add(residual));
    }

    private static NDArray run(Block block, ParameterStore ps, NDArray x, boolean training) {
        return block.forward(ps, new NDList(x), training).singletonOrThrow();
    }

    /** What {@code drawn} gives, times {@code factor}. */
    private record Scaled(Initializer drawn, float factor) implements Initializer {
        @Override
        public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
            return drawn.initialize(manager, shape, dataType).muli(factor);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), layout.residualCount(), in.get(2), in.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        long n = in.get(0);
        int stem = layout.stem();
        long h = in.get(2) / stem;
        long w = in.get(3) / stem;
        long stemmed = in.get(1) * stem * stem;
        long channels = stemmed;
        for (int level = 0; level < layout.depth(); level++) {
            encoders.get(level).initialize(manager, dataType, new Shape(n, channels, h, w));
            channels = layout.width(level);
            h /= 2;
            w /= 2;
        }
        bottom.initialize(manager, dataType, new Shape(n, channels, h, w));
        channels = layout.width(layout.depth());
        for (int level = layout.depth() - 1; level >= 0; level--) {
            ups.get(level).initialize(manager, dataType, new Shape(n, channels, h, w));
            h *= 2;
            w *= 2;
            decoders.get(level).initialize(manager, dataType, new Shape(n, 2L * layout.width(level), h, w));
            channels = layout.width(level);
        }
        if (layout.nearIdentity()) {
            // scale what the trainer's initialiser draws before it becomes a parameter: a parameter that
            // requires a gradient must not be changed in place
            Parameter weight = head.getParameters().get("weight");
            if (!(weight.getInitializer() instanceof Scaled)) {
                weight.setInitializer(new Scaled(weight.getInitializer(), NEAR_IDENTITY));
            }
        }
        head.initialize(manager, dataType, new Shape(n, channels + stemmed, h, w));
    }
}
