package org.emulsion.media.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.emulsion.core.image.Image;
import org.emulsion.core.image.SourceInfo.Rect;
import org.emulsion.media.ActiveArea;
import org.junit.jupiter.api.Test;

/** Letterbox and pillarbox bars and a subtitle band found on synthetic frames. */
class ActiveAreaTest {
    static final int W = 320, H = 240;
    static final Rect PICTURE = new Rect(16, 30, 288, 180);

    @Test
    void findsBarsToThePixelDespiteADarkScene() {
        ActiveArea area = ActiveArea.detect(samples(false));
        assertEquals(PICTURE, area.picture());
        assertTrue(area.subtitles().isEmpty(), area.toString());
    }

    @Test
    void findsSubtitlesThatComeAndGoInTheBottomBar() {
        ActiveArea area = ActiveArea.detect(samples(true));
        assertEquals(PICTURE, area.picture());
        Rect band = area.subtitles();
        assertTrue(band.y() >= PICTURE.y() + PICTURE.height() && band.y() <= 216 && band.y() + band.height() >= 228
                && band.y() + band.height() <= H, band.toString());
    }

    @Test
    void findsSubtitlesBurntIntoThePicture() {
        List<Image> frames = samples(false);
        for (int i = 2; i < frames.size(); i += 4) {
            letters(frames.get(i), 190, 202);
        }
        ActiveArea area = ActiveArea.detect(frames);
        assertEquals(PICTURE, area.picture());
        Rect band = area.subtitles();
        assertTrue(band.y() >= 188 && band.y() <= 190 && band.y() + band.height() >= 203 && band.y() + band.height() <= 205,
                band.toString());
        assertEquals(PICTURE.x(), band.x());
    }

    /** Twelve frames: picture inside black bars, one of them a near-black night scene; text in three when asked. */
    static List<Image> samples(boolean subtitles) {
        List<Image> frames = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Image picture = TestImages.gradient(PICTURE.width(), PICTURE.height(), i);
            Image frame = Image.blank(W, H, 3);
            for (int y = 0; y < PICTURE.height(); y++) {
                for (int x = 0; x < PICTURE.width(); x++) {
                    for (int c = 0; c < 3; c++) {
                        float v = picture.get(x, y, c);
                        frame.set(PICTURE.x() + x, PICTURE.y() + y, c, i == 5 ? v * 0.05f : v);
                    }
                }
            }
            if (subtitles && i % 4 == 1) {
                letters(frame, 216, 228);
            }
            frames.add(frame);
        }
        return frames;
    }

    /** White vertical strokes with a dark outline, like a line of text, on rows y0..y1. */
    static void letters(Image frame, int y0, int y1) {
        for (int x = 60; x < 260; x += 6) {
            for (int y = y0; y <= y1; y++) {
                for (int dx = -2; dx < 4; dx++) {
                    for (int c = 0; c < 3; c++) {
                        frame.set(x + dx, y, c, dx == -2 || dx == 3 ? 0.05f : dx >= 0 && dx < 2 ? 0.95f : 0.4f);
                    }
                }
            }
        }
    }
}
