package org.emulsion.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.emulsion.engine.extensions.FullyConvolutional;
import org.emulsion.core.image.Image;

/**
 * Runs a fully-convolutional network over a frame in overlapping tiles and blends them back,
 * so that memory is bounded by the tile size instead of the frame size.
 * <p>
 * Why the result equals whole-frame inference: tiles start on multiples of the network's size
 * multiple (down-sampling sees the same pixel grid), and a tile's outer {@link #margin()} pixels
 * on every side that borders another tile, at least the receptive radius wide, are given zero
 * weight (they saw the tile's zero padding instead of the neighbouring pixels). Inside that,
 * weights rise over {@link #feather()} pixels along a raised cosine, and overlapping tiles are
 * averaged with their weights, so what little differs between tiles (floating-point order)
 * fades in instead of making a seam. At the frame's own edges tiles reach the edge, exactly as
 * the whole frame does. Frames are padded by edge replication to the size multiple first and
 * cropped back afterwards.
 */
public final class TiledInference {
    /** Feather width before rounding up to the size multiple: enough to hide float noise. */
    private static final int MIN_FEATHER = 8;

    private final int sizeMultiple;
    private final int margin;
    private final int feather;
    private final int tileSize;

    /** One tile in padded-frame coordinates. */
    public record Tile(int x, int y, int width, int height) {
    }

    private TiledInference(int sizeMultiple, int receptiveRadius, int requestedTileSize) {
        this.sizeMultiple = sizeMultiple;
        margin = roundUp(receptiveRadius, sizeMultiple);
        feather = roundUp(MIN_FEATHER, sizeMultiple);
        // A tile must keep some weighted core between its two margins and feathers.
        int smallest = 2 * (margin + feather) + sizeMultiple;
        tileSize = Math.max(smallest, requestedTileSize / sizeMultiple * sizeMultiple);
    }

    /**
     * Tiles as large as {@code budgetBytes} of tensors allow for {@code network} (at least the
     * smallest tile its receptive field permits, whatever the budget).
     */
    public static TiledInference forBudget(FullyConvolutional network, long budgetBytes) {
        long pixels = budgetBytes / Math.max(1, network.inferenceBytesPerPixel());
        return withTileSize(network, (int) Math.min(Integer.MAX_VALUE / 2, (long) Math.sqrt(pixels)));
    }

    /** Square tiles of at most {@code tileSize} pixels (rounded down to the size multiple). */
    public static TiledInference withTileSize(FullyConvolutional network, int tileSize) {
        return new TiledInference(network.sizeMultiple(), network.receptiveRadius(), tileSize);
    }

    /** Whole frames, for networks whose receptive field is unknown (no tiling is safe). */
    public static TiledInference whole(int sizeMultiple) {
        return new TiledInference(sizeMultiple, 0, Integer.MAX_VALUE / 2);
    }

    public int tileSize() { return tileSize; }

    /** Pixels on each inner tile side whose output is discarded (≥ the receptive radius). */
    public int margin() { return margin; }

    /** Width of the weight ramp inside the margin. */
    public int feather() { return feather; }

    /**
     * The tiles a {@code width}×{@code height} frame is cut into (after padding to the size
     * multiple): the whole frame when it has no more pixels than one square tile.
     */
    public List<Tile> tiles(int width, int height) {
        int pw = roundUp(width, sizeMultiple);
        int ph = roundUp(height, sizeMultiple);
        if ((long) pw * ph <= (long) tileSize * tileSize) {
            return List.of(new Tile(0, 0, pw, ph)); // fits the budget whole, whatever its shape
        }
        int tw = Math.min(tileSize, pw);
        int th = Math.min(tileSize, ph);
        List<Tile> tiles = new ArrayList<>();
        for (int y : starts(ph, th)) {
            for (int x : starts(pw, tw)) {
                tiles.add(new Tile(x, y, tw, th));
            }
        }
        return tiles;
    }

