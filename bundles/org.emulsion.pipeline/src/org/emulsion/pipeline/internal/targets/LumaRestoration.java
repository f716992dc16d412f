package org.emulsion.pipeline.internal.targets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.emulsion.core.extensions.Compositor;
import org.emulsion.core.image.Image;
import org.emulsion.engine.TrainedModel;
import org.emulsion.engine.TrainingPair;
import org.emulsion.media.OpenCv;
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
 * ({@link LumaInput}), so a repaired area does not look like the softer print. The compositor then
 * replaces only the damaged pixels; every intact pixel stays the scan's. The baseline pastes the
 * tone-matched guide into the damage.
 */
public final class LumaRestoration implements RestorationTarget {
    /** Synthetic hole maps per training frame. */
    private static final int VARIANTS = 4;
    /** The loss also sees this many pixels around each hole, where repairs meet the scan. */
    private static final int RING = 3;

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
        if (inputChannels != LumaInput.CHANNELS) {
            throw new IllegalArgumentException("a luma network for damage repair takes " + LumaInput.CHANNELS
                    + " input channels (Y filled, Cb, Cr, guide Y, holes), not " + inputChannels);
        }
        return LumaInput.fit(pairs);
    }

    /** Synthetic holes on the intact, guided pixels of the frame; the target is the scan's own Y there. */
    @Override
    public List<TrainingPair> pairs(Evidence frame, ModelInput input, long seed) {
        LumaInput luma = (LumaInput) input;
        int w = frame.scan().width();
        int h = frame.scan().height();
        float[] intact = LumaInput.intact(frame.damage(), w * h);
        float[] covered = covered(frame.reference(), w * h);
        Image target = new Image(w, h, 1, LumaInput.luma(frame.scan()));
        List<TrainingPair> pairs = new ArrayList<>();
        for (int v = 0; v < VARIANTS; v++) {
            SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ (frame.frame() * 31L + v + 1) * 0xBF58476D1CE4E5B9L);
            Image holes = SyntheticDamage.draw(w, h, random);
            float[] hole = holes.data();
            for (int i = 0; i < hole.length; i++) {
                hole[i] *= intact[i] * covered[i]; // a hole only where the truth is known and the guide exists
            }
            Image loss = ring(holes);
            for (int i = 0; i < hole.length; i++) {
                loss.data()[i] *= intact[i] * covered[i];
            }
            pairs.add(new TrainingPair(frame.name() + "#" + v, luma.of(frame, holes), target, loss));
        }
        return pairs;
    }

    @Override
    public Image predict(TrainedModel model, ModelInput input, Evidence frame, double workScale) {
        return model.predict(((LumaInput) input).of(frame, holes(frame)));
    }

    @Override
    public Image baseline(ModelInput input, Evidence frame, double workScale) {
        return ((LumaInput) input).guide(frame);
    }

    /**
     * Inside the damage the guide covers: PSNR and SSIM of the result, the baseline and the scan
     * against the tone-matched guide (what the repair is evidence-bound to), and the damaged fraction.
     */
    @Override
    public Map<String, Double> scoreHeldOut(Evidence frame, Image result, Image baseline, Compositor compositor) {
        Image guide = LumaInput.fit(List.of(frame)).guide(frame);
        Image damaged = damaged(frame);
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("damagedFraction", fraction(damaged));
        // the report's held-out keys (prefix + Result/Baseline/Scan), measured inside the damage against the guide
        scores.put("psnrResult", Psnr.of(y(result), guide, damaged));
        scores.put("psnrBaseline", Psnr.of(y(baseline), guide, damaged));
        scores.put("psnrScan", Psnr.of(y(frame.scan()), guide, damaged));
        scores.put("ssimResult", Ssim.of(y(result), guide, damaged));
        scores.put("ssimBaseline", Ssim.of(y(baseline), guide, damaged));
        scores.put("ssimScan", Ssim.of(y(frame.scan()), guide, damaged));
        return scores;
    }

    /** Luma PSNR and SSIM against the truth, over the frame and inside its damage map, of the result and the scan. */
    @Override
    public Map<String, Double> scoreTruth(Evidence frame, Image result, Image truth, Compositor compositor) {
        Image damaged = damaged(frame);
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("psnrResult", Psnr.luma(result, truth, null));
        scores.put("psnrScan", Psnr.luma(frame.scan(), truth, null));
        scores.put("psnrDamagedResult", Psnr.luma(result, truth, damaged));
        scores.put("psnrDamagedScan", Psnr.luma(frame.scan(), truth, damaged));
        scores.put("ssimResult", Ssim.luma(result, truth, null));
        return scores;
    }

    @Override
    public Map<String, String> frameFacts(Evidence frame) {
        return Map.of("damagedFraction", String.format(Locale.ROOT, "%.4f", fraction(damaged(frame))));
    }

    @Override
    public Map<String, String> summary(Map<String, Double> allFrames, Map<String, Double> heldOut) {
        Map<String, String> summary = new LinkedHashMap<>();
        summary.put("luma PSNR scan as is", String.format(Locale.ROOT, "%.2f dB (in damage %.2f dB)", allFrames.get("psnrScan"),
                allFrames.get("psnrDamagedScan")));
        summary.put("luma PSNR result", String.format(Locale.ROOT, "%.2f dB (in damage %.2f dB)", allFrames.get("psnrResult"),
                allFrames.get("psnrDamagedResult")));
        return summary;
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

    /** The holes grown by {@value #RING} pixels: where the loss looks. */
    static Image ring(Image holes) {
        try (Mat m = OpenCv.toMat(holes); Mat grown = new Mat();
                Mat kernel = opencv_imgproc.getStructuringElement(opencv_imgproc.MORPH_ELLIPSE, new Size(2 * RING + 1, 2 * RING + 1))) {
            opencv_imgproc.dilate(m, grown, kernel);
            Image out = OpenCv.toImage(grown);
            for (int i = 0; i < out.data().length; i++) {
                out.data()[i] = out.data()[i] > 0.01f ? 1f : 0f;
            }
            return out;
        }
    }

    /** The Y of an RGB image as a one-channel image. */
    private static Image y(Image rgb) {
        return new Image(rgb.width(), rgb.height(), 1, LumaInput.luma(rgb));
    }
}
