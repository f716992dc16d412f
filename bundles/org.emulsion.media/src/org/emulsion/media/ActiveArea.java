package org.emulsion.media;

import java.util.List;

import org.emulsion.core.image.Image;
import org.emulsion.core.image.SourceInfo.Rect;

/**
 * Where the picture is in a reference's frames: the rectangle inside letterbox (top/bottom) and
 * pillarbox (left/right) bars, and a band of burnt-in subtitles. Found on frames sampled across the
 * material, so that a dark scene is not taken for a bar: a row or column belongs to the picture when
 * it holds light in most sampled frames. Subtitles are text that comes and goes: rows outside the
 * picture that hold light in only some frames, else rows in the lower part of the picture where, in
 * some frames but not most, many near-white pixels stand next to much darker ones (letter strokes).
 *
 * @param picture   the active picture area
 * @param subtitles the rows of burnt-in subtitles across the picture's width, or {@link Rect#NONE}
 */
public record ActiveArea(Rect picture, Rect subtitles) {

    /** Brightest channel below which a pixel counts as bar black (video black plus noise). */
    static final float DARK = 0.08f;
    /** Fraction of a line's pixels that may be lit (noise, dust) while the line still counts as dark. */
    static final double LIT_FRACTION = 0.02;
    /** Darkest channel above which a pixel may be subtitle text (white or light yellow letters). */
    static final float TEXT = 0.8f;
    /** How much darker a pixel two columns away must be for a text pixel to sit on a letter's edge. */
    static final float STROKE_CONTRAST = 0.3f;
    /** Fraction of a picture row's pixels on letter edges that makes it a text row in one frame. */
    static final double TEXT_FRACTION = 0.06;
    /** Lower part of the picture searched for burnt-in subtitles. */
    static final double SUBTITLE_ZONE = 0.4;

    /** Frames sampled for detection: enough to outvote dark scenes, few enough to stay cheap. */
    public static final int SAMPLES = 12;
    /** Fraction of lit pixels below which a sampled frame is black or a logo on black, and has no say on the bars. */
    static final double BLANK_FRAME = 0.2;

    /** Indices of the frames to sample from {@code frameCount}: spread evenly, each in the middle of its share. */
    public static int[] samplePositions(int frameCount) {
        int n = Math.min(SAMPLES, frameCount);
        int[] positions = new int[n];
        for (int i = 0; i < n; i++) {
            positions[i] = (int) ((i + 0.5) * frameCount / n);
        }
        return positions;
    }

