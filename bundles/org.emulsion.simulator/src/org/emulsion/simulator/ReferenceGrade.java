package org.emulsion.simulator;

import org.emulsion.core.image.Image;

import com.google.gson.JsonObject;

/**
 * A colour grade as a transfer applies it: per channel {@code out = lift + gain * in^gamma}, then
 * saturation around Rec. 601 luma, clipped to [0, 1].
 */
public record ReferenceGrade(double gammaR, double gammaG, double gammaB, double gainR, double gainG, double gainB, double lift,
        double saturation) {

    public ReferenceGrade {
        if (gammaR <= 0 || gammaG <= 0 || gammaB <= 0 || gainR < 0 || gainG < 0 || gainB < 0 || saturation < 0) {
            throw new IllegalArgumentException("bad grade");
        }
    }

    /** The identity grade. */
    public static ReferenceGrade neutral() {
        return new ReferenceGrade(1, 1, 1, 1, 1, 1, 0, 1);
    }

    /** This grade with every channel's gain multiplied by the given factors. */
    public ReferenceGrade scaledGains(double r, double g, double b) {
        return new ReferenceGrade(gammaR, gammaG, gammaB, gainR * r, gainG * g, gainB * b, lift, saturation);
    }

    /** A graded copy of an RGB image. */
    public Image apply(Image image) {
        float[] in = image.data();
        float[] out = new float[in.length];
        double[] gamma = {gammaR, gammaG, gammaB};
        double[] gain = {gainR, gainG, gainB};
        for (int i = 0; i < in.length; i += 3) {
            double[] c = new double[3];
            for (int k = 0; k < 3; k++) {
                c[k] = lift + gain[k] * Math.pow(Math.max(0, in[i + k]), gamma[k]);
            }
            double y = 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2];
            for (int k = 0; k < 3; k++) {
                out[i + k] = (float) Math.min(1, Math.max(0, y + saturation * (c[k] - y)));
            }
        }
        return new Image(image.width(), image.height(), image.channels(), out);
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("gammaR", gammaR);
        json.addProperty("gammaG", gammaG);
        json.addProperty("gammaB", gammaB);
        json.addProperty("gainR", gainR);
        json.addProperty("gainG", gainG);
        json.addProperty("gainB", gainB);
        json.addProperty("lift", lift);
        json.addProperty("saturation", saturation);
        return json;
    }
}
