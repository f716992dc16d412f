package org.emulsion.quality;

import java.nio.ByteBuffer;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.emulsion.core.image.Image;
import org.emulsion.media.OpenCv;

/**
 * How well a damage map agrees with the true damage, per pixel, with a tolerance band of
 * {@code band} pixels at the true mask's edges (where the truth's own antialiased, partly covered
 * rim makes every boundary uncertain by a pixel or two):
 * <ul>
 * <li><b>recall</b>: share of the true damage found, counted over the true pixels that lie at least
 * {@code band} pixels inside the true mask and that the damage visibly changed ({@link #visible});
 * a change below that, e.g. softening with no tonal shift in a flat area, is no one's to find;</li>
 * <li><b>precision</b>: share of the pixels found (mask ≥ ½) that lie within {@code band} pixels of
 * the true mask.</li>
 * </ul>
 * Scores add up over frames ({@link #plus}).
 *
 * @param recallPixels    true, visible, inner pixels considered
 * @param recalled        those found
 * @param foundPixels     pixels found
 * @param rightlyFound    those within the band around the true mask
 */
public record DamageScore(long recallPixels, long recalled, long foundPixels, long rightlyFound) {
    /** A change is visible when, smoothed by a {@link #VISIBLE_SIGMA}-pixel Gaussian, it exceeds this in some channel: 3 % of full scale. */
    public static final double VISIBLE_CHANGE = 0.03;
    /** Smoothing of a change before it is judged visible, pixels (grain alone averages out). */
    public static final double VISIBLE_SIGMA = 1;

    /** No frame scored yet. */
    public static DamageScore none() {
        return new DamageScore(0, 0, 0, 0);
    }

    /** The tolerance band for frames {@code height} pixels high: 1 % of the height, at least 2 pixels. */
    public static int band(int height) {
        return Math.max(2, (int) Math.round(height / 100.0));
    }

    /**
     * The pixels of {@code truth} (selected, &gt; ½) whose value the damage visibly changed: where
     * {@code damaged − intact}, smoothed by a {@link #VISIBLE_SIGMA}-pixel Gaussian, exceeds
     * {@link #VISIBLE_CHANGE} in some channel.
     */
    public static Image visible(Image damaged, Image intact, Image truth) {
        Masks.checkSameSize(damaged, intact);
        Masks.check(truth, damaged);
        float[] a = damaged.data();
        float[] b = intact.data();
        float[] diff = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            diff[i] = a[i] - b[i];
        }
        int c = damaged.channels();
        Image smooth;
        try (PointerScope scope = new PointerScope()) {
            Mat m = OpenCv.toMat(new Image(damaged.width(), damaged.height(), c, diff));
            opencv_imgproc.GaussianBlur(m, m, new Size(0, 0), VISIBLE_SIGMA, VISIBLE_SIGMA, opencv_core.BORDER_REFLECT, 0);
            smooth = OpenCv.toImage(m);
        }
        float[] d = smooth.data();
        float[] out = new float[damaged.width() * damaged.height()];
        for (int p = 0; p < out.length; p++) {
            float largest = 0;
            for (int k = 0; k < c; k++) {
                largest = Math.max(largest, Math.abs(d[p * c + k]));
            }
            out[p] = Masks.selected(truth, p) && largest > VISIBLE_CHANGE ? 1 : 0;
        }
        return new Image(damaged.width(), damaged.height(), 1, out);
    }

    /**
     * The score of one frame: {@code found} (a damage map, ≥ ½ = damaged), {@code truth} (the true
     * mask), {@code visible} (see {@link #visible}), and {@code considered}: the pixels recall is
     * counted on (e.g. where a witness covers the frame), null for all.
     */
    public static DamageScore of(Image found, Image truth, Image visible, Image considered, int band) {
        Masks.check(found, truth);
        Masks.check(visible, truth);
        Masks.check(considered, truth);
        int w = truth.width();
        int h = truth.height();
        boolean[] inner = morph(truth, band, false);
        boolean[] near = morph(truth, band, true);
        long recallPixels = 0;
        long recalled = 0;
        long foundPixels = 0;
        long right = 0;
        for (int p = 0; p < w * h; p++) {
            boolean f = found.data()[p] >= 0.5f;
            if (inner[p] && Masks.selected(visible, p) && Masks.selected(considered, p)) {
                recallPixels++;
                recalled += f ? 1 : 0;
            }
            if (f) {
                foundPixels++;
                right += near[p] ? 1 : 0;
            }
        }
        return new DamageScore(recallPixels, recalled, foundPixels, right);
    }

    public DamageScore plus(DamageScore o) {
        return new DamageScore(recallPixels + o.recallPixels, recalled + o.recalled, foundPixels + o.foundPixels,
                rightlyFound + o.rightlyFound);
    }

    /** Share of the true damage found (1 when there was none to find). */
    public double recall() {
        return recallPixels == 0 ? 1 : (double) recalled / recallPixels;
    }

    /** Share of what was found that is damage (1 when nothing was found). */
    public double precision() {
        return foundPixels == 0 ? 1 : (double) rightlyFound / foundPixels;
    }

    /** The true mask eroded ({@code grow} false) or dilated by a disc of radius {@code band}. */
    private static boolean[] morph(Image truth, int band, boolean grow) {
        int n = truth.width() * truth.height();
        byte[] b = new byte[n];
        for (int p = 0; p < n; p++) {
            b[p] = (byte) (Masks.selected(truth, p) ? 255 : 0);
        }
        try (PointerScope scope = new PointerScope()) {
            Mat m = new Mat(truth.height(), truth.width(), opencv_core.CV_8U);
            ((ByteBuffer) m.createBuffer()).put(b);
            Mat disc = opencv_imgproc.getStructuringElement(opencv_imgproc.MORPH_ELLIPSE, new Size(2 * band + 1, 2 * band + 1));
            Mat out = new Mat();
            if (grow) {
                opencv_imgproc.dilate(m, out, disc);
            } else {
                // beyond the frame counts as damaged, so that damage running off the edge keeps its inner part
                opencv_imgproc.erode(m, out, disc, new Point(-1, -1), 1, opencv_core.BORDER_CONSTANT, Scalar.all(255));
            }
            ((ByteBuffer) out.createBuffer()).get(b);
        }
        boolean[] result = new boolean[n];
        for (int p = 0; p < n; p++) {
            result[p] = b[p] != 0;
        }
        return result;
    }
}
