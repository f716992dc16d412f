package org.emulsion.engine.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.emulsion.engine.extensions.ArchitectureContribution;
import org.emulsion.engine.extensions.FullyConvolutional;
import org.emulsion.engine.extensions.ModelArchitectureRegistry;
import org.emulsion.core.image.Image;
import org.emulsion.engine.TiledInference;
import org.emulsion.engine.TrainedModel;
import org.junit.jupiter.api.Test;

/** Tiled inference against whole-frame inference of the same (randomly initialised) networks. */
class TiledInferenceTest {
    private static final int WIDTH = 203;
    private static final int HEIGHT = 150;

    @Test
    void tiledEqualsWholeFrameWithoutSeams() {
        for (String id : List.of(ArchitectureTest.CHROMA, ArchitectureTest.LUMA)) {
            ArchitectureContribution c = ModelArchitectureRegistry.get().get(id);
            try (TrainedModel model = TrainedModel.untrained(c.instance(), c.defaultPreset(), 3, 11)) {
                Image frame = texturedFrame(WIDTH, HEIGHT, 5);
                Image whole = model.predict(frame); // 30 k pixels: within the default budget, one pass
                FullyConvolutional geometry = (FullyConvolutional) c.instance().newBlock(c.defaultPreset());
                assertEquals(1, TiledInference.forBudget(geometry, TrainedModel.DEFAULT_BUDGET_MIB << 20).tiles(WIDTH, HEIGHT).size());
                // one tile per pass, and three tiles per pass (the last pass of the frame holds fewer)
                for (int batch : new int[] {1, 3}) {
                    TiledInference tiling = TiledInference.withTileSize(geometry, 64, batch);
                    Image tiled = model.predict(frame, tiling);
                    assertEquals(WIDTH, tiled.width());
                    assertEquals(HEIGHT, tiled.height());
                    assertEquals(c.outputChannels(), tiled.channels());
                    List<TiledInference.Tile> tiles = tiling.tiles(WIDTH, HEIGHT);
                    assertTrue(tiles.size() >= 4, id + ": cut into " + tiles.size() + " tiles");
                    assertEquals(batch, tiling.batch(WIDTH, HEIGHT));
                    assertCoresCoverTheFrameOnce(tiles, tiling.margin());
                    compare(id, tiles, whole, tiled);
                }
            }
        }
    }

    /**
     * Output needed at two small spots of a larger frame: only tiles around them are computed (the
     * rest of the output is 0), and at the spots it equals whole-frame inference.
     */
    @Test
    void sparseOutputComputesOnlyTheTilesAroundThePixelsNeeded() {
        ArchitectureContribution c = ModelArchitectureRegistry.get().get(ArchitectureTest.LUMA);
        int w = 480;
        int h = 360;
        try (TrainedModel model = TrainedModel.untrained(c.instance(), c.defaultPreset(), 3, 11)) {
            Image frame = texturedFrame(w, h, 7);
            Image whole = model.predict(frame);
            float[] where = new float[w * h];
            int[][] spots = {{30, 40}, {400, 300}};
            for (int[] s : spots) {
                for (int y = s[1]; y < s[1] + 12; y++) {
                    for (int x = s[0]; x < s[0] + 12; x++) {
                        where[y * w + x] = 1;
                    }
                }
            }
            Image sparse = model.predict(frame, new Image(w, h, 1, where));
            assertEquals(whole.channels(), sparse.channels());
            for (int[] s : spots) {
                for (int y = s[1]; y < s[1] + 12; y++) {
                    for (int x = s[0]; x < s[0] + 12; x++) {
                        assertEquals(whole.get(x, y, 0), sparse.get(x, y, 0), 1e-4, "at (" + x + ", " + y + ")");
                    }
                }
            }
            assertEquals(0f, sparse.get(240, 180, 0), "the frame's middle, far from both spots, is not computed");
            assertTrue(whole.get(240, 180, 0) != 0f);
            Image none = model.predict(frame, Image.blank(w, h, 1));
            assertEquals(whole.channels(), none.channels(), "nothing needed: a blank output, nothing computed");
        }
    }

