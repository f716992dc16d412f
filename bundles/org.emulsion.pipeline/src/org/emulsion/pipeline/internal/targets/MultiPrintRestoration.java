package org.emulsion.pipeline.internal.targets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.emulsion.core.extensions.Compositor;
import org.emulsion.core.image.Image;
import org.emulsion.engine.TrainedModel;
import org.emulsion.engine.TrainingPair;
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
 * they show it and agree around it ({@link NeighbourFill}); what they do not show a luma network
 * trained on this film's composite fills: synthetic holes ({@link SyntheticDamage}) over intact
 * composite areas teach it to refine OpenCV's inpainting fill of the hole with the film's own
 * detail. Either way the pixel is inferred, not any print's of this moment. The prediction handed to the compositor
 * ({@code org.emulsion.compose.multiPrint}) is the chosen layer per pixel and the layers; the
 * compositor blends seam-free where the source changes and keeps every other pixel its print's.
 * The baseline is the per-pixel median of the registered, tone-matched prints.
 */
public final class MultiPrintRestoration implements RestorationTarget {
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

    /** Synthetic holes over the intact composite; the target is the composite's own Y there. */
    @Override
    public List<TrainingPair> pairs(Evidence frame, ModelInput input, long seed) {
        MultiPrintInput tones = (MultiPrintInput) input;
        PrintComposite composite = PrintComposite.of(frame, tones);
        int w = composite.width;
        int h = composite.height;
        float[] hard = composite.hard();
        float[] real = composite.holes().data();
        float[] known = new float[hard.length];
        for (int i = 0; i < known.length; i++) {
            known[i] = real[i] > 0 ? 0f : 1f;
            if (!Float.isFinite(hard[i])) {
                hard[i] = 0;
            }
        }
        Image target = new Image(w, h, 1, hard);
        List<TrainingPair> pairs = new ArrayList<>();
        for (int v = 0; v < SyntheticDamage.VARIANTS; v++) {
            Image holes = SyntheticDamage.draw(w, h, seed, frame.frame(), v);
            float[] hole = holes.data();
            for (int i = 0; i < hole.length; i++) {
                hole[i] = Math.max(hole[i] * known[i], real[i]); // the real holes stay holes, never taught
            }
            holes = SyntheticDamage.soften(holes); // the real holes' edges as soft as the synthetic ones'
            pairs.add(new TrainingPair(frame.name() + "#" + v, tones.of(frame, masked(hard, holes.data()), holes), target,
                    SyntheticDamage.loss(holes, known)));
        }
        return pairs;
    }

    /**
     * The chosen layer per pixel and the layers, {@code 2 + elements} channels: the layer index
     * (0 the master, k reference k, {@code elements} the fill), then each element's Y usable
     * everywhere and the composite with its holes filled from the neighbouring frames and the model.
     */
    @Override
    public Image predict(TrainedModel model, ModelInput input, Evidence frame, double workScale) {
        MultiPrintInput tones = (MultiPrintInput) input;
        PrintComposite composite = PrintComposite.of(frame, tones);
        Image holes = composite.holes();
        float[] hard = composite.hard();
        float[] filled = hard.clone();
        if (anyHole(holes)) {
            float[] fill = NeighbourFill.of(frame, tones, composite);
            float[] known = hard.clone(); // the composite with what the neighbours show in its holes
            float[] rest = new float[hard.length]; // what no neighbour shows: for the network or the inpainting
            boolean anyRest = false;
            for (int i = 0; i < rest.length; i++) {
                if (Float.isFinite(fill[i])) {
                    known[i] = fill[i];
                } else if (holes.data()[i] > 0) {
                    rest[i] = 1;
                    anyRest = true;
                }
            }
            if (anyRest) {
                float[] inferred = fill(model, tones, frame, composite, known, new Image(composite.width, composite.height, 1, rest));
                for (int i = 0; i < rest.length; i++) {
                    fill[i] = rest[i] > 0 ? inferred[i] : fill[i];
                }
            }
            composite = composite.rechecked(fill);
            for (int i = 0; i < filled.length; i++) {
                filled[i] = composite.label[i] < 0 ? Math.min(1f, Math.max(0f, fill[i])) : composite.layers[composite.label[i]][i];
            }
        }
        return layered(composite, filled);
    }

