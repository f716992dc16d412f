package org.emulsion.media.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.emulsion.core.image.FrameSource;
import org.emulsion.core.image.Image;
import org.emulsion.media.OpenCv;
import org.emulsion.media.internal.VideoFileSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FFmpeg through JavaCV: a lossless FFV1 encode, decoded back by the video reference source. */
class VideoFileSourceTest {

    @TempDir
    Path dir;

    @Test
    void ffv1RoundTripIsLossless() throws Exception {
        Path video = dir.resolve("capture.mkv");
        Image[] frames = new Image[5];
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(video.toFile(), 64, 48, 0);
                OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
            recorder.setFormat("matroska");
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_FFV1);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_GBRP16LE);
            recorder.setFrameRate(24);
            recorder.start();
            for (int i = 0; i < frames.length; i++) {
                frames[i] = TestImages.quantise16(TestImages.gradient(64, 48, 10 + i));
                try (Mat rgb = OpenCv.toMat(frames[i]); Mat bits = new Mat(); Mat bgr = new Mat()) {
                    rgb.convertTo(bits, opencv_core.CV_16U, 65535.0, 0);
                    opencv_imgproc.cvtColor(bits, bgr, opencv_imgproc.COLOR_RGB2BGR);
                    var frame = converter.convert(bgr);
                    recorder.recordImage(frame.imageWidth, frame.imageHeight, frame.imageDepth, frame.imageChannels,
                            frame.imageStride, avutil.AV_PIX_FMT_BGR48LE, frame.image);
                }
            }
            recorder.stop();
        }
        VideoFileSource source = new VideoFileSource();
        assertTrue(source.canOpen(video));
        try (FrameSource decoded = source.open(video)) {
            assertEquals(64, decoded.info().width());
            assertEquals(24.0, decoded.info().fps(), 0.01);
            assertArrayEquals(frames[3].data(), decoded.read(3).data(), 1e-6f);
            assertArrayEquals(frames[1].data(), decoded.read(1).data(), 1e-6f, "reading backwards reopens the file");
        }
    }

    @Test
    void unreadableVideoIsReportedByName() throws IOException {
        Path bogus = dir.resolve("broken.mkv");
        Files.writeString(bogus, "not a video");
        IOException e = assertThrows(IOException.class, () -> new VideoFileSource().open(bogus).close());
        assertTrue(e.getMessage().contains("broken.mkv"), e.getMessage());
    }
}
