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
                int smallTile = 64;
                Image tiled = model.predict(frame, smallTile);
                assertEquals(WIDTH, tiled.width());
                assertEquals(HEIGHT, tiled.height());
                assertEquals(c.outputChannels(), tiled.channels());

                FullyConvolutional geometry = (FullyConvolutional) c.instance().newBlock(c.defaultPreset());
                TiledInference tiling = TiledInference.withTileSize(geometry, smallTile);
                List<TiledInference.Tile> tiles = tiling.tiles(WIDTH, HEIGHT);
                assertTrue(tiles.size() >= 4, id + ": cut into " + tiles.size() + " tiles");

                // Where each tile's weight first reaches zero: a seam would show at these lines.
                boolean[] nearCutX = new boolean[WIDTH];
                boolean[] nearCutY = new boolean[HEIGHT];
                for (TiledInference.Tile t : tiles) {
                    mark(nearCutX, t.x(), t.width(), tiling.margin(), t.x() > 0, t.x() + t.width() < WIDTH);
                    mark(nearCutY, t.y(), t.height(), tiling.margin(), t.y() > 0, t.y() + t.height() < HEIGHT);
                }
                double atCuts = 0;
                double elsewhere = 0;
                double maxDiff = 0;
                for (int y = 0; y < HEIGHT; y++) {
                    for (int x = 0; x < WIDTH; x++) {
                        for (int k = 0; k < tiled.channels(); k++) {
                            double d = Math.abs(tiled.get(x, y, k) - whole.get(x, y, k));
                            maxDiff = Math.max(maxDiff, d);
                            if (nearCutX[x] || nearCutY[y]) {
                                atCuts = Math.max(atCuts, d);
                            } else {
                                elsewhere = Math.max(elsewhere, d);
                            }
                        }
                    }
                }
                assertTrue(maxDiff < 1e-3, id + ": tiled differs from whole-frame by " + maxDiff);
                assertTrue(atCuts <= Math.max(elsewhere * 2, 1e-5), id + ": at tile borders " + atCuts
                        + ", elsewhere " + elsewhere);
            }
        }
    }

    @Test
    void budgetChoosesTilesLargeEnoughForTheReceptiveField() {
        ArchitectureContribution c = ModelArchitectureRegistry.get().get(ArchitectureTest.CHROMA);
        FullyConvolutional net = (FullyConvolutional) c.instance().newBlock(c.defaultPreset());
        TiledInference roomy = TiledInference.forBudget(net, 1L << 30);
        assertEquals(1, roomy.tiles(1920, 1080).size(), "a 1080p frame fits 1 GiB in one pass");
        TiledInference tight = TiledInference.forBudget(net, 64L << 20);
        assertTrue(tight.tiles(2048, 1556).size() > 1);
        assertTrue((long) tight.tileSize() * tight.tileSize() * net.inferenceBytesPerPixel() <= 64L << 20);
        assertTrue(tight.margin() >= net.receptiveRadius());
        TiledInference tiny = TiledInference.forBudget(net, 1);
        assertTrue(tiny.tileSize() > 2 * tiny.margin(), "a budget too small still gives tiles with a usable core");
    }

    /** Marks the pixels within 2 px of where a tile's weight starts (margin in from an inner edge). */
    private static void mark(boolean[] near, int start, int length, int margin, boolean innerStart, boolean innerEnd) {
        for (int d = -2; d <= 2; d++) {
            if (innerStart) {
                set(near, start + margin + d);
            }
            if (innerEnd) {
                set(near, start + length - 1 - margin + d);
            }
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
