package org.emulsion.pipeline.internal.targets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
import org.emulsion.quality.Ssim;

/**
 * The {@code luma} target: the scan's own luma restored inside its damage, guided by another
 * element that kept it (a print of another gauge, registered at the scan's resolution). The
 * restorers' recipe trains on "reference Y + scan CbCr"; this one does better: it lays synthetic
 * holes over the scan's intact areas ({@link SyntheticDamage}) and teaches the network to fill
 * them with the scan's own detail and tone from the surroundings and the tone-matched guide
 * ({@link LumaInput}), so a repaired area does not look like the softer print. Before the network,
 * a hole takes what the neighbouring scan frames show of it intact, motion-compensated, where they
 * agree with the frame around it ({@link NeighbourFill}), as a restorer fills dirt from the frame
 * before or after: the scan's own detail and tone at another moment. The compositor then
 * replaces only the damaged pixels; every intact pixel stays the scan's. The baseline pastes the
 * tone-matched guide into the damage.
 */
public final class LumaRestoration implements RestorationTarget {
    @Override
    public boolean needsDamage() {
        return true;
    }

    @Override
    public boolean needsReferencesToRender() {
        return true;
    }

    /** Every frame needs its guide: a reference with fewer frames than the scan cannot guide it. */
    @Override
    public String refusal(RestorationJob job) {
        for (RestorationJob.Reference r : job.references()) {
            if (r.source().frameCount() < job.scan().frameCount()) {
                return r.location() + " has " + r.source().frameCount() + " frames but the scan " + job.scanLocation() + " has "
                        + job.scan().frameCount() + ": the " + r.role() + " is shorter than the scan and cannot guide every frame;"
                        + " give the whole " + r.role() + ", or a scan of the frames it holds";
            }
        }
        return job.references().isEmpty() ? "the luma target needs a reference to guide the repairs" : null;
    }

    @Override
    public ModelInput fit(List<Evidence> pairs, int inputChannels) {
        LumaInput.requireChannels(inputChannels, "a luma network for damage repair");
        return LumaInput.fit(pairs);
    }

    /** Synthetic holes on the intact, guided pixels of the frame; the target is the scan's own Y there. */
    @Override
    public List<TrainingPair> pairs(Evidence frame, ModelInput input, long seed) {
        LumaInput luma = (LumaInput) input;
        int w = frame.scan().width();
        int h = frame.scan().height();
        float[] intact = DamageMaps.intact(frame.damage(), w * h);
        float[] covered = covered(frame.reference(), w * h);
        float[] known = new float[w * h]; // the truth is known and the guide exists
        for (int i = 0; i < known.length; i++) {
            known[i] = intact[i] * covered[i];
        }
        Image target = new Image(w, h, 1, LumaInput.luma(frame.scan()));
        List<TrainingPair> pairs = new ArrayList<>();
        for (int v = 0; v < SyntheticDamage.VARIANTS; v++) {
            Image holes = SyntheticDamage.draw(w, h, seed, frame.frame(), v);
            float[] hole = holes.data();
            for (int i = 0; i < hole.length; i++) {
                hole[i] *= known[i];
            }
            pairs.add(new TrainingPair(frame.name() + "#" + v, luma.of(frame, holes), target, SyntheticDamage.loss(holes, known)));
        }
        return pairs;
    }

    /** A hole is filled first from the neighbouring frames of the shot where they show it ({@link NeighbourFill}). */
    @Override
    public boolean needsNeighbours() {
        return true;
    }

    /**
     * Each hole from the neighbouring scan frames, motion-compensated, where they show it intact and
     * agree with the frame around it: the scan's own detail and tone at another moment. What they do
     * not show the network fills, seeing the neighbours' pixels as the scan's own.
     */
    @Override
    public Image predict(TrainedModel model, ModelInput input, Evidence frame, double workScale) {
        Image holes = holes(frame);
        LumaInput luma = (LumaInput) input;
        Image ycc = Colour.ycbcr(frame.scan()); // converted once: the frame's Y serves the fill, the guide and the input
        float[] scanY = Colour.channels(ycc, 0, 1).data();
        float[] witness = luma.witness(frame);
        float[] seen = fromNeighbours(frame, scanY, witness);
        Image guide = luma.guide(frame, witness, scanY);
        float[] y = scanY.clone();
        float[] rest = holes.data().clone();
        for (int i = 0; i < rest.length; i++) {
            if (Float.isFinite(seen[i])) {
                y[i] = seen[i];
                rest[i] = 0;
            }
        }
        Image restHoles = new Image(holes.width(), holes.height(), 1, rest);
        Image out = model.predict(LumaInput.assemble(ycc, y, guide.data(), restHoles));
        float[] result = out.data();
        for (int i = 0; i < result.length; i++) {
            if (Float.isFinite(seen[i])) {
                result[i] = seen[i];
            }
        }
        return out;
    }