    /** Tiled against whole-frame output: equal but for float rounding, and no larger at the cuts between cores (no seam). */
    private static void compare(String id, List<TiledInference.Tile> tiles, Image whole, Image tiled) {
        boolean[] nearCutX = new boolean[WIDTH];
        boolean[] nearCutY = new boolean[HEIGHT];
        for (TiledInference.Tile t : tiles) {
            mark(nearCutX, t.coreX(), t.coreWidth());
            mark(nearCutY, t.coreY(), t.coreHeight());
        }
        double atCuts = 0;
        double elsewhere = 0;
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                for (int k = 0; k < tiled.channels(); k++) {
                    double d = Math.abs(tiled.get(x, y, k) - whole.get(x, y, k));
                    if (nearCutX[x] || nearCutY[y]) {
                        atCuts = Math.max(atCuts, d);
                    } else {
                        elsewhere = Math.max(elsewhere, d);
                    }
                }
            }
        }
        assertTrue(Math.max(atCuts, elsewhere) < 1e-4, id + ": tiled differs from whole-frame by " + Math.max(atCuts, elsewhere));
        assertTrue(atCuts <= Math.max(elsewhere * 2, 1e-5), id + ": at the cuts " + atCuts + ", elsewhere " + elsewhere);
    }

    /** Every frame pixel is supplied by exactly one tile, at least the margin in from any side of it that another tile borders. */
    private static void assertCoresCoverTheFrameOnce(List<TiledInference.Tile> tiles, int margin) {
        int[] count = new int[WIDTH * HEIGHT];
        for (TiledInference.Tile t : tiles) {
            assertTrue(t.coreX() >= t.x() && t.coreX() + t.coreWidth() <= t.x() + t.width(), t.toString());
            assertTrue(t.coreY() >= t.y() && t.coreY() + t.coreHeight() <= t.y() + t.height(), t.toString());
            assertTrue(t.x() == 0 || t.coreX() - t.x() >= margin, t + ": core within the margin of its left side");
            assertTrue(t.y() == 0 || t.coreY() - t.y() >= margin, t + ": core within the margin of its top side");
            assertTrue(t.coreX() + t.coreWidth() >= WIDTH || t.x() + t.width() - (t.coreX() + t.coreWidth()) >= margin, t.toString());
            assertTrue(t.coreY() + t.coreHeight() >= HEIGHT || t.y() + t.height() - (t.coreY() + t.coreHeight()) >= margin, t.toString());
            for (int y = t.coreY(); y < t.coreY() + t.coreHeight(); y++) {
                for (int x = t.coreX(); x < t.coreX() + t.coreWidth(); x++) {
                    count[y * WIDTH + x]++;
                }
            }
        }
        for (int i = 0; i < count.length; i++) {
            assertEquals(1, count[i], "pixel (" + i % WIDTH + ", " + i / WIDTH + ") is supplied by " + count[i] + " tiles");
        }
    }

    @Test
    void budgetShapesTilesToComputeFewPixels() {
        ArchitectureContribution c = ModelArchitectureRegistry.get().get(ArchitectureTest.CHROMA);
        FullyConvolutional net = (FullyConvolutional) c.instance().newBlock(c.defaultPreset());
        assertEquals(1, TiledInference.forBudget(net, 1L << 30).tiles(1920, 1080).size(), "a 1080p frame fits 1 GiB in one pass");
        for (long budget : new long[] {64L << 20, 352L << 20}) {
            TiledInference tiling = TiledInference.forBudget(net, budget);
            for (int[] frame : new int[][] {{2048, 1556}, {4096, 3112}, {4400, 3300}, {720, 4000}}) {
                List<TiledInference.Tile> tiles = tiling.tiles(frame[0], frame[1]);
                TiledInference.Tile t = tiles.get(0);
                long area = (long) t.width() * t.height();
                assertTrue(tiles.size() > 1);
                assertTrue(area * tiling.batch(frame[0], frame[1]) * net.inferenceBytesPerPixel() <= budget, t + " within the budget");
                double overhead = (double) tiles.size() * area / ((long) frame[0] * frame[1]);
                // the overlap is the only extra work: near-square tiles for wide frames, full-width strips for narrow ones
                assertTrue(overhead < (budget > 64L << 20 ? 1.25 : 1.7), frame[0] + "x" + frame[1] + ": " + tiles.size() + " tiles of " + t
                        + " compute " + overhead + "x the frame's pixels");
                assertTrue(tiles.stream().allMatch(x -> x.width() == t.width() && x.height() == t.height()), "one tile shape");
            }
        }
        assertEquals(720, TiledInference.forBudget(net, 352L << 20).tiles(720, 4000).get(0).width(),
                "a narrow frame is cut into full-width strips when they fit the budget");
        assertTrue(TiledInference.forBudget(net, 64L << 20).margin() >= net.receptiveRadius());
        TiledInference tiny = TiledInference.forBudget(net, 1);
        TiledInference.Tile t = tiny.tiles(640, 480).get(0);
        assertTrue(t.width() > 2 * tiny.margin() && t.height() > 2 * tiny.margin(), "a budget too small still gives tiles with a usable core");
    }

    /** Marks the pixels within 2 px of a core's inner edges (where a seam would show). */
    private static void mark(boolean[] near, int start, int length) {
        for (int d = -2; d <= 2; d++) {
            set(near, start + d);
            set(near, start + length - 1 + d);
        }
    }

    private static void set(boolean[] near, int at) {
        if (at >= 0 && at < near.length) {
            near[at] = true;
        }
    }

    /** Smooth colour with fine random texture, as 16-bit samples (k / 65535) like a decoded scan. */
    static Image texturedFrame(int width, int height, long seed) {
        Random random = new Random(seed);
        Image image = Image.blank(width, height, 3);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double base = 0.5 + 0.3 * Math.sin(x / 17.0) * Math.cos(y / 23.0);
                for (int k = 0; k < 3; k++) {
                    double v = Math.min(1, Math.max(0, base + 0.1 * k - 0.1 + 0.05 * random.nextGaussian()));
                    image.set(x, y, k, Math.round(v * 65535) / 65535f);
                }
            }
        }
        return image;
    }
}
