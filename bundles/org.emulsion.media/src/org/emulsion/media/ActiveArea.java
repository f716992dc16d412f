package org.emulsion.media;

import java.util.List;

import org.emulsion.core.image.Image;
import org.emulsion.core.image.SourceInfo.Rect;

/**
 * Where the picture is in a reference's frames: the rectangle inside letterbox (top/bottom) and
 * pillarbox (left/right) bars, and a band of subtitles burnt into a bar. Found on frames sampled
 * across the material, so that a dark scene is not taken for a bar: a row or column belongs to the
 * picture when it holds light in most sampled frames; rows outside the picture that hold light in
 * only some frames (text that comes and goes) form the subtitle band.
 *
 * @param picture   the active picture area
 * @param subtitles the rows of burnt-in subtitles outside the picture across its width, or {@link Rect#NONE}
 */
public record ActiveArea(Rect picture, Rect subtitles) {

    /** Brightest channel below which a pixel counts as bar black (video black plus noise). */
    static final float DARK = 0.08f;
    /** Fraction of a line's pixels that may be lit (noise, dust) while the line still counts as dark. */
    static final double LIT_FRACTION = 0.02;

    /** Detects the areas on {@code samples} (frames of one size, RGB in [0, 1]). */
    public static ActiveArea detect(List<Image> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no frames to detect the picture area on");
        }
        int w = samples.get(0).width(), h = samples.get(0).height();
        int[] rowsLit = new int[h];
        for (Image im : samples) {
            if (im.width() != w || im.height() != h) {
                throw new IllegalArgumentException("sampled frames differ in size: " + im + " vs " + w + "x" + h);
            }
            for (int y = 0; y < h; y++) {
                rowsLit[y] += lit(im, 0, w, y, y + 1) ? 1 : 0;
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
        return new ActiveArea(picture, subtitleBand(rowsLit, picture, w, h));
    }

    /** The outermost run of sometimes-lit rows below (else above) the picture. */
    private static Rect subtitleBand(int[] rowsLit, Rect picture, int w, int h) {
        int y0 = -1, y1 = -1;
        for (int y = picture.y() + picture.height(); y < h; y++) {
            if (rowsLit[y] > 0) {
                y0 = y0 < 0 ? y : y0;
                y1 = y;
            }
        }
        if (y0 < 0) {
            for (int y = 0; y < picture.y(); y++) {
                if (rowsLit[y] > 0) {
                    y0 = y0 < 0 ? y : y0;
                    y1 = y;
                }
            }
        }
        return y0 < 0 ? Rect.NONE : new Rect(picture.x(), y0, picture.width(), y1 - y0 + 1);
    }

    private static int columnLit(List<Image> samples, int x, int y0, int y1) {
        int lit = 0;
        for (Image im : samples) {
            lit += lit(im, x, x + 1, y0, y1) ? 1 : 0;
        }
        return lit;
    }

    /** Whether more than {@link #LIT_FRACTION} of the pixels in the rectangle are brighter than bar black. */
    private static boolean lit(Image im, int x0, int x1, int y0, int y1) {
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
        return count > LIT_FRACTION * (x1 - x0) * (y1 - y0);
    }
}
