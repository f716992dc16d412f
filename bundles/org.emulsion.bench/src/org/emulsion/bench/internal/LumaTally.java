package org.emulsion.bench.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.emulsion.core.image.Image;
import org.emulsion.media.Colour;
import org.emulsion.quality.Planes;
import org.emulsion.quality.Psnr;
import org.emulsion.quality.Ssim;

/**
 * The scores of a luma case's methods ({@link LumaFigures#METHODS}) over its scored frames:
 * luma PSNR inside the true damage, pooled (squared error over every damaged pixel of every frame),
 * and the chroma's CIEDE2000 there (a*, b* on the truth's L*: a colour print's composite must bring
 * the colour back too), pooled; luma PSNR and SSIM over whole frames, means of frames.
 */
final class LumaTally {
    private final Map<String, double[]> damage = new LinkedHashMap<>(); // method → {squared-error sum, pixels}
    private final Map<String, double[]> whole = new LinkedHashMap<>(); // method → {PSNR sum, SSIM sum}
    private final Map<String, double[]> colour = new LinkedHashMap<>(); // method → {chroma ΔE2000 sum, pixels} inside the damage
    private final double maxPsnr;
    private int frames;

    /** @param maxPsnr the most a whole frame's PSNR counts (an undamaged frame kept as is has an infinite one) */
    LumaTally(double maxPsnr) {
        this.maxPsnr = maxPsnr;
        LumaFigures.METHODS.forEach(m -> {
            damage.put(m, new double[2]);
            whole.put(m, new double[2]);
            colour.put(m, new double[2]);
        });
    }

    /** Adds a frame: each method's picture against {@code truth}, inside {@code damaged} and over the frame. */
    void add(Map<String, Image> methods, Image truth, Image damaged) {
        for (Map.Entry<String, Image> m : methods.entrySet()) {
            Psnr.Error error = Psnr.error(Planes.luma(m.getValue()), Planes.luma(truth), damaged);
            if (error.pixels() > 0) {
                damage.get(m.getKey())[0] += error.mse() * error.pixels();
                damage.get(m.getKey())[1] += error.pixels();
            }
            Colour.Stats chroma = Colour.stats(Colour.deltaE2000Map(m.getValue(), truth, true), damaged);
            if (chroma.pixels() > 0) {
                colour.get(m.getKey())[0] += chroma.mean() * chroma.pixels();
                colour.get(m.getKey())[1] += chroma.pixels();
            }
            whole.get(m.getKey())[0] += Math.min(Psnr.luma(m.getValue(), truth, null), maxPsnr);
            whole.get(m.getKey())[1] += Ssim.luma(m.getValue(), truth, null);
        }
        frames++;
    }

    int frames() {
        return frames;
    }

    /** Method → luma PSNR inside the damage, pooled; NaN without damaged pixels. */
    Map<String, Double> damagePsnr() {
        Map<String, Double> out = new LinkedHashMap<>();
        damage.forEach((m, d) -> out.put(m, d[1] == 0 ? Double.NaN : Psnr.fromMse(d[0] / d[1])));
        return out;
    }

    /** Method → mean CIEDE2000 of the chroma alone (on the truth's L*) inside the damage, pooled; NaN without damaged pixels. */
    Map<String, Double> damageChroma() {
        Map<String, Double> out = new LinkedHashMap<>();
        colour.forEach((m, d) -> out.put(m, d[1] == 0 ? Double.NaN : d[0] / d[1]));
        return out;
    }

    /** Method → mean luma PSNR of whole frames. */
    Map<String, Double> psnr() {
        return mean(0);
    }

    /** Method → mean luma SSIM of whole frames. */
    Map<String, Double> ssim() {
        return mean(1);
    }

    private Map<String, Double> mean(int k) {
        Map<String, Double> out = new LinkedHashMap<>();
        whole.forEach((m, w) -> out.put(m, frames == 0 ? Double.NaN : w[k] / frames));
        return out;
    }
}
