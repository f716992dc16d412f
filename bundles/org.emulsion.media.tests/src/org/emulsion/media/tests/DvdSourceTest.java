package org.emulsion.media.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.emulsion.core.image.FrameSource;
import org.emulsion.core.image.Image;
import org.emulsion.core.image.SourceInfo;
import org.emulsion.media.VideoWriter;
import org.emulsion.media.internal.DvdSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fake VIDEO_TS folder: the main title written as one MPEG-2 program stream and split into three
 * VOB parts at pack boundaries (as DVD authoring does), a menu, a video manager VOB and a smaller
 * second title set. The DVD source must read the main title's parts in order, skipping the rest.
 */
class DvdSourceTest {
    static final int W = 352, H = 288, N = 36, BAR = 36;

    @TempDir
    Path dir;
    Path videoTs;
    List<Image> title;

    @BeforeEach
    void authorDvd() throws IOException {
        videoTs = Files.createDirectories(dir.resolve("DISC/VIDEO_TS"));
        title = new ArrayList<>();
        for (Image f : VideoTesting.frames(W, H - 2 * BAR, N)) {
            title.add(letterboxed(f));
        }
        Path whole = VideoTesting.write(dir.resolve("title.vob"), title, dvd());
        byte[] bytes = Files.readAllBytes(whole);
        int pack = 2048;
        int third = bytes.length / pack / 3 * pack;
        Files.write(videoTs.resolve("VTS_01_1.VOB"), Arrays.copyOfRange(bytes, 0, third));
        Files.write(videoTs.resolve("VTS_01_2.VOB"), Arrays.copyOfRange(bytes, third, 2 * third));
        Files.write(videoTs.resolve("VTS_01_3.VOB"), Arrays.copyOfRange(bytes, 2 * third, bytes.length));
        List<Image> menu = VideoTesting.frames(W, H, 4);
        VideoTesting.write(videoTs.resolve("VTS_01_0.VOB"), menu, dvd());
        VideoTesting.write(videoTs.resolve("VIDEO_TS.VOB"), menu, dvd());
        VideoTesting.write(videoTs.resolve("VTS_02_1.VOB"), VideoTesting.frames(W, H, 6), dvd());
    }

    @Test
    void readsTheMainTitlesPartsInOrder() throws Exception {
        DvdSource dvd = new DvdSource();
        assertTrue(dvd.canOpen(videoTs));
        assertTrue(dvd.canOpen(videoTs.getParent()), "the folder holding VIDEO_TS");
        assertFalse(dvd.canOpen(dir.resolve("elsewhere")));
        try (FrameSource video = dvd.open(videoTs.getParent())) {
            SourceInfo info = video.info();
            assertEquals(N, info.frameCount(), "frames of VTS_01_1..3, no menu");
            assertEquals(25, info.fps(), 1e-9);
            // MPEG-2 signals the display aspect: 16:9 over the stored 352x288
            assertEquals(16.0 / 9, info.pixelAspect() * W / H, 1e-9);
            assertEquals(SourceInfo.FieldOrder.PROGRESSIVE, info.fieldOrder());
            for (int i = 0; i < N; i++) {
                Image frame = video.read(i);
                assertEquals(i, VideoTesting.closest(frame, title), "frame " + i);
                assertTrue(VideoTesting.psnr(title.get(i), frame) > 30, "frame " + i);
            }
            SourceInfo.Rect picture = info.activeArea();
            assertEquals(BAR, picture.y(), 2, picture.toString());
            assertEquals(H - 2 * BAR, picture.height(), 3, picture.toString());
            assertEquals(W, picture.width(), 2, picture.toString());
        }
    }

    @Test
    void aMissingMiddlePartIsNamed() throws Exception {
        Files.delete(videoTs.resolve("VTS_01_2.VOB"));
        IOException e = assertThrows(IOException.class, () -> new DvdSource().open(videoTs).close());
        assertTrue(e.getMessage().contains("VTS_01_2.VOB") && e.getMessage().contains("VIDEO_TS"), e.getMessage());
    }

    @Test
    void discImagesAreRefusedWithAClearMessage() throws Exception {
        Path iso = Files.writeString(dir.resolve("film.iso"), "not really");
        assertTrue(new DvdSource().canOpen(iso));
        IOException e = assertThrows(IOException.class, () -> new DvdSource().open(iso).close());
        assertTrue(e.getMessage().contains("film.iso") && e.getMessage().contains("VIDEO_TS"), e.getMessage());
    }

    private static VideoWriter.Format dvd() {
        return new VideoWriter.Format("dvd", avcodec.AV_CODEC_ID_MPEG2VIDEO, avutil.AV_PIX_FMT_YUV420P, 25, 64.0 / 45, 4_000_000,
                12, 2, false, java.util.Map.of(), SourceInfo.Matrix.REC601);
    }

    private static Image letterboxed(Image picture) {
        Image frame = Image.blank(W, H, 3);
        System.arraycopy(picture.data(), 0, frame.data(), BAR * W * 3, picture.data().length);
        return frame;
    }
}
