package org.emulsion.media.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.emulsion.core.image.FrameSource;
import org.emulsion.core.image.Image;
import org.emulsion.core.image.SourceInfo;
import org.emulsion.core.image.SourceInfo.FieldOrder;
import org.emulsion.core.image.SourceInfo.Matrix;
import org.emulsion.media.VideoWriter;
import org.emulsion.media.internal.VideoFileSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Field order, colour matrix and pixel aspect come from the stream, and decoding uses the stream's matrix. */
class VideoStreamPropertiesTest {
    private static final int W = 96, H = 64;

    @TempDir
    Path dir;

    @Test
    void rec709AndRec601FilesOfTheSameRgbBothDecodeToThatRgb() throws Exception {
        List<Image> frames = VideoTesting.frames(W, H, 3);
        Path f709 = VideoTesting.write(dir.resolve("709.mkv"), frames, yuv444(Matrix.REC709));
        Path f601 = VideoTesting.write(dir.resolve("601.mkv"), frames, yuv444(Matrix.REC601));
        assertTrue(Files.mismatch(f709, f601) >= 0, "the two matrices give different YCbCr samples");
        for (Path file : List.of(f709, f601)) {
            try (FrameSource video = new VideoFileSource().open(file)) {
                assertEquals(file == f709 ? Matrix.REC709 : Matrix.REC601, video.info().matrix(), file.toString());
                for (int i = 0; i < frames.size(); i++) {
                    // 8-bit video-range YCbCr rounding only; the other matrix would be off by up to ~10 levels here
                    double error = VideoTesting.maxError(frames.get(i), video.read(i));
                    assertTrue(error < 2.5 / 255, file.getFileName() + " frame " + i + ": max error " + error * 255 + " levels");
                }
            }
        }
    }

    @Test
    void matrixIsReadFromAnMpeg2StreamAndDefaultsBySize() throws Exception {
        Path tagged = VideoTesting.write(dir.resolve("709.mpg"), VideoTesting.frames(W, H, 2), new VideoWriter.Format("dvd",
                avcodec.AV_CODEC_ID_MPEG2VIDEO, avutil.AV_PIX_FMT_YUV420P, 25, 1, 2_000_000, 12, -1, false, Map.of(), Matrix.REC709));
        Path untaggedSd = VideoTesting.write(dir.resolve("sd.mkv"), VideoTesting.frames(W, H, 2),
                VideoTesting.format("matroska", avcodec.AV_CODEC_ID_FFV1, avutil.AV_PIX_FMT_YUV420P, 25, 0, false));
        Path untaggedHd = VideoTesting.write(dir.resolve("hd.mkv"), VideoTesting.frames(1280, 720, 1),
                VideoTesting.format("matroska", avcodec.AV_CODEC_ID_FFV1, avutil.AV_PIX_FMT_YUV420P, 25, 0, false));
        assertEquals(Matrix.REC709, info(tagged).matrix());
        assertEquals(Matrix.REC601, info(untaggedSd).matrix());
        assertEquals(Matrix.REC709, info(untaggedHd).matrix());
    }

    @Test
    void fieldOrderAndPixelAspectAreReadBack() throws Exception {
        for (String order : List.of("tt", "bb", "progressive")) {
            Path file = VideoTesting.write(dir.resolve(order + ".mkv"), VideoTesting.frames(W, H, 2),
                    new VideoWriter.Format("matroska", avcodec.AV_CODEC_ID_FFV1, avutil.AV_PIX_FMT_YUV422P10LE, 30000.0 / 1001,
                            64.0 / 45, 0, 1, -1, true, Map.of("field_order", order), Matrix.REC601));
            SourceInfo info = info(file);
            assertEquals(switch (order) {
                case "tt" -> FieldOrder.TOP_FIELD_FIRST;
                case "bb" -> FieldOrder.BOTTOM_FIELD_FIRST;
                default -> FieldOrder.PROGRESSIVE;
            }, info.fieldOrder(), order);
            assertEquals(64.0 / 45, info.pixelAspect(), 1e-9);
            assertEquals(30000.0 / 1001, info.fps(), 1e-9);
        }
    }

    private static VideoWriter.Format yuv444(Matrix matrix) {
        return new VideoWriter.Format("matroska", avcodec.AV_CODEC_ID_FFV1, avutil.AV_PIX_FMT_YUV444P, 24, 1, 0, 1, -1, false,
                Map.of(), matrix);
    }

    private static SourceInfo info(Path file) throws Exception {
        try (FrameSource video = new VideoFileSource().open(file)) {
            return video.info();
        }
    }
}
