package org.emulsion.pipeline.contrib.tests.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.emulsion.core.extensions.Compositor;
import org.emulsion.core.image.Image;
import org.emulsion.engine.TrainedModel;
import org.emulsion.engine.TrainingPair;
import org.emulsion.media.Colour;
import org.emulsion.pipeline.Evidence;
import org.emulsion.pipeline.ModelInput;
import org.emulsion.pipeline.RestorationJob;
import org.emulsion.pipeline.RestorationTarget;
import org.emulsion.quality.Psnr;

import com.google.gson.JsonObject;

/**
 * A restoration target written against the public API only: the scan's Y inside its damage, from
 * a network that sees the scan's Y and the Y of two registered witnesses (3 input channels, 1
 * output). It learns on intact pixels covered by both witnesses; the baseline is the witnesses'
 * mean Y.
 */
public final class WitnessLumaRestoration implements RestorationTarget {
    static final int CHANNELS = 3;

    /** Nothing to fit: the network's input is the three Y planes as they are. */
    record WitnessInput(int frames) implements ModelInput {
        @Override
        public JsonObject toJson() {
            JsonObject o = new JsonObject();
            o.addProperty("witnesses", 2);
            o.addProperty("trainingFrames", frames);
            return o;
        }

        @Override
        public String baselineMethod() {
            return "the mean luma of the two registered witnesses";
        }

        @Override
        public String baselineLabel() {
            return "witness mean";
        }
    }

    @Override
    public String refusal(RestorationJob job) {
        return job.references().size() == 2 ? null : "this target needs exactly two references, got " + job.references().size();
    }

    @Override
    public boolean needsDamage() {
        return true;
    }

    @Override
    public boolean needsReferencesToRender() {
        return true;
    }

    @Override
    public ModelInput fit(List<Evidence> pairs, int inputChannels) {
        if (inputChannels != CHANNELS) {
            throw new IllegalArgumentException("the witness target builds " + CHANNELS + " input channels, not " + inputChannels);
        }
        return new WitnessInput(pairs.size());
    }

    /** The scan's own Y is the target, taught only where the scan is intact and both witnesses cover it. */
    @Override
    public List<TrainingPair> pairs(Evidence frame, ModelInput input, long seed) {
        float[] scanY = y(frame.scan());
        Image mask = Image.blank(frame.scan().width(), frame.scan().height(), 1);
        float[] a = y(frame.reference(0));
        float[] b = y(frame.reference(1));
        for (int i = 0; i < scanY.length; i++) {
            boolean intact = frame.damage() == null || frame.damage().data()[i] == 0;
            mask.data()[i] = intact && a != null && b != null && Float.isFinite(a[i]) && Float.isFinite(b[i]) ? 1f : 0f;
        }
        Image target = new Image(frame.scan().width(), frame.scan().height(), 1, scanY);
        return List.of(new TrainingPair(frame.name(), networkInput(frame), target, mask));
    }

    @Override
    public Image predict(TrainedModel model, ModelInput input, Evidence frame, double workScale) {
        return model.predict(networkInput(frame));
    }

    @Override
    public Image baseline(ModelInput input, Evidence frame, double workScale) {
        float[] scanY = y(frame.scan());
        float[] a = y(frame.reference(0));
        float[] b = y(frame.reference(1));
        float[] out = new float[scanY.length];
        for (int i = 0; i < out.length; i++) {
            double sum = 0;
            int n = 0;
            for (float[] w : new float[][] {a, b}) {
                if (w != null && Float.isFinite(w[i])) {
                    sum += w[i];
                    n++;
                }
            }
            out[i] = n == 0 ? scanY[i] : (float) (sum / n);
        }
        return new Image(frame.scan().width(), frame.scan().height(), 1, out);
    }

    /** Luma PSNR inside the damage against the witnesses' mean, of the result, the baseline and the scan. */
    @Override
    public Map<String, Double> scoreHeldOut(Evidence frame, Image result, Image baseline, Compositor compositor) {
        Image mean = baseline(null, frame, 1);
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("psnrResult", Psnr.of(yImage(result), mean, frame.damage()));
        scores.put("psnrBaseline", Psnr.of(yImage(baseline), mean, frame.damage()));
        scores.put("psnrScan", Psnr.of(yImage(frame.scan()), mean, frame.damage()));
        return scores;
    }

    @Override
    public Map<String, Double> scoreTruth(Evidence frame, Image result, Image truth, Compositor compositor) {
        return Map.of("psnrResult", Psnr.luma(result, truth, frame.damage()));
    }

    /** Scan Y, witness 1 Y, witness 2 Y; a witness missing or not covering a pixel gives the scan's Y there. */
    private static Image networkInput(Evidence frame) {
        float[] scanY = y(frame.scan());
        float[][] planes = {scanY, y(frame.reference(0)), y(frame.reference(1))};
        int n = scanY.length;
        float[] data = new float[CHANNELS * n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < CHANNELS; c++) {
                float v = planes[c] == null ? Float.NaN : planes[c][i];
                data[CHANNELS * i + c] = Float.isFinite(v) ? v : scanY[i];
            }
        }
        return new Image(frame.scan().width(), frame.scan().height(), CHANNELS, data);
    }

    /** Y of an RGB image (NaN stays NaN), or null for no image. */
    static float[] y(Image rgb) {
        return rgb == null ? null : yImage(rgb).data();
    }

    private static Image yImage(Image rgb) {
        return Colour.channels(Colour.ycbcr(rgb), 0, 1);
    }
}
