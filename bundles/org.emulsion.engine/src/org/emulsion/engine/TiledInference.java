package org.emulsion.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import org.emulsion.engine.extensions.FullyConvolutional;
import org.emulsion.core.image.Image;

/**
 * Runs a fully-convolutional network over a frame in overlapping tiles of one shape, so that the
 * memory of a forward pass is bounded by the tile instead of the frame and the cost per pixel does
 * not grow with the frame.
 * <p>
 * Why the result equals whole-frame inference: tiles start on multiples of the network's size
 * multiple (down-sampling sees the same pixel grid), and every output pixel is taken from a tile
 * in which it lies at least {@link #margin()} pixels (≥ the receptive radius) from every side that
 * borders another tile, so it saw the same pixels as in the whole frame, not the tile's zero
 * padding. Neighbouring tiles therefore overlap by twice the margin, and each pixel is copied from
 * one tile (the cut lies in the middle of the overlap): nothing to blend, only floating-point
 * summation order can differ. At the frame's own edges tiles reach the edge, exactly as the whole
 * frame does; frames are extended by edge replication to the size multiple while tiles are packed
 * (no padded copy of the frame) and the result has the frame's size.
 * <p>
 * Tile shape: the overlap is the only extra work, so for a budget of pixels per forward pass the
 * frame is cut into the columns and rows of tiles that compute the fewest pixels in all (a frame
 * within the budget is one tile; a wide one is cut into near-square tiles, whose overlap costs
 * least for their area; a narrow one into full-width strips). Tiles that fit the budget several
 * times over go through the network together, {@link #batch(int, int)} per pass. Every tile has the same
 * shape, so each pass and each frame allocate the same tensor sizes as the one before: the
 * allocator hands the same memory back instead of faulting in fresh pages (see the README's
 * allocator notes), and the input buffer is reused from frame to frame.
 */
public final class TiledInference {
    /** Rows packed or unpacked by one task: enough to outweigh scheduling, few enough to share a frame among cores. */
    private static final int ROWS = 64;

    private final int sizeMultiple;
    private final int margin;
    /** Fixed square tile side, or 0 when tiles are shaped by {@link #pixelsPerPass}. */
    private final int tileSize;
    private final long pixelsPerPass;

    /**
     * One tile in padded-frame coordinates, and the part of the output it supplies (its core,
     * in frame coordinates, inside the frame).
     */
    public record Tile(int x, int y, int width, int height, int coreX, int coreY, int coreWidth, int coreHeight) {
    }

    /** Runs the network on a batch of tiles. */
    @FunctionalInterface
    public interface BatchNetwork {
        /**
         * Infers {@code count} tiles of {@code channels} × {@code height} × {@code width} floats each
         * (NCHW, contiguous, native byte order, between {@code input}'s position and limit: a direct
         * buffer the engine can read without a copy) and hands the outputs, NCHW (count, output
         * channels, height, width), to {@code result} before their memory is released.
         */
        void forward(ByteBuffer input, int count, int channels, int height, int width, Consumer<FloatBuffer> result);
    }

    private TiledInference(int sizeMultiple, int receptiveRadius, int tileSize, long pixelsPerPass) {
        this.sizeMultiple = sizeMultiple;
        margin = roundUp(receptiveRadius, sizeMultiple);
        // A tile must keep a core of at least one size multiple between its two margins.
        int smallest = 2 * margin + sizeMultiple;
        this.tileSize = tileSize == 0 ? 0 : Math.max(smallest, tileSize / sizeMultiple * sizeMultiple);
        this.pixelsPerPass = Math.max((long) smallest * smallest, pixelsPerPass);
    }

    /**
     * Tiles shaped so that a forward pass holds at most {@code budgetBytes} of tensors for
     * {@code network} ({@link FullyConvolutional#inferenceBytesPerPixel()} per pixel), at least
     * the smallest tile the receptive field permits, whatever the budget.
     */
    public static TiledInference forBudget(FullyConvolutional network, long budgetBytes) {
        return new TiledInference(network.sizeMultiple(), network.receptiveRadius(), 0,
                budgetBytes / Math.max(1, network.inferenceBytesPerPixel()));
    }

    /** Square tiles of at most {@code tileSize} pixels (rounded down to the size multiple), one per pass. */
    public static TiledInference withTileSize(FullyConvolutional network, int tileSize) {
        return withTileSize(network, tileSize, 1);
    }

    /** Square tiles of at most {@code tileSize} pixels (rounded down to the size multiple), {@code batch} per pass. */
    public static TiledInference withTileSize(FullyConvolutional network, int tileSize, int batch) {
        TiledInference t = new TiledInference(network.sizeMultiple(), network.receptiveRadius(), Math.max(1, tileSize), 0);
        return new TiledInference(network.sizeMultiple(), network.receptiveRadius(), t.tileSize,
                (long) t.tileSize * t.tileSize * Math.max(1, batch));
    }

    /** Whole frames, for networks whose receptive field is unknown (no tiling is safe). */
    public static TiledInference whole(int sizeMultiple) {
        return new TiledInference(sizeMultiple, 0, 0, Long.MAX_VALUE);
    }

