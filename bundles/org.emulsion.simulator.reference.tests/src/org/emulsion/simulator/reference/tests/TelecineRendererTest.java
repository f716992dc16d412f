package org.emulsion.simulator.reference.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.emulsion.core.image.Image;
import org.emulsion.simulator.ReferenceGeometry;
import org.emulsion.simulator.ReferenceResult;
import org.emulsion.simulator.TelecineParameters;
import org.emulsion.simulator.TelecineRenderer;
import org.emulsion.simulator.TelecineResult;
import org.emulsion.simulator.Truth;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** The NTSC 3:2 pulldown telecine, read back with FFmpeg and split into fields. */
class TelecineRendererTest {
    private static final int FRAMES = 16;

    @TempDir
    static Path dir;

    static Truth truth;
    static TelecineResult telecine;
    static List<Image> decoded;

    @BeforeAll
    static void render() throws Exception {
        truth = ReferenceTesting.truth(FRAMES, 2, 9);
        telecine = TelecineRenderer.render(truth, 7, TelecineParameters.defaults(), dir.resolve("a"));
        decoded = ReferenceTesting.decodeAll(telecine.location());
    }

    @AfterAll
    static void close() {
        truth.close();
    }

    @Test
    void streamIsNtscInterlacedAt2997() throws Exception {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(telecine.location().toFile())) {
            grabber.start();
            AVStream stream = grabber.getFormatContext().streams(grabber.getVideoStream());
            assertEquals(avcodec.AV_CODEC_ID_FFV1, stream.codecpar().codec_id());
            assertEquals(720, grabber.getImageWidth());
            assertEquals(480, grabber.getImageHeight());
            assertEquals(30000, stream.r_frame_rate().num());
            assertEquals(1001, stream.r_frame_rate().den());
            assertEquals(29.97, grabber.getFrameRate(), 0.001);
            assertEquals(avcodec.AV_FIELD_TT, stream.codecpar().field_order(), "top field first, signalled in the file");
            assertEquals(avutil.AV_PIX_FMT_YUV422P10LE, stream.codecpar().format());
            assertEquals(10.0 / 11, stream.sample_aspect_ratio().num() / (double) stream.sample_aspect_ratio().den(), 1e-9);
            grabber.stop();
        }
        assertEquals(FRAMES * 5 / 4, decoded.size(), "4 film frames -> 10 fields -> 5 video frames");
        assertEquals(decoded.size(), telecine.frames().size());
        assertEquals(2 * decoded.size(), telecine.fieldMap().size());
    }

    @Test
    void cadenceIsThreeTwo() throws Exception {
        assertTrue(telecine.cadence().startsWith("AA BB BC CD DD AA BB BC CD DD"), telecine.cadence());
        for (int k = 0; k < telecine.frames().size(); k++) {
            assertEquals(k % 5 == 2 || k % 5 == 3, telecine.frames().get(k).mixed(), "frame " + k);
            assertEquals(telecine.frames().get(k).mixed() ? ReferenceResult.NONE : telecine.frames().get(k).top(),
                    telecine.frameMap().get(k));
        }
        int[] held = new int[FRAMES];
        telecine.fieldMap().forEach(t -> held[t]++);
        for (int t = 0; t < FRAMES; t++) {
            assertEquals(t % 2 == 0 ? 2 : 3, held[t], "fields of film frame " + t);
        }
        JsonObject json = JsonParser.parseString(Files.readString(telecine.sidecar())).getAsJsonObject();
        assertEquals(telecine.cadence(), json.get("cadence").getAsString());
        assertEquals(telecine.frames().size(), json.getAsJsonArray("fieldsPerFrame").size());

        TelecineResult shifted = TelecineRenderer.render(truth, 7, TelecineParameters.defaults().withCadencePhase(1), dir.resolve("p1"));
        assertTrue(shifted.cadence().startsWith("BB BC CD DD AA"), shifted.cadence());
    }

    @Test
    void everyFieldShowsItsRecordedFilmFrame() {
        ReferenceGeometry g = telecine.geometry(0);
        List<Image> warped = ReferenceTesting.warpAll(truth, g);
        for (int k = 0; k < decoded.size(); k++) {
            TelecineResult.Fields f = telecine.frames().get(k);
            assertEquals(f.top(), ReferenceTesting.bestTruthFrame(decoded.get(k), warped, g, 0, 2), "top field of frame " + k);
            assertEquals(f.bottom(), ReferenceTesting.bestTruthFrame(decoded.get(k), warped, g, 1, 2), "bottom field of frame " + k);
        }
    }

    @Test
    void repeatedFieldsAndMixedFramesShowInTheDecodedFields() {
        // the same film frame held in the same field parity of consecutive video frames differs by noise only
        List<Double> repeats = new ArrayList<>();
        List<Double> changes = new ArrayList<>();
        for (int k = 1; k < decoded.size(); k++) {
            for (int parity = 0; parity < 2; parity++) {
                double d = fieldDifference(decoded.get(k), decoded.get(k - 1), parity);
                TelecineResult.Fields now = telecine.frames().get(k);
                TelecineResult.Fields before = telecine.frames().get(k - 1);
                boolean repeat = parity == 0 ? now.top() == before.top() : now.bottom() == before.bottom();
                (repeat ? repeats : changes).add(d);
            }
        }
        double worstRepeat = repeats.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        double leastChange = changes.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        assertTrue(worstRepeat < leastChange, "repeated fields " + repeats + " vs new fields " + changes);
        assertEquals(2 * (decoded.size() - 1) - changes.size(), repeats.size());
        assertEquals((decoded.size() / 5) * 2, repeats.size(), "two repeated fields per 5 frames");

        // a woven frame whose fields come from two film frames combs: odd rows disagree with the even rows around them
        double mixed = Double.MAX_VALUE;
        double pure = 0;
        for (int k = 0; k < decoded.size(); k++) {
            TelecineResult.Fields f = telecine.frames().get(k);
            if (truth.shotOf(f.top()) != truth.shotOf(f.bottom())) {
                continue;
            }
            double comb = comb(decoded.get(k));
            if (f.mixed()) {
                mixed = Math.min(mixed, comb);
            } else {
                pure = Math.max(pure, comb);
            }
        }
        assertTrue(mixed > pure, "combing: mixed frames >= " + mixed + ", progressive frames <= " + pure);
    }

    @Test
    void gradeDriftsOverTime() {
        double range = 0;
        for (int c = 0; c < 3; c++) {
            double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
            for (double[] g : telecine.gains()) {
                lo = Math.min(lo, g[c]);
                hi = Math.max(hi, g[c]);
            }
            range = Math.max(range, hi - lo);
        }
        assertTrue(range > 0.02, "drift range " + range);
        // the decoded colour balance follows the recorded drift rather than the starting grade
        ReferenceGeometry g = telecine.geometry(0);
        int worst = 0;
        double worstDrift = 0;
        for (int k = 0; k < decoded.size(); k++) {
            TelecineResult.Fields f = telecine.frames().get(k);
            double[] gain = telecine.gains().get(f.top());
            double drift = Math.abs(gain[0] - 1) + Math.abs(gain[2] - 1);
            if (!f.mixed() && drift > worstDrift) {
                worstDrift = drift;
                worst = k;
            }
        }
        TelecineResult.Fields f = telecine.frames().get(worst);
        double[] gain = telecine.gains().get(f.top());
        Image base = ReferenceTesting.warp(telecine.parameters().grade().apply(truth.frame(f.top())), g);
        Image drifted = ReferenceTesting.warp(telecine.parameters().grade().scaledGains(gain[0], gain[1], gain[2])
                .apply(truth.frame(f.top())), g);
        double errorBase = 0, errorDrifted = 0;
        for (int c = 0; c < 3; c++) {
            double m = ReferenceTesting.mean(decoded.get(worst), c, 20, 20, 700, 460);
            errorBase += Math.abs(m - ReferenceTesting.mean(base, c, 20, 20, 700, 460));
            errorDrifted += Math.abs(m - ReferenceTesting.mean(drifted, c, 20, 20, 700, 460));
        }
        assertTrue(errorDrifted < errorBase, "frame " + worst + ": " + errorDrifted + " vs " + errorBase);
    }

    @Test
    void sameSeedGivesTheSameFile() throws Exception {
        TelecineResult again = TelecineRenderer.render(truth, 7, TelecineParameters.defaults(), dir.resolve("b"));
        assertEquals(-1L, Files.mismatch(telecine.location(), again.location()));
        TelecineResult other = TelecineRenderer.render(truth, 8, TelecineParameters.defaults(), dir.resolve("c"));
        assertTrue(Files.mismatch(telecine.location(), other.location()) >= 0, "noise and drift follow the seed");
    }

    /** Mean absolute luma difference between the same-parity fields of two frames. */
    private static double fieldDifference(Image a, Image b, int parity) {
        double s = 0;
        long n = 0;
        for (int y = parity; y < a.height(); y += 2) {
            for (int x = 8; x < a.width() - 8; x += 2) {
                s += Math.abs(ReferenceTesting.luma(a, x, y) - ReferenceTesting.luma(b, x, y));
                n++;
            }
        }
        return s / n;
    }

    /** Mean absolute difference of each odd row from the average of the even rows above and below it. */
    private static double comb(Image im) {
        double s = 0;
        long n = 0;
        for (int y = 1; y + 1 < im.height(); y += 2) {
            for (int x = 8; x < im.width() - 8; x += 2) {
                double odd = ReferenceTesting.luma(im, x, y);
                double even = 0.5 * (ReferenceTesting.luma(im, x, y - 1) + ReferenceTesting.luma(im, x, y + 1));
                s += Math.abs(odd - even);
                n++;
            }
        }
        return s / n;
    }
}
