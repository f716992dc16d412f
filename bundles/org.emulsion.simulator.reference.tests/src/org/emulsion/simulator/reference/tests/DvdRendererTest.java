package org.emulsion.simulator.reference.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.emulsion.core.image.Image;
import org.emulsion.simulator.Cut;
import org.emulsion.simulator.DvdParameters;
import org.emulsion.simulator.DvdRenderer;
import org.emulsion.simulator.DvdResult;
import org.emulsion.simulator.ReferenceGeometry;
import org.emulsion.simulator.ReferenceResult;
import org.emulsion.simulator.Truth;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** The PAL DVD element, read back with FFmpeg. */
class DvdRendererTest {
    private static final int FRAMES = 16;

    @TempDir
    static Path dir;

    static Truth truth;
    static DvdResult dvd;
    static List<Image> decoded;

    @BeforeAll
    static void render() throws Exception {
        truth = ReferenceTesting.truth(FRAMES, 2, 5);
        dvd = DvdRenderer.render(truth, 42, DvdParameters.defaults(), dir.resolve("a"));
        decoded = ReferenceTesting.decodeAll(dvd.location());
    }

    @AfterAll
    static void close() {
        truth.close();
    }

    @Test
    void streamIsPalAnamorphicMpeg2() throws Exception {
        assertTrue(Files.isRegularFile(dvd.location()));
        assertTrue(dvd.location().getFileName().toString().endsWith(".vob"));
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(dvd.location().toFile())) {
            grabber.start();
            AVStream stream = grabber.getFormatContext().streams(grabber.getVideoStream());
            assertEquals("mpeg2video", grabber.getVideoCodecName());
            assertEquals(720, grabber.getImageWidth());
            assertEquals(576, grabber.getImageHeight());
            assertEquals(25, stream.r_frame_rate().num() / (double) stream.r_frame_rate().den(), 1e-9);
            assertEquals(25.0, grabber.getFrameRate(), 1e-9);
            assertEquals(avutil.AV_PIX_FMT_YUV420P, stream.codecpar().format(), "4:2:0");
            assertEquals(64, stream.codecpar().sample_aspect_ratio().num(), "sample aspect ratio 64:45 in the stream");
            assertEquals(45, stream.codecpar().sample_aspect_ratio().den());
            grabber.grabImage();
            assertEquals(64.0 / 45, grabber.getAspectRatio(), 1e-9, "aspect FFmpeg reports once a picture is decoded");
            long bitsPerSecond = Files.size(dvd.location()) * 8 * 25 / decoded.size();
            assertTrue(bitsPerSecond > 1_000_000 && bitsPerSecond < 9_800_000, "mux rate " + bitsPerSecond);
            grabber.stop();
        }
    }

    @Test
    void leadInAndCutAreRecordedAndConsistentWithTheFrameCount() throws Exception {
        assertEquals(12, dvd.leadInFrames());
        assertEquals(1, dvd.cuts().size());
        Cut cut = dvd.cuts().get(0);
        assertEquals(3, cut.frames());
        assertTrue(cut.firstFrame() >= 1 && cut.lastFrame() <= FRAMES - 2, cut.toString());
        assertEquals(12 + FRAMES - 3, dvd.frameMap().size());
        assertEquals(dvd.frameMap().size(), decoded.size(), "decoded frames");
        List<Integer> expected = new ArrayList<>();
        for (int k = 0; k < 12; k++) {
            expected.add(ReferenceResult.NONE);
        }
        for (int t = 0; t < FRAMES; t++) {
            if (!cut.contains(t)) {
                expected.add(t);
            }
        }
        assertEquals(expected, dvd.frameMap());
        assertEquals(ReferenceResult.NONE, dvd.discFrameOf(cut.firstFrame()));
        assertEquals(25.0 / 24, dvd.speed(), 1e-12);

        JsonObject json = JsonParser.parseString(Files.readString(dvd.sidecar())).getAsJsonObject();
        assertEquals(12, json.get("leadInFrames").getAsInt());
        assertEquals(cut.firstFrame(), json.getAsJsonArray("cuts").get(0).getAsJsonObject().get("firstFrame").getAsInt());
        assertEquals(dvd.frameMap().size(), json.getAsJsonArray("frameMap").size());
        assertEquals(42, json.get("seed").getAsLong());
        assertEquals(3, json.getAsJsonObject("parameters").get("cutLength").getAsInt());
    }

    @Test
    void geometryIsAnamorphicLetterbox() {
        ReferenceGeometry g = dvd.geometry(0);
        assertEquals(720, g.width());
        assertEquals(576, g.height());
        assertEquals(64.0 / 45, g.pixelAspect(), 1e-12);
        assertEquals(g.pixelAspect(), g.scaleX() / g.scaleY(), 0.01, "anamorphic: a stored pixel is 64/45 as wide as high");
        assertEquals(1.85, g.pictureAspect(), 0.01);
        assertEquals(720, g.activeWidth());
        assertTrue(g.activeY() > 0, "letterbox bars");
        assertEquals(3.0, g.referenceX(g.truthX(3.0)), 1e-9);
        // the truth window shown lies inside the truth frame
        assertTrue(g.truthX(-0.5) >= -0.5 - 1e-9 && g.truthX(719.5) <= 319.5 + 1e-9);
        assertTrue(g.truthY(g.activeY() - 0.5) >= -0.5 - 1e-9 && g.truthY(g.activeY() + g.activeHeight() - 0.5) <= 179.5 + 1e-9);

        Image film = decoded.get(dvd.leadInFrames());
        double bars = Math.max(ReferenceTesting.mean(film, 1, 0, 0, 720, g.activeY() - 2),
                ReferenceTesting.mean(film, 1, 0, g.activeY() + g.activeHeight() + 2, 720, 576));
        assertTrue(bars < 0.03, "bars are black: " + bars);
        assertTrue(ReferenceTesting.mean(film, 1, 0, g.activeY(), 720, g.activeY() + g.activeHeight()) > 0.15);
    }

    @Test
    void everyFilmFrameOnTheDiscShowsItsMappedTruthFrame() {
        ReferenceGeometry g = dvd.geometry(0);
        List<Image> warped = ReferenceTesting.warpAll(truth, g);
        Set<Integer> shown = new HashSet<>();
        for (int k = 0; k < decoded.size(); k++) {
            int t = dvd.frameMap().get(k);
            if (t == ReferenceResult.NONE) {
                continue;
            }
            assertEquals(t, ReferenceTesting.bestTruthFrame(decoded.get(k), warped, g, 0, 1), "disc frame " + k);
            double c = ReferenceTesting.correlation(decoded.get(k), warped.get(t), g, 0, 1, 4);
            assertTrue(c > 0.9, "disc frame " + k + " correlation " + c);
            double off = Math.max(ReferenceTesting.correlation(decoded.get(k), ReferenceTesting.warp(truth.frame(t),
                    ReferenceTesting.shifted(g, 2, 0)), g, 0, 1, 4), ReferenceTesting.correlation(decoded.get(k),
                            ReferenceTesting.warp(truth.frame(t), ReferenceTesting.shifted(g, 0, 2)), g, 0, 1, 4));
            assertTrue(c > off, "geometry is exact: " + c + " vs 2 px off " + off);
            shown.add(t);
        }
        for (Cut cut : dvd.cuts()) {
            for (int t = cut.firstFrame(); t <= cut.lastFrame(); t++) {
                assertFalse(shown.contains(t), "cut frame " + t + " is on the disc");
            }
        }
        // lead-in: logo, then black
        Image black = decoded.get(dvd.leadInFrames() - 1);
        assertTrue(ReferenceTesting.mean(black, 1, 0, 0, 720, 576) < 0.03, "black before the film");
        Image logo = decoded.get(dvd.parameters().logoFrames() - 1);
        assertTrue(ReferenceTesting.mean(logo, 0, 0, 0, 720, 576) > 0.02, "logo frames show something");
    }

    @Test
    void sameSeedGivesTheSameDiscAndCutsFollowTheSeed() throws Exception {
        DvdResult again = DvdRenderer.render(truth, 42, DvdParameters.defaults(), dir.resolve("b"));
        assertArrayEquals(Files.readAllBytes(dvd.location()), Files.readAllBytes(again.location()));
        assertEquals(dvd.cuts(), again.cuts());
        assertEquals(Files.readString(dvd.sidecar()), Files.readString(again.sidecar()));
        Set<Integer> starts = new HashSet<>();
        for (long seed = 1; seed <= 5; seed++) {
            starts.add(DvdRenderer.render(truth, seed, DvdParameters.defaults().withLeadIn(0, 1).withCuts(1, 2), dir.resolve("s" + seed))
                    .cuts().get(0).firstFrame());
        }
        assertTrue(starts.size() > 1, "cut positions depend on the seed: " + starts);
    }
}