    /** Pixels on each inner tile side whose output is discarded (≥ the receptive radius). */
    public int margin() { return margin; }

    /** Tiles of a {@code width}×{@code height} frame that go through the network together. */
    public int batch(int width, int height) {
        Tile t = tiles(width, height).get(0);
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, pixelsPerPass / ((long) t.width() * t.height())));
    }

    /**
     * The tiles a {@code width}×{@code height} frame is cut into (after padding to the size
     * multiple), row by row: the whole frame when it fits one tile.
     */
    public List<Tile> tiles(int width, int height) {
        int pw = roundUp(width, sizeMultiple);
        int ph = roundUp(height, sizeMultiple);
        int tw;
        int th;
        if (tileSize > 0) {
            tw = Math.min(tileSize, pw);
            th = Math.min(tileSize, ph);
        } else {
            int[] shape = shape(pw, ph);
            tw = shape[0];
            th = shape[1];
        }
        int[] xs = starts(pw, tw);
        int[] ys = starts(ph, th);
        List<Tile> tiles = new ArrayList<>();
        for (int j = 0; j < ys.length; j++) {
            int[] cy = core(ys, j, th, height);
            for (int i = 0; i < xs.length; i++) {
                int[] cx = core(xs, i, tw, width);
                tiles.add(new Tile(xs[i], ys[j], tw, th, cx[0], cy[0], cx[1] - cx[0], cy[1] - cy[0]));
            }
        }
        return tiles;
    }

    /**
     * The tile width and height, within the pass budget, that compute the fewest pixels for a
     * {@code pw}×{@code ph} padded frame: for each count of columns the narrowest tile that covers
     * the width with overlaps of two margins, likewise for rows; fewer tiles break ties.
     */
    private int[] shape(int pw, int ph) {
        int smallest = 2 * margin + sizeMultiple;
        int[] best = {Math.min(pw, smallest), Math.min(ph, smallest)};
        long bestPixels = Long.MAX_VALUE;
        // More columns than needed only add overlap: stop once even one row of them computes more than the best.
        for (int nx = 1; (long) (pw + (nx - 1) * 2L * margin) * ph < bestPixels; nx++) {
            int tw = sideFor(pw, nx);
            for (int ny = 1; ; ny++) {
                int th = sideFor(ph, ny);
                if ((long) tw * th <= pixelsPerPass) {
                    long pixels = (long) starts(pw, tw).length * starts(ph, th).length * tw * th;
                    if (pixels < bestPixels) {
                        bestPixels = pixels;
                        best = new int[] {tw, th};
                    }
                    break; // more rows only add overlap once these fit the budget
                }
                if (th <= smallest) {
                    break;
                }
            }
            if (tw <= smallest) {
                break;
            }
        }
        return best;
    }

    /** The shortest tile side (a size multiple) with which {@code count} tiles overlapping by two margins cover {@code length}. */
    private int sideFor(int length, int count) {
        if (count <= 1) {
            return length;
        }
        return Math.min(length, roundUp((length + (count - 1) * 2 * margin + count - 1) / count, sizeMultiple));
    }

    /**
     * The tiles of {@link #tiles} whose core holds a pixel where {@code where} (one channel, the
     * frame's size) is above 0: the only ones a network needs to see when only those pixels of its
     * output are read.
     */
    public List<Tile> tilesOver(Image where) {
        int w = where.width();
        float[] d = where.data();
        List<Tile> needed = new ArrayList<>();
        for (Tile t : tiles(w, where.height())) {
            search:
            for (int y = t.coreY(); y < t.coreY() + t.coreHeight(); y++) {
                for (int i = y * w + t.coreX(); i < y * w + t.coreX() + t.coreWidth(); i++) {
                    if (d[i] > 0) {
                        needed.add(t);
                        break search;
                    }
                }
            }
        }
        return needed;
    }

    /**
     * This tiling's margin around square cores of about {@code core} pixels, as many tiles per pass
     * as this tiling's pass budget holds: small tiles for output needed in a few places only, where
     * the budget's large tiles would mostly compute pixels nobody reads.
     */
    public TiledInference finer(int core) {
        int side = roundUp(Math.max(sizeMultiple, core), sizeMultiple) + 2 * margin;
        long perPass = Math.max((long) side * side, Math.min(pixelsPerPass, Long.MAX_VALUE / 2));
        return new TiledInference(sizeMultiple, margin, side, perPass);
    }

    /** The pixels a network computes for {@code tiles} (their whole area, margins included). */
    public static long computedPixels(List<Tile> tiles) {
        return tiles.stream().mapToLong(t -> (long) t.width() * t.height()).sum();
    }

    /**
     * {@code network} applied to {@code input} tile batch by tile batch, the tiles packed into
     * {@code buffer} (reused from call to call by its owner). Packing and unpacking are spread over
     * the common pool, rows at a time: on a GPU the copies between the frame's interleaved samples
     * and the network's planes cost as much as the forward pass when one core makes them.
     */
    public Image apply(Image input, BatchNetwork network, TensorBuffer buffer) {
        return apply(input, tiles(input.width(), input.height()), network, buffer);
    }

    /**
     * {@link #apply(Image, BatchNetwork, TensorBuffer)} over {@code tiles} only (some of
     * {@link #tiles} for the input's size, e.g. {@link #tilesOver}); the output is 0 beyond their
     * cores. Null when {@code tiles} is empty (the network's output channels are unknown here).
     */
    public Image apply(Image input, List<Tile> tiles, BatchNetwork network, TensorBuffer buffer) {
        if (tiles.isEmpty()) {
            return null;
        }
        int w = input.width();
        int h = input.height();
        int c = input.channels();
        int tw = tiles.get(0).width();
        int th = tiles.get(0).height();
        int perTile = c * tw * th;
        int n = (int) Math.max(1, Math.min(tiles.size(), pixelsPerPass / ((long) tw * th)));
        ByteBuffer bytes = buffer.floats((long) n * perTile);
        FloatBuffer in = bytes.asFloatBuffer();
        Image[] out = new Image[1];
        for (int first = 0; first < tiles.size(); first += n) {
            List<Tile> group = tiles.subList(first, Math.min(tiles.size(), first + n));
            int blocks = (th + ROWS - 1) / ROWS;
            // each (tile, channel, block of rows) fills its own part of the buffer
            IntStream.range(0, group.size() * c * blocks).parallel().forEach(task -> {
                int g = task / (c * blocks);
                int ch = task / blocks % c;
                int y = task % blocks * ROWS;
                pack(input, group.get(g), ch, y, Math.min(th, y + ROWS), in, (g * c + ch) * tw * th);
            });
            ByteBuffer batchInput = bytes.duplicate().order(ByteOrder.nativeOrder()).position(0)
                    .limit(group.size() * perTile * Float.BYTES);
            network.forward(batchInput, group.size(), c, th, tw, result -> {
                int k = result.capacity() / (group.size() * tw * th);
                if (out[0] == null) {
                    out[0] = Image.blank(w, h, k);
                }
                Image frame = out[0];
                // tile cores do not overlap: each (tile, block of core rows) writes its own pixels
                IntStream.range(0, group.size() * blocks).parallel().forEach(task -> {
                    Tile t = group.get(task / blocks);
                    int from = t.coreY() + task % blocks * ROWS;
                    unpack(result, task / blocks, k, t, from, Math.min(t.coreY() + t.coreHeight(), from + ROWS), frame);
                });
            });
        }
        return out[0];
    }

    /**
     * Rows {@code [from, to)} of channel {@code ch} of the tile's pixels (CHW, at {@code offset}
     * in {@code into}), the frame's last row and column repeated beyond its edge.
     */
    private static void pack(Image image, Tile t, int ch, int from, int to, FloatBuffer into, int offset) {
        int w = image.width();
        int h = image.height();
        int c = image.channels();
        float[] data = image.data();
        float[] row = new float[t.width()];
        for (int y = from; y < to; y++) {
            int base = Math.min(t.y() + y, h - 1) * w;
            for (int x = 0; x < t.width(); x++) {
                row[x] = data[(base + Math.min(t.x() + x, w - 1)) * c + ch];
            }
            into.put(offset + y * t.width(), row);
        }
    }

    /** Copies frame rows {@code [from, to)} of tile {@code g}'s core from the batch output (NCHW) into the frame's output (HWC). */
    private static void unpack(FloatBuffer result, int g, int k, Tile t, int from, int to, Image out) {
        int plane = t.width() * t.height();
        float[] o = out.data();
        float[] row = new float[t.coreWidth()];
        for (int ch = 0; ch < k; ch++) {
            for (int y = from; y < to; y++) {
                result.get((g * k + ch) * plane + (y - t.y()) * t.width() + t.coreX() - t.x(), row);
                int at = (y * out.width() + t.coreX()) * k + ch;
                for (int x = 0; x < row.length; x++, at += k) {
                    o[at] = row[x];
                }
            }
        }
    }

    /**
     * Tile origins along an axis: stride = tile − 2·margin, so that each tile's valid part (margin
     * in from its inner sides) meets its neighbour's; the last tile is moved back to end at the edge.
     */
    private int[] starts(int length, int tile) {
        if (tile >= length) {
            return new int[] {0};
        }
        int stride = tile - 2 * margin;
        int count = (length - tile + stride - 1) / stride + 1;
        int[] starts = new int[count];
        for (int i = 0; i < count; i++) {
            starts[i] = Math.min(i * stride, length - tile);
        }
        return starts;
    }

    /**
     * The output range [from, to) along an axis that tile {@code i} (of those at {@code starts},
     * each {@code tile} long) supplies: from the middle of its overlap with the previous tile to the
     * middle of its overlap with the next, clipped to the frame's {@code length}.
     */
    private static int[] core(int[] starts, int i, int tile, int length) {
        int from = i == 0 ? 0 : (starts[i] + starts[i - 1] + tile) / 2;
        int to = i == starts.length - 1 ? length : (starts[i + 1] + starts[i] + tile) / 2;
        return new int[] {Math.min(from, length), Math.min(to, length)};
    }

    private static int roundUp(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }
}
