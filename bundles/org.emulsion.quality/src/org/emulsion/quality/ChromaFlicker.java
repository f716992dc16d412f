package org.emulsion.quality;

import org.emulsion.core.image.Image;

import com.google.gson.JsonObject;

/**
 * Frame-to-frame chroma flicker where the picture stands still: colour that pumps or boils from
 * frame to frame although nothing moved.
 * <p>
 * The still pixels of two consecutive frames are found on a pair of frames that show the picture
 * (a benchmark's truth; on real footage the scan): where their BT.601 luma, blurred with
 * σ = {@value #SIGMA} px so that grain and dust do not count, changed by less than
 * {@link #STILL_LUMA_CHANGE} (one 8-bit code). The flicker of a pair is the mean over those pixels
 * of |Δ(Cb, Cr)| (Euclidean norm, BT.601 units in [0, 1]) of the frames scored, over the pixels
 * finite in both. Unlike {@link TemporalStability}'s excess it needs no truth colour, so a
 * reference's own flicker can be measured the same way and compared.
 * <p>
 * An instance averages the flicker of the pairs {@linkplain #add added}.
 */
public final class ChromaFlicker {
    /** Gaussian blur of the luma before still pixels are found, in pixels. */
    public static final double SIGMA = 2.0;
    /** Largest blurred-luma change of a still pixel. */
    public static final double STILL_LUMA_CHANGE = 1.0 / 255;

    private int pairs;
    private double sum;
    private double stillSum;

    /** One pair's flicker and the share of the frame found still (flicker NaN when no pixel was still and finite). */
    public record Pair(double flicker, double stillShare) {
    }

    /**
     * The still pixels between two RGB frames that show the picture (1-channel mask, 1 = still).
     */
    public static Image stillMask(Image picturePrevious, Image picture) {
        Masks.checkSameSize(picturePrevious, picture);
        float[] a = Planes.gaussian(Planes.luma(picturePrevious), 0, SIGMA).data();
        float[] b = Planes.gaussian(Planes.luma(picture), 0, SIGMA).data();
        float[] mask = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            mask[i] = Math.abs(b[i] - a[i]) < STILL_LUMA_CHANGE ? 1f : 0f;
        }
        return new Image(picture.width(), picture.height(), 1, mask);
    }

    /** The flicker between two chroma planes ({@link Planes#chroma}) over {@code still}. */
    public static Pair between(Image chromaPrevious, Image chroma, Image still) {
        Masks.checkSameSize(chromaPrevious, chroma);
        Masks.checkChannels(chroma, 2, "chroma plane");
        Masks.check(still, chroma);
        float[] p = chromaPrevious.data();
        float[] c = chroma.data();
        double sum = 0;
        int count = 0;
        int stillPixels = 0;
        for (int i = 0; i < chroma.width() * chroma.height(); i++) {
            if (!Masks.selected(still, i)) {
                continue;
            }
            stillPixels++;
            double db = (double) c[2 * i] - p[2 * i];
            double dr = (double) c[2 * i + 1] - p[2 * i + 1];
            if (Double.isFinite(db + dr)) {
                sum += Math.hypot(db, dr);
                count++;
            }
        }
        return new Pair(count == 0 ? Double.NaN : sum / count, (double) stillPixels / (chroma.width() * chroma.height()));
    }

    /** Counts one pair in the average (a pair without still pixels is ignored). */
    public void add(Pair pair) {
        if (Double.isNaN(pair.flicker())) {
            return;
        }
        pairs++;
        sum += pair.flicker();
        stillSum += pair.stillShare();
    }

    /** Mean flicker over the pairs added, NaN without any. */
    public double mean() {
        return pairs == 0 ? Double.NaN : sum / pairs;
    }

    /** {@code {"pairs", "flicker", "stillShare"}} (undefined values as null). */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("pairs", pairs);
        o.addProperty("flicker", mean());
        o.addProperty("stillShare", pairs == 0 ? Double.NaN : stillSum / pairs);
        return o;
    }
}
