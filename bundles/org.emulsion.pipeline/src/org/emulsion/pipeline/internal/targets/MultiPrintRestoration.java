package org.emulsion.pipeline.internal.targets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.emulsion.core.extensions.Compositor;
import org.emulsion.core.image.Image;
import org.emulsion.engine.TrainedModel;
import org.emulsion.engine.TrainingPair;
import org.emulsion.media.Colour;
import org.emulsion.pipeline.internal.DamageMaps;
import org.emulsion.pipeline.Evidence;
import org.emulsion.pipeline.ModelInput;
import org.emulsion.pipeline.RestorationJob;
import org.emulsion.pipeline.RestorationTarget;
import org.emulsion.quality.Psnr;

/**
 * The {@code multiprint} target: several damaged prints of one film, the master (the scan) and the
 * others registered on it, each with its own damage found against all the others and its own
 * neighbours. Every pixel takes the best intact witness (the master where it is intact, else the
 * other print intact there that agrees most closely with the master where both are intact,
 * {@link SourceRule}), tone-matched to the master ({@link MultiPrintInput}); where no
 * print is intact the neighbouring frames' composites fill the hole, motion-compensated, where
 * they show it and agree around it ({@link NeighbourFill}); what they do not show a network
 * trained on this film's composite fills: synthetic holes ({@link SyntheticDamage}) over intact
 * composite areas teach it to refine OpenCV's inpainting fill of the hole with the film's own
 * detail and colour (Y, Cb, Cr). Either way the pixel is inferred, not any print's of this moment.
 * Colour prints give their colour too: each pixel's chroma is its chosen print's, colour-matched to
 * the master, or the master's own where they agree ({@link PrintChroma}); a hole's comes with its
 * Y: the neighbouring frame's, or the network's, else inpainted from around it. The prediction handed to the
 * compositor ({@code org.emulsion.compose.multiPrint}) is the chosen layer per pixel and the
 * layers; the compositor blends seam-free where the source changes and keeps every other pixel
 * its print's. The baseline is the per-pixel median of the registered, tone- and colour-matched prints.
 */
public final class MultiPrintRestoration implements RestorationTarget {
    /** How far from a hole, as a fraction of the frame's shorter side, the check of the network's fill looks. */
    private static final double NEAR = 0.1;

    @Override
    public boolean scanAmongReferences() {
        return true;
    }

    @Override
    public boolean needsDamage() {
        return true;
    }

    @Override
    public boolean needsReferenceDamage() {
        return true;
    }

    @Override
    public boolean needsReferencesToRender() {
        return true;
    }

    /** The holes are filled first from the neighbouring frames ({@link NeighbourFill}). */
    @Override
    public boolean needsNeighbours() {
        return true;
    }

    @Override
    public boolean plansSources() {
        return true;
    }

    /**
     * {@link SourceRule}'s choice from the frame's damage maps and coverage, the one
     * {@link PrintComposite} makes at inference, with the prints brought to the master's tone by the
     * frame's own curves (the model's are not fitted yet).
     */
    @Override
    public int[] plannedSources(Evidence frame) {
        return SourceRule.codes(PrintComposite.build(frame, MultiPrintInput.ownCurves()).label);
    }

    @Override
    public String refusal(RestorationJob job) {
        return job.references().isEmpty() ? "a multi-print composite needs at least two prints of the film; give them all" : null;
    }

    @Override
    public ModelInput fit(List<Evidence> pairs, int inputChannels) {
        LumaInput.requireChannels(inputChannels, "a multi-print fill network");
        return MultiPrintInput.fit(pairs);
    }

