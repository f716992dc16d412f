package org.emulsion.simulator;

import com.google.gson.JsonObject;

/**
 * How a simulated NTSC telecine transfer was made.
 *
 * @param framing        the transfer's framing ({@code pictureAspect} 0: pan-and-scan filling the 4:3 frame)
 * @param anamorphic     16:9 anamorphic (pixel aspect 40/33) or 4:3 (10/11)
 * @param cadencePhase   where in the A B C D pulldown pattern the film's first frame falls (0 = A)
 * @param topFieldFirst  field dominance: the top (even-line) field is the earlier one
 * @param blurSigma      softness of the transfer, in video pixels
 * @param noiseSigma     video noise per field, standard deviation in [0, 1] units
 * @param grade          the transfer's grade at its start
 * @param driftAmplitude relative amplitude of the per-channel gain drift over time
 * @param driftPeriod    period of the drift, in seconds of film
 */
public record TelecineParameters(ReferenceFraming framing, boolean anamorphic, int cadencePhase, boolean topFieldFirst,
        double blurSigma, double noiseSigma, ReferenceGrade grade, double driftAmplitude, double driftPeriod) {

    public TelecineParameters {
        if (cadencePhase < 0 || cadencePhase > 3 || blurSigma < 0 || noiseSigma < 0 || driftAmplitude < 0 || driftAmplitude >= 1
                || driftPeriod <= 0) {
            throw new IllegalArgumentException("bad telecine parameters");
        }
    }

    /** 4:3 pan-and-scan, phase A, top field first, soft (1.0 px), noisy (σ 0.015), cool lifted grade drifting ±6 % over 2 s. */
    public static TelecineParameters defaults() {
        return new TelecineParameters(new ReferenceFraming(0, 1.0, 0.25, 0), false, 0, true, 1.0, 0.015,
                new ReferenceGrade(1.05, 1.0, 0.95, 0.97, 1.0, 1.04, 0.02, 0.9), 0.06, 2.0);
    }

    /** These parameters with another pulldown phase. */
    public TelecineParameters withCadencePhase(int phase) {
        return new TelecineParameters(framing, anamorphic, phase, topFieldFirst, blurSigma, noiseSigma, grade, driftAmplitude,
                driftPeriod);
    }

    /** These parameters with other noise and softness. */
    public TelecineParameters withNoise(double sigma, double blur) {
        return new TelecineParameters(framing, anamorphic, cadencePhase, topFieldFirst, blur, sigma, grade, driftAmplitude,
                driftPeriod);
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.add("framing", framing.toJson());
        json.addProperty("anamorphic", anamorphic);
        json.addProperty("cadencePhase", cadencePhase);
        json.addProperty("topFieldFirst", topFieldFirst);
        json.addProperty("blurSigma", blurSigma);
        json.addProperty("noiseSigma", noiseSigma);
        json.add("grade", grade.toJson());
        json.addProperty("driftAmplitude", driftAmplitude);
        json.addProperty("driftPeriod", driftPeriod);
        return json;
    }
}