    /**
     * {@code network} applied to {@code input} tile by tile. {@code network} receives tiles whose
     * sides are multiples of the size multiple and must return images of the same size.
     */
    public Image apply(Image input, UnaryOperator<Image> network) {
        int w = input.width();
        int h = input.height();
        Image padded = pad(input, roundUp(w, sizeMultiple), roundUp(h, sizeMultiple));
        List<Tile> tiles = tiles(w, h);
        if (tiles.size() == 1) {
            return crop(network.apply(padded), 0, 0, w, h);
        }
        int pw = padded.width();
        int ph = padded.height();
        float[] sum = null;
        float[] weights = new float[pw * ph];
        int channels = 0;
        for (Tile tile : tiles) {
            Image out = network.apply(crop(padded, tile.x(), tile.y(), tile.width(), tile.height()));
            if (sum == null) {
                channels = out.channels();
                sum = new float[pw * ph * channels];
            }
            float[] wx = ramp(tile.x(), tile.width(), pw);
            float[] wy = ramp(tile.y(), tile.height(), ph);
            float[] o = out.data();
            for (int y = 0; y < tile.height(); y++) {
                for (int x = 0; x < tile.width(); x++) {
                    float wt = wx[x] * wy[y];
                    if (wt == 0) {
                        continue;
                    }
                    int at = (tile.y() + y) * pw + tile.x() + x;
                    weights[at] += wt;
                    for (int c = 0; c < channels; c++) {
                        sum[at * channels + c] += wt * o[(y * tile.width() + x) * channels + c];
                    }
                }
            }
        }
        for (int i = 0; i < weights.length; i++) {
            for (int c = 0; c < channels; c++) {
                sum[i * channels + c] /= weights[i];
            }
        }
        return crop(new Image(pw, ph, channels, sum), 0, 0, w, h);
    }

    /**
     * Tile origins along an axis: stride = tile − 2·margin − feather, so a tile's full-weight
     * core starts before its predecessor's weight has fallen to zero; the last tile is moved
     * back to end at the edge.
     */
    private int[] starts(int length, int tile) {
        if (tile >= length) {
            return new int[] {0};
        }
        int stride = tile - 2 * margin - feather;
        int count = (length - tile + stride - 1) / stride + 1;
        int[] starts = new int[count];
        for (int i = 0; i < count; i++) {
            starts[i] = Math.min(i * stride, length - tile);
        }
        return starts;
    }

    /** Per-pixel weights along one axis of a tile at {@code start} of {@code length} in a frame of {@code frame}. */
    private float[] ramp(int start, int length, int frame) {
        float[] w = new float[length];
        for (int i = 0; i < length; i++) {
            float left = start > 0 ? edgeWeight(i) : 1;
            float right = start + length < frame ? edgeWeight(length - 1 - i) : 1;
            w[i] = Math.min(left, right);
        }
        return w;
    }

    /** Weight of a pixel {@code distance} pixels in from a tile side that borders another tile. */
    private float edgeWeight(int distance) {
        int d = distance - margin;
        if (d < 0) {
            return 0;
        }
        if (d >= feather) {
            return 1;
        }
        return (float) (0.5 - 0.5 * Math.cos(Math.PI * (d + 0.5) / feather));
    }

    private static int roundUp(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }

    /** {@code image} extended to {@code w}×{@code h} by repeating its last column and row. */
    static Image pad(Image image, int w, int h) {
        if (w == image.width() && h == image.height()) {
            return image;
        }
        int c = image.channels();
        int rowLength = image.width() * c;
        Image out = Image.blank(w, h, c);
        float[] o = out.data();
        for (int y = 0; y < image.height(); y++) {
            System.arraycopy(image.data(), y * rowLength, o, y * w * c, rowLength);
            for (int x = image.width(); x < w; x++) { // the last pixel repeated
                System.arraycopy(o, y * w * c + rowLength - c, o, (y * w + x) * c, c);
            }
        }
        for (int y = image.height(); y < h; y++) { // the last row repeated
            System.arraycopy(o, (image.height() - 1) * w * c, o, y * w * c, w * c);
        }
        return out;
    }

    static Image crop(Image image, int x0, int y0, int w, int h) {
        if (x0 == 0 && y0 == 0 && w == image.width() && h == image.height()) {
            return image;
        }
        int c = image.channels();
        Image out = Image.blank(w, h, c);
        for (int y = 0; y < h; y++) {
            System.arraycopy(image.data(), ((y0 + y) * image.width() + x0) * c, out.data(), y * w * c, w * c);
        }
        return out;
    }
}
