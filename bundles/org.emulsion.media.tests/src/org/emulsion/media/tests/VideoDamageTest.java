package org.emulsion.media.tests;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.emulsion.core.extensions.ReferenceSource;
import org.emulsion.media.internal.DvdSource;
import org.emulsion.media.internal.VideoFileSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Truncated and corrupt videos are reported by file and picture, with what to do, never as a bare FFmpeg error. */
class VideoDamageTest {
    @TempDir
    Path dir;

    @Test
    void truncatedMatroskaNamesFileAndPicture() throws Exception {
        Path good = ffv1();
        Path cut = dir.resolve("cut.mkv");
        byte[] bytes = Files.readAllBytes(good);
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        assertReported(new VideoFileSource(), cut, "truncated");
    }

    @Test
    void garbageInTheMiddleOfMatroskaNamesFileAndPicture() throws Exception {
        assertReported(new VideoFileSource(), garbled(ffv1(), "garbled.mkv"), "picture");
    }

    @Test
    void truncatedAndGarbledVobNameFileAndPicture() throws Exception {
        Path vob = VideoTesting.write(dir.resolve("title.vob"), VideoTesting.frames(352, 288, 30),
                VideoTesting.format("dvd", avcodec.AV_CODEC_ID_MPEG2VIDEO, avutil.AV_PIX_FMT_YUV420P, 25, 4_000_000, false));
        byte[] bytes = Files.readAllBytes(vob);
        Path cut = dir.resolve("cut.vob");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        assertReported(new DvdSource(), cut, "picture");
        assertReported(new DvdSource(), garbled(vob, "garbled.vob"), "picture");
    }

    private Path ffv1() throws IOException {
        return VideoTesting.write(dir.resolve("capture.mkv"), VideoTesting.frames(96, 64, 12),
                VideoTesting.format("matroska", avcodec.AV_CODEC_ID_FFV1, avutil.AV_PIX_FMT_YUV420P, 25, 0, false));
    }

    private Path garbled(Path file, String name) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Random random = new Random(3);
        for (int i = bytes.length / 3; i < bytes.length / 3 + bytes.length / 6; i++) {
            bytes[i] = (byte) random.nextInt();
        }
        Path out = dir.resolve(name);
        Files.write(out, bytes);
        return out;
    }

    private static void assertReported(ReferenceSource source, Path file, String word) {
        IOException e = assertThrows(IOException.class, () -> {
            try (var video = source.open(file)) {
                for (int i = 0; i < video.frameCount(); i++) {
                    video.read(i);
                }
            }
        });
        String m = e.getMessage();
        assertTrue(m.contains(file.getFileName().toString()) && m.contains(word) && m.matches("(?s).*\\d.*"), m);
    }
}