    /** Synthetic holes over the intact composite; the target is the composite's own Y, Cb and Cr there. */
    @Override
    public List<TrainingPair> pairs(Evidence frame, ModelInput input, long seed) {
        MultiPrintInput tones = (MultiPrintInput) input;
        PrintComposite composite = PrintComposite.of(frame, tones);
        int w = composite.width;
        int h = composite.height;
        float[][] ycc = hardColour(composite, composite.chroma(frame));
        float[] real = composite.holes().data();
        float[] known = new float[real.length];
        for (int i = 0; i < known.length; i++) {
            known[i] = real[i] > 0 ? 0f : 1f;
            for (float[] plane : ycc) {
                if (!Float.isFinite(plane[i])) {
                    plane[i] = 0;
                }
            }
        }
        Image target = Image.ofPlanes(w, h, ycc);
        List<TrainingPair> pairs = new ArrayList<>();
        for (int v = 0; v < SyntheticDamage.VARIANTS; v++) {
            Image holes = SyntheticDamage.draw(w, h, seed, frame.frame(), v);
            float[] hole = holes.data();
            for (int i = 0; i < hole.length; i++) {
                hole[i] = Math.max(hole[i] * known[i], real[i]); // the real holes stay holes, never taught
            }
            holes = SyntheticDamage.soften(holes); // the real holes' edges as soft as the synthetic ones'
            pairs.add(new TrainingPair(frame.name() + "#" + v, tones.of(masked(ycc, holes.data()), holes),
                    target, SyntheticDamage.loss(holes, known)));
        }
        return pairs;
    }

    /**
     * The chosen layer per pixel and the layers, {@code 1 + 3 × (elements + 1)} channels: the layer
     * index (0 the master, k reference k, {@code elements} the fill), then each element's Y, Cb and
     * Cr usable everywhere and the composite's with its holes filled from the neighbouring frames
     * (Y) and the network, else from around them ({@link #layered}).
     */
    @Override
    public Image predict(TrainedModel model, ModelInput input, Evidence frame, double workScale) {
        MultiPrintInput tones = (MultiPrintInput) input;
        PrintComposite composite = PrintComposite.of(frame, tones);
        PrintChroma chroma = composite.chroma(frame);
        Image holes = composite.holes();
        float[] hard = composite.hard();
        float[] filled = hard.clone();
        float[][] holeColour = null; // Cb, Cr the neighbours or the network give the holes; NaN where they give none
        if (anyHole(holes)) {
            NeighbourFill.Filled neighbours = NeighbourFill.of(frame, tones, composite);
            float[] fill = neighbours.y();
            holeColour = new float[][] {neighbours.cb(), neighbours.cr()};
            float[][] known = hardColour(composite, chroma); // the composite with what the neighbours show in its holes
            float[] rest = new float[hard.length]; // what no neighbour shows: for the network or the inpainting
            boolean anyRest = false;
            for (int i = 0; i < rest.length; i++) {
                if (Float.isFinite(fill[i])) {
                    known[0][i] = fill[i];
                    known[1][i] = holeColour[0][i];
                    known[2][i] = holeColour[1][i];
                } else if (holes.data()[i] > 0) {
                    rest[i] = 1;
                    anyRest = true;
                }
            }
            if (anyRest) {
                float[][] inferred = fill(model, tones, frame, known, new Image(composite.width, composite.height, 1, rest));
                for (int i = 0; i < rest.length; i++) {
                    if (rest[i] > 0) {
                        fill[i] = inferred[0][i];
                        for (int j = 0; inferred[1] != null && j < 2; j++) {
                            holeColour[j][i] = inferred[1 + j][i];
                        }
                    }
                }
            }
            composite = composite.rechecked(fill);
            for (int i = 0; i < filled.length; i++) {
                filled[i] = composite.label[i] < 0 ? Math.min(1f, Math.max(0f, fill[i])) : composite.layers[composite.label[i]][i];
            }
        }
        return layered(composite, chroma, filled, holeColour);
    }