    /**
     * What goes into the holes: the network's fill, if on synthetic holes drawn over this frame's
     * intact composite it comes closer to the composite than the smooth fill it refines (an
     * undertrained network adds more than it knows); else the smooth fill.
     */
    private static float[] fill(TrainedModel model, MultiPrintInput tones, Evidence frame, PrintComposite composite, float[] hard,
            Image holes) {
        int w = composite.width;
        int h = composite.height;
        float[] real = holes.data();
        Image check = SyntheticDamage.draw(w, h, new SplittableRandom(0x5DEECE66DL ^ frame.frame()));
        float[] c = check.data();
        for (int i = 0; i < c.length; i++) {
            c[i] = Math.max(real[i] > 0 ? 0 : c[i], real[i]);
        }
        Image soft = SyntheticDamage.soften(check);
        float[] hidden = masked(hard, soft.data());
        float[] smooth = PrintComposite.inpaint(hidden, soft, w, h); // also the network's guide
        float[] byModel = model.predict(tones.of(frame, hidden, smooth, soft)).data();
        double modelError = 0;
        double smoothError = 0;
        for (int i = 0; i < c.length; i++) {
            if (c[i] >= 1f && real[i] == 0) {
                modelError += Math.abs(byModel[i] - hard[i]);
                smoothError += Math.abs(smooth[i] - hard[i]);
            }
        }
        Image softHoles = SyntheticDamage.soften(holes); // soft edges, as the network learnt them
        float[] smoothFill = PrintComposite.inpaint(hard, softHoles, w, h);
        return modelError < smoothError ? model.predict(tones.of(frame, hard, smoothFill, softHoles)).data() : smoothFill;
    }

    /** The per-pixel median of the registered, tone-matched prints, everywhere. */
    @Override
    public Image baseline(ModelInput input, Evidence frame, double workScale) {
        PrintComposite composite = PrintComposite.of(frame, (MultiPrintInput) input);
        float[] median = composite.median();
        int n = median.length;
        float[] out = new float[3 * n];
        for (int i = 0; i < n; i++) {
            out[3 * i] = 1; // every pixel from the median layer
            out[3 * i + 1] = composite.layers[0][i];
            out[3 * i + 2] = median[i];
        }
        return new Image(composite.width, composite.height, 3, out);
    }

    @Override
    public Image compositeMask(Evidence frame) {
        return null;
    }

    @Override
    public int[] sources(Evidence frame, Image prediction) {
        int layers = prediction.channels() - 1;
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
        Image damaged = new Image(frame.scan().width(), frame.scan().height(), 1, LumaInput.intact(frame.damage(),
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

    private static Image layered(PrintComposite composite, float[] filled) {
        float[][] layers = composite.blendLayers(filled);
        int c = 1 + layers.length;
        int n = filled.length;
        float[] out = new float[c * n];
        int fillLayer = layers.length - 1;
        for (int i = 0; i < n; i++) {
            out[c * i] = composite.label[i] < 0 ? fillLayer : composite.label[i];
            for (int k = 0; k < layers.length; k++) {
                out[c * i + 1 + k] = layers[k][i];
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

    /** {@code y} with NaN inside {@code holes} (their soft edges excepted): what the network may not see. */
    private static float[] masked(float[] y, float[] holes) {
        float[] out = y.clone();
        for (int i = 0; i < out.length; i++) {
            if (holes[i] >= 1f) {
                out[i] = Float.NaN;
            }
        }
        return out;
    }
}
