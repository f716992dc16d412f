package org.emulsion.simulator;

import com.google.gson.JsonObject;

/**
 * How a simulated print of another gauge (e.g. a 16 mm reduction print of the 35 mm film) looks
 * when scanned.
 *
 * @param scale      size relative to the truth (0.5–0.6 for 16 mm against 35 mm)
 * @param framing    the print's aperture against the truth's (a slightly different frame line)
 * @param contrast   slope of the print's S-shaped tone curve (a logistic in the display value)
 * @param pivot      display value at the curve's steepest point
 * @param black      darkest value the print reaches (base fog, flare)
 * @param white      brightest value (maximum transmission)
 * @param gainR      print stock colour balance, red
 * @param gainG      green
 * @param gainB      blue
 * @param grainSigma grain standard deviation in mid-tones, [0, 1] units
 * @param grainSize  grain clump size (blur sigma of the grain), in print pixels
 * @param blurSigma  softness of the print (generation loss, printer contact), in print pixels
 * @param bitDepth   16 (TIFF) or 8 (PNG) bits per sample
 * @param ageing     what happened to the print since: its own dirt, scratches, decay, weave in the
 *                   scanner's gate, flicker, frames lost, applied to every print frame by a
 *                   {@link ScanSimulator} (its seed mixed with the renderer's); all off for a clean print
 * @param splices    places where the print broke and was spliced, each losing {@code spliceLength} frames
 * @param spliceLength frames lost at each splice
 */
public record PrintParameters(double scale, ReferenceFraming framing, double contrast, double pivot, double black, double white,
        double gainR, double gainG, double gainB, double grainSigma, double grainSize, double blurSigma, int bitDepth,
        ScanParameters ageing, int splices, int spliceLength) {

    public PrintParameters {
        if (scale <= 0 || scale > 2 || contrast <= 0 || pivot <= 0 || pivot >= 1 || black < 0 || white > 1 || black >= white
                || grainSigma < 0 || grainSize < 0 || blurSigma < 0 || (bitDepth != 8 && bitDepth != 16) || ageing == null
                || splices < 0 || spliceLength < 1) {
            throw new IllegalArgumentException("bad print parameters");
        }
    }

    /** A clean, complete print. */
    public PrintParameters(double scale, ReferenceFraming framing, double contrast, double pivot, double black, double white,
            double gainR, double gainG, double gainB, double grainSigma, double grainSize, double blurSigma, int bitDepth) {
        this(scale, framing, contrast, pivot, black, white, gainR, gainG, gainB, grainSigma, grainSize, blurSigma, bitDepth,
                ScanParameters.defaults().only(), 0, 1);
    }

    /** A 16 mm-like print: 0.55×, aperture 2 % tighter and off-centre, contrasty warm stock, visible grain, 16-bit TIFF. */
    public static PrintParameters defaults() {
        return new PrintParameters(0.55, new ReferenceFraming(0, 1.02, 0.2, -0.1), 7.0, 0.45, 0.03, 0.96, 1.0, 0.97, 0.92, 0.025,
                0.6, 0.7, 16);
    }

    /** These parameters without grain (for measuring the tone curve). */
    public PrintParameters withGrain(double sigma) {
        return new PrintParameters(scale, framing, contrast, pivot, black, white, gainR, gainG, gainB, sigma, grainSize, blurSigma,
                bitDepth, ageing, splices, spliceLength);
    }

    /** These parameters with another ageing (dirt, damage, weave, flicker, lost frames) and {@code splices} splices of {@code length} frames. */
    public PrintParameters withAgeing(ScanParameters a, int s, int length) {
        return new PrintParameters(scale, framing, contrast, pivot, black, white, gainR, gainG, gainB, grainSigma, grainSize,
                blurSigma, bitDepth, a, s, length);
    }

    /** Whether the ageing marks pixels (dirt, scratches, decay), so that the print has damage masks. */
    public boolean damaged() {
        return ageing.on(ScanParameters.Degradation.DUST) || ageing.on(ScanParameters.Degradation.SCRATCHES)
                || ageing.on(ScanParameters.Degradation.VINEGAR) || ageing.on(ScanParameters.Degradation.NITRATE);
    }

    /** The print's tone curve before the stock's colour balance: truth value in [0, 1] to print value. */
    public double tone(double x) {
        double l0 = logistic(0);
        double l1 = logistic(1);
        return black + (white - black) * (logistic(x) - l0) / (l1 - l0);
    }

    private double logistic(double x) {
        return 1 / (1 + Math.exp(-contrast * (x - pivot)));
    }

    /** Frame file extension for the bit depth. */
    public String extension() {
        return bitDepth == 16 ? "tif" : "png";
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("scale", scale);
        json.add("framing", framing.toJson());
        json.addProperty("contrast", contrast);
        json.addProperty("pivot", pivot);
        json.addProperty("black", black);
        json.addProperty("white", white);
        json.addProperty("gainR", gainR);
        json.addProperty("gainG", gainG);
        json.addProperty("gainB", gainB);
        json.addProperty("grainSigma", grainSigma);
        json.addProperty("grainSize", grainSize);
        json.addProperty("blurSigma", blurSigma);
        json.addProperty("bitDepth", bitDepth);
        json.add("ageing", ageing.toJson());
        json.addProperty("splices", splices);
        json.addProperty("spliceLength", spliceLength);
        json.addProperty("toneCurve", "black + (white - black) * normalised logistic(contrast * (x - pivot)), times the channel gain");
        return json;
    }
}