    /**
     * What goes into the holes ({@code known}: the composite's Y, Cb, Cr, NaN in them): the
     * network's Y, Cb and Cr, if on synthetic holes drawn over this frame's intact composite near
     * the holes ({@link #NEAR}: the picture the fill must match; none elsewhere) its Y comes closer to the
     * composite than the smooth fill it refines (an undertrained network adds more than it knows);
     * else the smooth fill's Y and no chroma (the holes' colour is then inpainted, {@link PrintChroma#filled}).
     * The network is run only around the pixels each comparison reads ({@link TrainedModel#predict(Image, Image)}).
     */
    private static float[][] fill(TrainedModel model, MultiPrintInput tones, Evidence frame, float[][] known, Image holes) {
        int w = holes.width();
        int h = holes.height();
        float[] hard = known[0];
        float[] real = holes.data();
        float[] near = NeighbourFill.dilated(real, w, h, (int) Math.ceil(NEAR * Math.min(w, h)));
        Image check = SyntheticDamage.draw(w, h, new SplittableRandom(0x5DEECE66DL ^ frame.frame()));
        float[] c = check.data();
        float[] scored = new float[c.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = Math.max(real[i] > 0 || near[i] == 0 ? 0 : c[i], real[i]); // holes elsewhere would only cost inpainting
            scored[i] = c[i] >= 1f && real[i] == 0 ? 1f : 0f;
        }
        Image soft = SyntheticDamage.soften(check);
        float[][] hidden = masked(known, soft.data());
        float[] smooth = PrintComposite.inpaint(hidden[0], soft, w, h); // also the network's guide
        Image byModel = model.predict(tones.of(hidden, smooth, soft), new Image(w, h, 1, scored));
        double modelError = 0;
        double smoothError = 0;
        for (int i = 0; i < c.length; i++) {
            if (scored[i] > 0) {
                modelError += Math.abs(byModel.data()[byModel.channels() * i] - hard[i]);
                smoothError += Math.abs(smooth[i] - hard[i]);
            }
        }
        Image softHoles = SyntheticDamage.soften(holes); // soft edges, as the network learnt them
        float[] smoothFill = PrintComposite.inpaint(hard, softHoles, w, h);
        if (!(modelError < smoothError)) {
            return new float[][] {smoothFill, null, null};
        }
        Image out = model.predict(tones.of(known, smoothFill, softHoles), holes);
        return new float[][] {Colour.channels(out, 0, 1).data(), Colour.channels(out, 1, 1).data(), Colour.channels(out, 2, 1).data()};
    }

    /** The per-pixel median of the registered, tone-matched and colour-matched prints, everywhere. */
    @Override
    public Image baseline(ModelInput input, Evidence frame, double workScale) {
        PrintComposite composite = PrintComposite.of(frame, (MultiPrintInput) input);
        PrintChroma chroma = composite.chroma(frame);
        int[] label = new int[composite.label.length];
        Arrays.fill(label, 1); // every pixel from the median layer
        return prediction(composite, label, new float[][][] {
                {composite.layers[0], PrintComposite.median(composite.layers)},
                {chroma.cb()[0], PrintComposite.median(chroma.cb())},
                {chroma.cr()[0], PrintComposite.median(chroma.cr())}});
    }

    @Override
    public Image compositeMask(Evidence frame) {
        return null;
    }

    @Override
    public int[] sources(Evidence frame, Image prediction) {
        int layers = (prediction.channels() - 1) / 3; // see prediction(...)
        int n = prediction.width() * prediction.height();
        int[] sources = new int[n];
        for (int i = 0; i < n; i++) {
            int label = Math.round(prediction.data()[prediction.channels() * i]);
            sources[i] = label == layers - 1 ? INFERRED : label;
        }
        return sources;
    }

    /**
     * Against the evidence: where the master is damaged, luma PSNR of the result, the baseline and
     * the master against the most faithful other print intact there (tone-matched); the master's damaged
     * and the inferred share.
     */
    @Override
    public Map<String, Double> scoreHeldOut(Evidence frame, Image result, Image baseline, Compositor compositor) {
        PrintComposite composite = PrintComposite.build(frame, MultiPrintInput.ownCurves());
        int n = composite.label.length;
        float[] witness = new float[n];
        float[] inMaster = new float[n];
        double damaged = 0;
        double inferred = 0;
        for (int i = 0; i < n; i++) {
            damaged += composite.intact[0][i] ? 0 : 1;
            inferred += composite.label[i] < 0 ? 1 : 0;
            if (composite.intact[0][i]) {
                continue;
            }
            for (int k : composite.order) {
                if (composite.intact[k][i]) {
                    witness[i] = composite.layers[k][i];
                    inMaster[i] = 1;
                    break;
                }
            }
        }
        Image mask = new Image(composite.width, composite.height, 1, inMaster);
        Image truth = new Image(composite.width, composite.height, 1, witness);
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("masterDamagedFraction", damaged / n);
        scores.put("inferredFraction", inferred / n);
        scores.put("psnrResult", Psnr.of(LumaScores.y(result), truth, mask));
        scores.put("psnrBaseline", Psnr.of(LumaScores.y(baseline), truth, mask));
        scores.put("psnrScan", Psnr.of(LumaScores.y(frame.scan()), truth, mask));
        return scores;
    }

