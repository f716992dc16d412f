package org.emulsion.media.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.emulsion.core.image.FrameSource;
import org.emulsion.core.image.Image;
import org.emulsion.core.image.SourceInfo;
import org.emulsion.media.VideoWriter;
import org.emulsion.media.internal.DvdSource;
import org.emulsion.media.internal.TelecineSource;
import org.emulsion.media.internal.VideoFileSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Field handling of the telecine source on woven test material: 3:2 pulldown of distinct moving
 * film frames comes back as each film frame exactly once, in order; interlaced video without
 * pulldown is deinterlaced; progressive video is read as is.
 */
class TelecineSourceTest {
    static final int W = 160, H = 120;

    @TempDir
    Path dir;

    @Test
    void inverseTelecineGivesEveryFilmFrameOnceInOrder() throws Exception {
        int filmFrames = 20;
        List<Image> film = film(filmFrames);
        Path file = VideoTesting.write(dir.resolve("telecine.mkv"), pulldown(film, true), interlaced(30000.0 / 1001));
        try (FrameSource source = new TelecineSource().open(file)) {
            SourceInfo info = source.info();
            assertEquals(24000.0 / 1001, info.fps(), 1e-9);
            assertEquals(SourceInfo.FieldOrder.TOP_FIELD_FIRST, info.fieldOrder());
            assertTrue(info.colourEncoding().contains("inverse telecine"), info.colourEncoding());
            assertEquals(filmFrames, info.frameCount(), "each film frame once");
            for (int k = 0; k < filmFrames; k++) {
                Image frame = source.read(k);
                assertEquals(k, VideoTesting.closest(frame, film), "reference frame " + k);
                assertTrue(comb(frame) < 0.01, "frame " + k + " combs: " + comb(frame));
            }
        }
    }

    @Test
    void ntscDvdWithHardPulldownComesBackAsFilmFrames() throws Exception {
        List<Image> film = film(20);
        // FFmpeg's MPEG-2 encoder codes interlaced pictures bottom field first unless frames say otherwise
        Path vob = VideoTesting.write(dir.resolve("ntsc.vob"), pulldown(film, false), new VideoWriter.Format("dvd",
                avcodec.AV_CODEC_ID_MPEG2VIDEO, avutil.AV_PIX_FMT_YUV420P, 30000.0 / 1001, 1, 6_000_000, 15, 2, false,
                Map.of("flags", "+ildct+ilme"), SourceInfo.Matrix.REC601));
        try (FrameSource source = new DvdSource().open(vob)) {
            assertEquals(24000.0 / 1001, source.info().fps(), 1e-9);
            assertEquals(film.size(), source.frameCount(), "each film frame once");
            for (int k = 0; k < film.size(); k++) {
                assertEquals(k, VideoTesting.closest(source.read(k), film), "reference frame " + k);
            }
        }
    }

    @Test
    void interlacedVideoWithoutPulldownIsDeinterlaced() throws Exception {
        List<Image> video = new ArrayList<>();
        for (int k = 0; k < 16; k++) {
            video.add(weave(moving(8.0 * k), moving(8.0 * k + 4))); // every field a new instant
        }
        Path file = VideoTesting.write(dir.resolve("video.mkv"), video, interlaced(25));
        try (FrameSource stored = new VideoFileSource().open(file); FrameSource source = new TelecineSource().open(file)) {
            assertEquals(16, source.frameCount());
            assertEquals(25, source.info().fps(), 1e-9);
            assertTrue(source.info().colourEncoding().contains("deinterlaced"), source.info().colourEncoding());
            for (int k = 1; k < 15; k++) {
                double before = comb(stored.read(k));
                double after = comb(source.read(k));
                assertTrue(after < before / 3, "frame " + k + ": combing " + before + " -> " + after);
            }
        }
    }

    @Test
    void progressiveVideoIsReadAsIs() throws Exception {
        List<Image> video = VideoTesting.frames(W, H, 6);
        Path file = VideoTesting.write(dir.resolve("progressive.mkv"), video,
                VideoTesting.format("matroska", avcodec.AV_CODEC_ID_FFV1, avutil.AV_PIX_FMT_BGR0, 24, 0, false));
        try (FrameSource source = new TelecineSource().open(file)) {
            assertEquals(6, source.frameCount());
            for (int k = 0; k < 6; k++) {
                assertEquals(0, VideoTesting.maxError(video.get(k), source.read(k)), 1e-6);
            }
        }
    }

    /** Film frames of a steady pan, 2 px a frame. */
    static List<Image> film(int frames) {
        List<Image> film = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            film.add(moving(i * 2.0));
        }
        return film;
    }

    /** 3:2 pulldown: film frames held alternately for 2 and 3 fields, the earlier field of each pair in the top rows or not. */
    static List<Image> pulldown(List<Image> film, boolean topFirst) {
        List<Integer> fields = new ArrayList<>();
        for (int i = 0; i < film.size(); i++) {
            for (int h = 0; h < (i % 2 == 0 ? 2 : 3); h++) {
                fields.add(i);
            }
        }
        List<Image> video = new ArrayList<>();
        for (int k = 0; k + 1 < fields.size(); k += 2) {
            Image first = film.get(fields.get(k)), second = film.get(fields.get(k + 1));
            video.add(topFirst ? weave(first, second) : weave(second, first));
        }
        return video;
    }

    private static VideoWriter.Format interlaced(double fps) {
        return new VideoWriter.Format("matroska", avcodec.AV_CODEC_ID_FFV1, avutil.AV_PIX_FMT_YUV444P, fps, 1, 0, 1, -1, false,
                Map.of("field_order", "tt"), SourceInfo.Matrix.REC601);
    }

    /** A textured picture moved {@code shift} pixels to the right (detail in both directions, so fields tell motion). */
    static Image moving(double shift) {
        Image im = Image.blank(W, H, 3);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                double u = x - shift;
                im.set(x, y, 0, (float) (0.5 + 0.35 * Math.sin(u / 5.0) * Math.cos(y / 9.0)));
                im.set(x, y, 1, (float) (0.5 + 0.35 * Math.sin(u / 11.0 + y / 6.0)));
                im.set(x, y, 2, (float) (0.5 + 0.3 * Math.cos(u / 7.0 - y / 13.0)));
            }
        }
        return VideoTesting.quantise(im, 255);
    }

    /** Even rows from {@code top}, odd rows from {@code bottom}. */
    static Image weave(Image top, Image bottom) {
        Image out = top.copy();
        int row = W * 3;
        for (int y = 1; y < H; y += 2) {
            System.arraycopy(bottom.data(), y * row, out.data(), y * row, row);
        }
        return out;
    }

    /** Mean absolute difference of each odd row from the mean of its even neighbours (green channel). */
    static double comb(Image im) {
        double s = 0;
        long n = 0;
        for (int y = 1; y + 1 < im.height(); y += 2) {
            for (int x = 0; x < im.width(); x++) {
                s += Math.abs(im.get(x, y, 1) - 0.5 * (im.get(x, y - 1, 1) + im.get(x, y + 1, 1)));
                n++;
            }
        }
        return s / n;
    }
}
