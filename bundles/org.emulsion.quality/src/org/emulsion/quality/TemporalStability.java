package org.emulsion.quality;

import org.emulsion.core.image.Image;

import com.google.gson.JsonObject;

/**
 * Temporal colour stability of a restored sequence compared with its truth.
 * <p>
 * For two consecutive frames (frame indices {@code t − 1} and {@code t}) let {@code c(t, p)} be
 * the BT.601 (Cb, Cr) of pixel {@code p} (each in [0, 1], centred on 0.5) and
 * {@code Δc(t, p) = c(t, p) − c(t − 1, p)}. Over the pixels finite in all four frames:
 * <ul>
 * <li>{@code resultChange} = mean over pixels of |Δc<sub>result</sub>| (Euclidean norm in the CbCr plane);</li>
 * <li>{@code truthChange} = the same for the truth (the change that motion and the scene really cause);</li>
 * <li>{@code excess} = mean over pixels of |Δc<sub>result</sub> − Δc<sub>truth</sub>|: chroma change of the
 * result that the truth does not have (flicker), or that the truth has and the result misses;</li>
 * <li>{@code globalExcess} = |Δm<sub>result</sub> − Δm<sub>truth</sub>| where {@code m} is the frame's mean
 * (Cb, Cr): frame-wide colour pumping, insensitive to motion.</li>
 * </ul>
 * A {@link Report} averages these over all pairs and gives {@code ratio = resultChange / truthChange}
 * (ratio of the averages): 1 is as steady as the truth, above 1 flickers, below 1 is too static.
 * Frames whose indices are not consecutive form no pair.
 */
public final class TemporalStability {
    /** Chroma change between two consecutive frames (see the class comment); values NaN when {@code pixels} is 0. */
    public record Change(double resultChange, double truthChange, double excess, double globalExcess, int pixels) {
        JsonObject toJson() {
            JsonObject o = new JsonObject();
            o.addProperty("resultChange", resultChange);
            o.addProperty("truthChange", truthChange);
            o.addProperty("excess", excess);
            o.addProperty("globalExcess", globalExcess);
            return o;
        }
    }

    /** Averages over {@code pairs} consecutive-frame pairs (NaN when there are none). */
    public record Report(int pairs, double resultChange, double truthChange, double ratio, double excess,
            double globalExcess) {
        /** This report as JSON (undefined values as null). */
        public JsonObject toJson() {
            JsonObject o = new JsonObject();
            o.addProperty("pairs", pairs);
            o.addProperty("resultChromaChange", resultChange);
            o.addProperty("truthChromaChange", truthChange);
            o.addProperty("ratio", ratio);
            o.addProperty("excess", excess);
            o.addProperty("globalExcess", globalExcess);
            return o;
        }
    }

    private int pairs;
    private double resultSum;
    private double truthSum;
    private double excessSum;
    private double globalSum;

    private int lastIndex = Integer.MIN_VALUE;
    private Image lastResult;
    private Image lastTruth;

    /** The chroma change between two consecutive RGB frames of a result and of its truth. */
    public static Change between(Image resultPrev, Image result, Image truthPrev, Image truth) {
        return betweenChroma(Planes.chroma(resultPrev), Planes.chroma(result), Planes.chroma(truthPrev),
                Planes.chroma(truth));
    }

    static Change betweenChroma(Image resultPrev, Image result, Image truthPrev, Image truth) {
        Masks.checkSameSize(resultPrev, result);
        Masks.checkSameSize(resultPrev, truthPrev);
        Masks.checkSameSize(resultPrev, truth);
        float[] rp = resultPrev.data();
        float[] rn = result.data();
        float[] tp = truthPrev.data();
        float[] tn = truth.data();
        double r = 0;
        double t = 0;
        double e = 0;
        double rb = 0;
        double rr = 0;
        double tb = 0;
        double tr = 0;
        int pixels = 0;
        for (int k = 0; k < rp.length; k += 2) {
            double rdb = (double) rn[k] - rp[k];
            double rdr = (double) rn[k + 1] - rp[k + 1];
            double tdb = (double) tn[k] - tp[k];
            double tdr = (double) tn[k + 1] - tp[k + 1];
            if (!Double.isFinite(rdb + rdr + tdb + tdr)) {
                continue;
            }
            r += Math.hypot(rdb, rdr);
            t += Math.hypot(tdb, tdr);
            e += Math.hypot(rdb - tdb, rdr - tdr);
            rb += rdb;
            rr += rdr;
            tb += tdb;
            tr += tdr;
            pixels++;
        }
        if (pixels == 0) {
            return new Change(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        }
        return new Change(r / pixels, t / pixels, e / pixels, Math.hypot(rb - tb, rr - tr) / pixels, pixels);
    }

    /**
     * Adds the next frame of a stream (frames in index order): returns its change to the
     * previous frame when that one had index {@code frameIndex − 1}, else null.
     */
    public Change add(int frameIndex, Image result, Image truth) {
        Image rc = Planes.chroma(result);
        Image tc = Planes.chroma(truth);
        Change change = null;
        if (lastResult != null && frameIndex == lastIndex + 1) {
            change = betweenChroma(lastResult, rc, lastTruth, tc);
            add(change);
        }
        lastIndex = frameIndex;
        lastResult = rc;
        lastTruth = tc;
        return change;
    }

    /** Counts one pair's change in the averages (pairs without pixels are ignored). */
    public void add(Change change) {
        if (change.pixels() == 0) {
            return;
        }
        pairs++;
        resultSum += change.resultChange();
        truthSum += change.truthChange();
        excessSum += change.excess();
        globalSum += change.globalExcess();
    }

    /** The averages so far. */
    public Report report() {
        if (pairs == 0) {
            return new Report(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double r = resultSum / pairs;
        double t = truthSum / pairs;
        return new Report(pairs, r, t, t > 0 ? r / t : Double.NaN, excessSum / pairs, globalSum / pairs);
    }
}
