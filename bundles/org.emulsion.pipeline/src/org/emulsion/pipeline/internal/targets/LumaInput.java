package org.emulsion.pipeline.internal.targets;

import java.util.Arrays;
import java.util.List;

import org.emulsion.core.image.Image;
import org.emulsion.media.Colour;
import org.emulsion.pipeline.internal.DamageMaps;
import org.emulsion.pipeline.Evidence;
import org.emulsion.pipeline.ModelInput;
import org.emulsion.quality.ToneCurve;

import com.google.gson.JsonObject;

/**
 * What the luma network sees of a frame: {@value #CHANNELS} channels — the scan's Y with its holes
 * filled from the guide, the scan's Cb and Cr, the guide's Y, and the hole map. The guide is the
 * reference (a print of another gauge) registered on the scan and brought to the scan's tone by a
 * monotone curve fitted on the pixels both show intact; where the guide does not cover the scan,
 * the scan's own Y stands in, its damage there inpainted from around it. The network learns to
 * turn the guide into the scan's own detail and tone; its output is a Y that the compositor puts
 * in the holes only.
 */
public final class LumaInput implements ModelInput {
    /** Y with holes filled, Cb, Cr, guide Y, holes. */
    public static final int CHANNELS = 5;
    /** Damage map values above this are holes; below, the pixel is intact. */
    static final float HOLE = 0.5f;
    private final ToneCurve tone;

    private LumaInput(ToneCurve tone) {
        this.tone = tone;
    }

    /** Refuses a network of another width than {@value #CHANNELS}; {@code network} names it in the message. */
    static void requireChannels(int inputChannels, String network) {
        if (inputChannels != CHANNELS) {
            throw new IllegalArgumentException(network + " takes " + CHANNELS + " input channels (Y filled, Cb, Cr, guide Y, holes), not "
                    + inputChannels);
        }
    }

    /** Fits the guide's tone curve onto the scan's on the pixels of {@code frames} that are intact and covered. */
    static LumaInput fit(List<Evidence> frames) {
        ToneCurve.Fit fit = new ToneCurve.Fit();
        for (Evidence f : frames) {
            if (f.reference() == null) {
                continue;
            }
            float[] scanY = luma(f.scan());
            float[] guideY = luma(f.reference());
            fit.add(guideY, scanY, DamageMaps.intact(f.damage(), scanY.length));
        }
        return new LumaInput(fit.fit());
    }

    /** The guide's Y brought to the scan's tone, the scan's own Y where the guide does not cover it: what the baseline pastes. */
    Image pasted(Evidence frame) {
        return new Image(frame.scan().width(), frame.scan().height(), 1, orScan(witness(frame), luma(frame.scan())));
    }

    /**
     * What the network is guided by: {@link #pasted}, except that damage the guide does not cover
     * (the margin a print of another gauge crops) is inpainted from around it, the scan's Y there
     * being the damage itself.
     */
    Image guide(Evidence frame) {
        return guide(frame, witness(frame), luma(frame.scan()));
    }

    /** {@link #guide(Evidence)} from the frame's {@link #witness} (which it does not keep) and its scan's Y {@code scanY} (kept). */
    Image guide(Evidence frame, float[] witness, float[] scanY) {
        int w = frame.scan().width();
        int h = frame.scan().height();
        float[] intact = DamageMaps.intact(frame.damage(), witness.length);
        float[] uncovered = new float[witness.length];
        boolean any = false;
        for (int i = 0; i < witness.length; i++) {
            uncovered[i] = Float.isFinite(witness[i]) || intact[i] > 0 ? 0f : 1f;
            any |= uncovered[i] > 0;
        }
        float[] pasted = orScan(witness, scanY);
        return new Image(w, h, 1, any ? PrintComposite.inpaint(pasted, new Image(w, h, 1, uncovered), w, h) : pasted);
    }

    /** {@code witness} (not kept) with the scan's own Y {@code scanY} wherever it is not finite. */
    private static float[] orScan(float[] witness, float[] scanY) {
        for (int i = 0; i < witness.length; i++) {
            if (!Float.isFinite(witness[i])) {
                witness[i] = scanY[i];
            }
        }
        return witness;
    }

    /** The guide's Y brought to the scan's tone, NaN where the guide does not cover the scan: a witness of this very frame. */
    float[] witness(Evidence frame) {
        if (frame.reference() == null) {
            float[] none = new float[frame.scan().width() * frame.scan().height()];
            Arrays.fill(none, Float.NaN);
            return none;
        }
        return tone.apply(luma(frame.reference()));
    }

    /** The network input of {@code frame} with {@code holes} (1 = hole) to fill. */
    Image of(Evidence frame, Image holes) {
        Image ycc = Colour.ycbcr(frame.scan());
        float[] scanY = Colour.channels(ycc, 0, 1).data();
        return assemble(ycc, scanY, guide(frame, witness(frame), scanY).data(), holes);
    }

    /**
     * The {@value #CHANNELS}-channel network input from a picture's Y'CbCr ({@code ycc}, whose Y
     * {@code y} replaces; NaN allowed inside holes), a guide Y and the holes to fill: the
     * contract of the luma network, shared by every target that fills holes with it.
     */
    static Image assemble(Image ycc, float[] y, float[] guide, Image holes) {
        float[] h = holes.data();
        float[] src = ycc.data();
        int n = guide.length;
        float[] out = new float[n * CHANNELS];
        for (int i = 0; i < n; i++) {
            float hole = Math.min(1f, Math.max(0f, h[i]));
            out[CHANNELS * i] = hole >= 1f || !Float.isFinite(y[i]) ? guide[i] : hole * guide[i] + (1 - hole) * y[i];
            out[CHANNELS * i + 1] = src[3 * i + 1];
            out[CHANNELS * i + 2] = src[3 * i + 2];
            out[CHANNELS * i + 3] = guide[i];
            out[CHANNELS * i + 4] = hole;
        }
        return new Image(ycc.width(), ycc.height(), CHANNELS, out);
    }


    static float[] luma(Image rgb) {
        return Colour.channels(Colour.ycbcr(rgb), 0, 1).data();
    }

    @Override
    public String baselineLabel() {
        return "pasted reference";
    }

    @Override
    public String baselineMethod() {
        return "the reference registered on the scan, brought to its tone on intact areas and pasted into the damage";
    }

    @Override
    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("channels", "Y with its holes filled from the guide, Cb, Cr, the guide's Y, the hole map");
        json.addProperty("guide", "the reference registered on the scan, tone-matched to the scan on intact areas");
        json.add("toneCurve", tone.toJson());
        return json;
    }
}
