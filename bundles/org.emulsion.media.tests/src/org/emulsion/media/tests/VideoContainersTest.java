package org.emulsion.media.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.emulsion.core.image.FrameSource;
import org.emulsion.core.image.Image;
import org.emulsion.core.image.SourceInfo;
import org.emulsion.media.internal.VideoFileSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every container and codec the video sources read, written by FFmpeg and read back: bit-exact
 * for lossless FFV1 (RGB pixel formats, so no matrix rounding), PSNR floors for the lossy codecs,
 * exact frame counts throughout.
 */
class VideoContainersTest {
    private static final int W = 96, H = 64, N = 8;

    @TempDir
    Path dir;

    @Test
    void ffv1InAviIsBitExactAt8Bits() throws Exception {
        List<Image> frames = VideoTesting.frames(W, H, N);
        Path file = VideoTesting.write(dir.resolve("a.avi"), frames,
                VideoTesting.format("avi", avcodec.AV_CODEC_ID_FFV1, avutil.AV_PIX_FMT_BGR0, 24, 0, false));
        try (FrameSource video = new VideoFileSource().open(file)) {
            assertEquals(N, video.frameCount());
            assertEquals(SourceInfo.Matrix.RGB, video.info().matrix());
            List<Image> back = VideoTesting.readAll(video);
            for (int i = 0; i < N; i++) {
                assertEquals(0, VideoTesting.maxError(frames.get(i), back.get(i)), 1e-6, "frame " + i);
            }
        }
    }

    @Test
    void ffv1InMatroskaIsBitExactAt10Bits() throws Exception {
        List<Image> frames = VideoTesting.frames(W, H, N).stream().map(f -> VideoTesting.quantise(f, 1023)).toList();
        Path file = VideoTesting.write(dir.resolve("a.mkv"), frames,
                VideoTesting.format("matroska", avcodec.AV_CODEC_ID_FFV1, avutil.AV_PIX_FMT_GBRP10LE, 24, 0, true));
        try (FrameSource video = new VideoFileSource().open(file)) {
            assertEquals(N, video.frameCount());
            assertEquals(10, video.info().bitDepth());
            List<Image> back = VideoTesting.readAll(video);
            for (int i = 0; i < N; i++) {
                float[] want = frames.get(i).data(), got = back.get(i).data();
                for (int k = 0; k < want.length; k++) {
                    assertEquals(Math.round(want[k] * 1023), Math.round(got[k] * 1023), "frame " + i + " sample " + k);
                }
            }
        }
    }

    @Test
    void proResInMovKeeps40Db() throws Exception {
        lossy("a.mov", VideoTesting.format("mov", avcodec.AV_CODEC_ID_PRORES, avutil.AV_PIX_FMT_YUV422P10LE, 24, 0, true), 40);
    }

    @Test
    void mpeg2ProgramStream() throws Exception {
        lossy("a.mpg", VideoTesting.format("dvd", avcodec.AV_CODEC_ID_MPEG2VIDEO, avutil.AV_PIX_FMT_YUV420P, 25, 4_000_000, false),
                30);
    }

    @Test
    void h264InMp4() throws Exception {
        lossy("a.mp4", VideoTesting.format("mp4", avcodec.AV_CODEC_ID_H264, avutil.AV_PIX_FMT_YUV420P, 25, 2_000_000, false), 30);
    }

    private void lossy(String name, org.emulsion.media.VideoWriter.Format format, double floorDb) throws Exception {
        List<Image> frames = VideoTesting.frames(W, H, N);
        Path file = VideoTesting.write(dir.resolve(name), frames, format);
        try (FrameSource video = new VideoFileSource().open(file)) {
            assertEquals(N, video.frameCount(), name + ": frame count");
            assertEquals(format.fps(), video.info().fps(), 1e-6);
            List<Image> back = VideoTesting.readAll(video);
            for (int i = 0; i < N; i++) {
                double psnr = VideoTesting.psnr(frames.get(i), back.get(i));
                assertTrue(psnr >= floorDb, name + " frame " + i + ": " + psnr + " dB");
                assertEquals(i, VideoTesting.closest(back.get(i), frames), name + ": frame order");
            }
        }
    }
}
