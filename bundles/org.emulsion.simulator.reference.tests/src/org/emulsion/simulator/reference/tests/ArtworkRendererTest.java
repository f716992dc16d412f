package org.emulsion.simulator.reference.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.emulsion.core.image.Image;
import org.emulsion.media.ImageFiles;
import org.emulsion.simulator.ArtworkParameters;
import org.emulsion.simulator.ArtworkRenderer;
import org.emulsion.simulator.ArtworkResult;
import org.emulsion.simulator.ReferenceGeometry;
import org.emulsion.simulator.Truth;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** Artwork stills: stylised depictions of frames of the shots not excluded. */
class ArtworkRendererTest {
    private static final int FRAMES = 12;

    @TempDir
    static Path dir;

    static Truth truth;
    static ArtworkResult all;
    static ArtworkResult others;

    @BeforeAll
    static void render() throws Exception {
        truth = ReferenceTesting.truth(FRAMES, 3, 21);
        all = ArtworkRenderer.render(truth, 4, ArtworkParameters.defaults(), dir.resolve("all"));
        others = ArtworkRenderer.render(truth, 4, ArtworkParameters.defaults().withExcludedShots(List.of(1)), dir.resolve("others"));
    }

    @AfterAll
    static void close() {
        truth.close();
    }

    @Test
    void stillsDepictFramesOfTheOtherShotsOnly() throws Exception {
        assertEquals(3, all.stills().size());
        assertEquals(2, others.stills().size());
        assertEquals(List.of(0, 2), others.stills().stream().map(ArtworkResult.Still::shot).toList());
        for (ArtworkResult.Still s : others.stills()) {
            assertEquals(s.shot(), truth.shotOf(s.truthFrame()));
            assertNotEquals(1, truth.shotOf(s.truthFrame()), "excluded shot");
        }
        // excluding a shot leaves the other shots' stills as they were
        assertEquals(all.stills().get(0).truthFrame(), others.stills().get(0).truthFrame());
        assertEquals(all.stills().get(2).truthFrame(), others.stills().get(1).truthFrame());
        assertEquals(others.frameMap(), others.stills().stream().map(ArtworkResult.Still::truthFrame).toList());
        JsonObject json = JsonParser.parseString(Files.readString(others.sidecar())).getAsJsonObject();
        assertEquals(2, json.getAsJsonArray("stills").size());
        assertEquals(1, json.getAsJsonObject("parameters").getAsJsonArray("excludedShots").get(0).getAsInt());
        assertThrows(IllegalArgumentException.class,
                () -> ArtworkRenderer.render(truth, 4, ArtworkParameters.defaults().withExcludedShots(List.of(0, 1, 2)), dir.resolve("none")));
    }

    @Test
    void eachStillLooksLikeItsFrameButStylised() throws Exception {
        for (ArtworkResult.Still s : all.stills()) {
            Image still = ImageFiles.read(s.file()).image();
            ReferenceGeometry g = s.geometry();
            assertEquals(g.width(), still.width());
            assertEquals(g.height(), still.height());
            assertEquals(136, still.height(), "0.75 x 180, even");
            assertEquals(4.0 / 3, (double) still.width() / still.height(), 0.02);
            List<Image> warped = ReferenceTesting.warpAll(truth, g).stream().map(im -> ReferenceTesting.blur(im, 2)).toList();
            Image soft = ReferenceTesting.blur(still, 2);
            int best = ReferenceTesting.bestTruthFrame(soft, warped, g, 0, 1);
            assertEquals(s.shot(), truth.shotOf(best), s.style() + " still of frame " + s.truthFrame() + " looks like frame " + best);
            double c = ReferenceTesting.correlation(soft, warped.get(s.truthFrame()), g, 0, 1, 4);
            assertTrue(c > 0.6, s.style() + " correlation " + c);
            for (int t = 0; t < FRAMES; t++) {
                if (truth.shotOf(t) != s.shot()) {
                    assertTrue(ReferenceTesting.correlation(soft, warped.get(t), g, 0, 1, 4) < c, "frame " + t + " of another shot");
                }
            }
            // stylised: fine texture flattened compared with the plain framed frame
            Image plain = g.fromTruth(truth.frame(s.truthFrame()));
            assertTrue(texture(still) < 0.5 * texture(plain), s.style() + " texture " + texture(still) + " vs " + texture(plain));
        }
        assertEquals(List.of("paint", "posterise", "meanshift"), all.stills().stream().map(ArtworkResult.Still::style).toList());
    }

    @Test
    void sameSeedGivesTheSameStills() throws Exception {
        ArtworkResult again = ArtworkRenderer.render(truth, 4, ArtworkParameters.defaults(), dir.resolve("again"));
        for (int i = 0; i < all.stills().size(); i++) {
            assertEquals(-1L, Files.mismatch(all.stills().get(i).file(), again.stills().get(i).file()));
        }
        assertEquals(Files.readString(all.sidecar()), Files.readString(again.sidecar()));
    }

    /** Fine texture: the median absolute horizontal luma step (outlines a style adds are too sparse to move it). */
    private static double texture(Image im) {
        double[] steps = new double[im.height() * (im.width() - 1)];
        int n = 0;
        for (int y = 0; y < im.height(); y++) {
            for (int x = 1; x < im.width(); x++) {
                steps[n++] = Math.abs(ReferenceTesting.luma(im, x, y) - ReferenceTesting.luma(im, x - 1, y));
            }
        }
        java.util.Arrays.sort(steps);
        return steps[n / 2];
    }
}