    /** Luma PSNR against the truth, over the frame and inside the master's damage, of the result and the master. */
    @Override
    public Map<String, Double> scoreTruth(Evidence frame, Image result, Image truth, Compositor compositor) {
        Image damaged = new Image(frame.scan().width(), frame.scan().height(), 1, DamageMaps.intact(frame.damage(),
                frame.scan().width() * frame.scan().height()));
        for (int i = 0; i < damaged.data().length; i++) {
            damaged.data()[i] = 1 - damaged.data()[i];
        }
        return LumaScores.truth(result, frame.scan(), truth, damaged);
    }

    @Override
    public Map<String, String> summary(Map<String, Double> allFrames, Map<String, Double> heldOut) {
        return LumaScores.summary(allFrames, "master as is", "in its damage", "composite", "in the master's damage");
    }

    /**
     * The prediction of a composite whose pixels no element shows intact are {@code filled} (Y):
     * the chosen layer per pixel (the fill's layer in the holes) and every layer's Y, Cb and Cr,
     * each usable everywhere ({@link PrintComposite#blendLayers}); the chroma is the elements',
     * colour-matched ({@code chroma}), the holes' the neighbours' or the network's
     * ({@code holeColour}: Cb, Cr, NaN where neither gave it; may be null) or else inpainted
     * ({@link PrintChroma#filled}).
     */
    private static Image layered(PrintComposite composite, PrintChroma chroma, float[] filled, float[][] holeColour) {
        float[][] colour = chroma.filled(composite, holeColour);
        int fillLayer = composite.layers.length;
        int[] label = new int[filled.length];
        for (int i = 0; i < label.length; i++) {
            label[i] = composite.label[i] < 0 ? fillLayer : composite.label[i];
        }
        return prediction(composite, label, new float[][][] {composite.blendLayers(composite.layers, filled),
                composite.blendLayers(chroma.cb(), colour[0]), composite.blendLayers(chroma.cr(), colour[1])});
    }

    /**
     * What the compositor reads ({@code org.emulsion.compose.multiPrint}): channel 0 the layer
     * each pixel is taken from, then per layer its Y, Cb and Cr ({@code planes[Y|Cb|Cr][layer]}).
     */
    private static Image prediction(PrintComposite composite, int[] label, float[][][] planes) {
        int layers = planes[0].length;
        int c = 1 + 3 * layers;
        int n = label.length;
        float[] out = new float[c * n];
        for (int i = 0; i < n; i++) {
            out[c * i] = label[i];
            for (int k = 0; k < layers; k++) {
                for (int j = 0; j < 3; j++) {
                    out[c * i + 1 + 3 * k + j] = planes[j][k][i];
                }
            }
        }
        return new Image(composite.width, composite.height, c, out);
    }

    private static boolean anyHole(Image holes) {
        for (float v : holes.data()) {
            if (v > 0) {
                return true;
            }
        }
        return false;
    }

    /** The composite's Y, Cb and Cr, NaN in its holes. */
    private static float[][] hardColour(PrintComposite composite, PrintChroma chroma) {
        float[][] cbcr = chroma.hard(composite);
        return new float[][] {composite.hard(), cbcr[0], cbcr[1]};
    }

    /** Each plane with NaN inside {@code holes} (their soft edges excepted): what the network may not see. */
    private static float[][] masked(float[][] planes, float[] holes) {
        float[][] out = new float[planes.length][];
        for (int j = 0; j < planes.length; j++) {
            out[j] = planes[j].clone();
            for (int i = 0; i < holes.length; i++) {
                if (holes[i] >= 1f) {
                    out[j][i] = Float.NaN;
                }
            }
        }
        return out;
    }
}