    /**
     * Detects the areas on {@code samples} (frames of one size, RGB in [0, 1]). Black frames and
     * logos on black (lead-ins, fades) are left out of the vote on the bars.
     */
    public static ActiveArea detect(List<Image> frames) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("no frames to detect the picture area on");
        }
        int w = frames.get(0).width(), h = frames.get(0).height();
        List<Image> samples = frames.stream().filter(im -> lit(im, 0, w, 0, h, BLANK_FRAME)).toList();
        if (samples.isEmpty()) {
            samples = frames;
        }
        int[] rowsLit = new int[h];
        for (Image im : samples) {
            if (im.width() != w || im.height() != h) {
                throw new IllegalArgumentException("sampled frames differ in size: " + im + " vs " + w + "x" + h);
            }
            for (int y = 0; y < h; y++) {
                rowsLit[y] += lit(im, 0, w, y, y + 1, LIT_FRACTION) ? 1 : 0;
            }
        }
        int n = samples.size();
        int top = 0, bottom = h - 1;
        while (top < h && 2 * rowsLit[top] <= n) {
            top++;
        }
        while (bottom > top && 2 * rowsLit[bottom] <= n) {
            bottom--;
        }
        if (top >= h) {
            return new ActiveArea(new Rect(0, 0, w, h), Rect.NONE); // all dark: nothing to go by
        }
        int left = 0, right = w - 1;
        while (left < w && 2 * columnLit(samples, left, top, bottom + 1) <= n) {
            left++;
        }
        while (right > left && 2 * columnLit(samples, right, top, bottom + 1) <= n) {
            right--;
        }
        Rect picture = new Rect(left, top, right - left + 1, bottom - top + 1);
        Rect band = subtitleBand(rowsLit, picture, w, h);
        return new ActiveArea(picture, band.isEmpty() ? burntIn(samples, picture) : band);
    }

    /** Rows of the picture's lower part that show letter strokes in some sampled frames but not in most. */
    private static Rect burntIn(List<Image> samples, Rect picture) {
        int y0 = picture.y() + (int) Math.round(picture.height() * (1 - SUBTITLE_ZONE));
        int y1 = picture.y() + picture.height();
        int first = -1, last = -1;
        for (int y = y0; y < y1; y++) {
            int frames = 0;
            for (Image im : samples) {
                frames += strokes(im, y, picture.x(), picture.x() + picture.width()) > TEXT_FRACTION * picture.width() ? 1 : 0;
            }
            if (frames > 0 && 2 * frames <= samples.size()) {
                first = first < 0 ? y : first;
                last = y;
            }
        }
        return first < 0 ? Rect.NONE : new Rect(picture.x(), first, picture.width(), last - first + 1);
    }

    /** Pixels of row {@code y} that are near white with a much darker pixel two columns to one side. */
    private static int strokes(Image im, int y, int x0, int x1) {
        int count = 0;
        for (int x = x0 + 2; x < x1 - 2; x++) {
            float v = darkest(im, x, y);
            if (v > TEXT && (v - darkest(im, x - 2, y) > STROKE_CONTRAST || v - darkest(im, x + 2, y) > STROKE_CONTRAST)) {
                count++;
            }
        }
        return count;
    }

    private static float darkest(Image im, int x, int y) {
        float v = im.get(x, y, 0);
        for (int c = 1; c < im.channels(); c++) {
            v = Math.min(v, im.get(x, y, c));
        }
        return v;
    }

    /** Rows next to the picture that may be lit by its soft or compressed edge rather than by text. */
    static final int EDGE_BLEED = 2;
    /** Fewest rows a subtitle band spans (a line of text). */
    static final int MIN_TEXT_ROWS = 4;

    /** The run of sometimes-lit rows below (else above) the picture, clear of its edge. */
    private static Rect subtitleBand(int[] rowsLit, Rect picture, int w, int h) {
        int y0 = -1, y1 = -1;
        for (int y = picture.y() + picture.height() + EDGE_BLEED; y < h; y++) {
            if (rowsLit[y] > 0) {
                y0 = y0 < 0 ? y : y0;
                y1 = y;
            }
        }
        if (y0 < 0) {
            for (int y = 0; y < picture.y() - EDGE_BLEED; y++) {
                if (rowsLit[y] > 0) {
                    y0 = y0 < 0 ? y : y0;
                    y1 = y;
                }
            }
        }
        return y0 < 0 || y1 - y0 + 1 < MIN_TEXT_ROWS ? Rect.NONE : new Rect(picture.x(), y0, picture.width(), y1 - y0 + 1);
    }

    private static int columnLit(List<Image> samples, int x, int y0, int y1) {
        int lit = 0;
        for (Image im : samples) {
            lit += lit(im, x, x + 1, y0, y1, LIT_FRACTION) ? 1 : 0;
        }
        return lit;
    }

    /** Whether more than {@code fraction} of the pixels in the rectangle are brighter than bar black. */
    private static boolean lit(Image im, int x0, int x1, int y0, int y1, double fraction) {
        int c = im.channels();
        float[] d = im.data();
        int count = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int i = (y * im.width() + x) * c;
                float v = d[i];
                for (int k = 1; k < c; k++) {
                    v = Math.max(v, d[i + k]);
                }
                count += v > DARK ? 1 : 0;
            }
        }
        return count > fraction * (x1 - x0) * (y1 - y0);
    }
}