    /**
     * What the neighbouring scan frames show in the frame's damage (NaN where none shows it, and
     * outside the damage), where it agrees with {@code witness}, the reference's picture of this very
     * frame in the scan's tone (NaN where it does not cover the scan, and is no check there; null: none).
     */
    public static float[] fromNeighbours(Evidence frame, float[] witness) {
        return fromNeighbours(frame, LumaInput.luma(frame.scan()), witness);
    }

    /** {@link #fromNeighbours(Evidence, float[])} with the frame's Y ({@code scanY}, kept) already known. */
    private static float[] fromNeighbours(Evidence frame, float[] scanY, float[] witness) {
        int w = frame.scan().width();
        int h = frame.scan().height();
        List<float[]> neighbours = new ArrayList<>();
        for (Evidence n : new Evidence[] { frame.previous(), frame.next() }) {
            if (n != null && n.scan().width() == w && n.scan().height() == h) {
                neighbours.add(holed(n, LumaInput.luma(n.scan())));
            }
        }
        if (neighbours.isEmpty() || frame.damage() == null) {
            float[] none = new float[w * h];
            Arrays.fill(none, Float.NaN);
            return none;
        }
        return NeighbourFill.fill(w, h, holed(frame, scanY.clone()), neighbours, witness);
    }

    /** The frame's scan Y {@code y}, made NaN in place wherever its damage map marks any damage. */
    private static float[] holed(Evidence frame, float[] y) {
        float[] intact = DamageMaps.intact(frame.damage(), y.length);
        for (int i = 0; i < y.length; i++) {
            if (intact[i] == 0) {
                y[i] = Float.NaN;
            }
        }
        return y;
    }

    @Override
    public Image baseline(ModelInput input, Evidence frame, double workScale) {
        return ((LumaInput) input).pasted(frame);
    }

    /**
     * Inside the damage the guide covers: PSNR and SSIM of the result, the baseline and the scan
     * against the tone-matched guide (what the repair is evidence-bound to), and the damaged fraction.
     */
    @Override
    public Map<String, Double> scoreHeldOut(Evidence frame, Image result, Image baseline, Compositor compositor) {
        Image guide = LumaInput.fit(List.of(frame)).pasted(frame);
        Image damaged = damaged(frame);
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("damagedFraction", fraction(damaged));
        // the report's held-out keys (prefix + Result/Baseline/Scan), measured inside the damage against the guide
        scores.put("psnrResult", Psnr.of(LumaScores.y(result), guide, damaged));
        scores.put("psnrBaseline", Psnr.of(LumaScores.y(baseline), guide, damaged));
        scores.put("psnrScan", Psnr.of(LumaScores.y(frame.scan()), guide, damaged));
        scores.put("ssimResult", Ssim.of(LumaScores.y(result), guide, damaged));
        scores.put("ssimBaseline", Ssim.of(LumaScores.y(baseline), guide, damaged));
        scores.put("ssimScan", Ssim.of(LumaScores.y(frame.scan()), guide, damaged));
        return scores;
    }

    /** Luma PSNR and SSIM against the truth, over the frame and inside its damage map, of the result and the scan. */
    @Override
    public Map<String, Double> scoreTruth(Evidence frame, Image result, Image truth, Compositor compositor) {
        Map<String, Double> scores = LumaScores.truth(result, frame.scan(), truth, damaged(frame));
        scores.put("ssimResult", Ssim.luma(result, truth, null));
        return scores;
    }

    @Override
    public Map<String, String> frameFacts(Evidence frame) {
        return Map.of("damagedFraction", String.format(Locale.ROOT, "%.4f", fraction(damaged(frame))));
    }

    @Override
    public Map<String, String> summary(Map<String, Double> allFrames, Map<String, Double> heldOut) {
        return LumaScores.summary(allFrames, "scan as is", "in damage", "result", "in damage");
    }

    /** The frame's damage map as the hole channel (no map: no holes). */
    private static Image holes(Evidence frame) {
        return frame.damage() != null ? frame.damage() : Image.blank(frame.scan().width(), frame.scan().height(), 1);
    }

    /** 1 where the damage map is above {@link LumaInput#HOLE}. */
    private static Image damaged(Evidence frame) {
        Image map = holes(frame);
        Image out = Image.blank(map.width(), map.height(), 1);
        for (int i = 0; i < out.data().length; i++) {
            out.data()[i] = map.data()[i] > LumaInput.HOLE ? 1f : 0f;
        }
        return out;
    }

    private static double fraction(Image mask) {
        double sum = 0;
        for (float v : mask.data()) {
            sum += v;
        }
        return sum / mask.data().length;
    }

    private static float[] covered(Image reference, int n) {
        float[] covered = new float[n];
        for (int i = 0; i < n; i++) {
            covered[i] = reference != null && Float.isFinite(reference.data()[reference.channels() * i]) ? 1f : 0f;
        }
        return covered;
    }
}
