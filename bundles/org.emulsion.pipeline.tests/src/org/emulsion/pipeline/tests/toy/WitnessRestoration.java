package org.emulsion.pipeline.tests.toy;

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
import org.emulsion.pipeline.RestorationTarget;

import com.google.gson.JsonObject;

/**
 * A toy restoration target contributed from outside the pipeline (plugin.xml of this bundle): the
 * scan's luma where it disagrees with both of two witness prints is replaced by a model's
 * estimate from the scan and the witnesses. The network sees the scan's Y and the two witnesses'
 * Y, and learns on intact material with synthetic blotches laid on the scan's Y to give the
 * scan's own Y back (so it learns to take the witnesses where the scan is wrong); the compositor
 * ({@link WitnessCompositor}) uses the prediction only inside {@link #compositeMask}.
 */
public final class WitnessRestoration implements RestorationTarget {
    /** How far (in Y, after removing the frame's median offset) the scan must stand from both witnesses to count as damaged. */
    static final float DISAGREEMENT = 0.2f;

    /** What one model was fitted with: nothing but the channel count, which the architecture declares. */
    record WitnessInput(int channels) implements ModelInput {
        @Override
        public JsonObject toJson() {
            JsonObject json = new JsonObject();
            json.addProperty("channels", "the scan's Y and the two witnesses' Y");
            return json;
        }

        @Override
        public String baselineMethod() {
            return "the mean of the two witnesses' Y inside the disagreement";
        }

        @Override
        public String baselineLabel() {
            return "witness mean";
        }
    }

    @Override
    public boolean needsReferencesToRender() {
        return true;
    }

    @Override
    public ModelInput fit(List<Evidence> pairs, int inputChannels) {
        if (inputChannels != 3) {
            throw new IllegalArgumentException("the witness target builds 3 input channels, not " + inputChannels);
        }
        return new WitnessInput(inputChannels);
    }

    /** Synthetic blotches per training pair, and their largest side in pixels. */
    private static final int BLOTCHES = 12;
    private static final int BLOTCH = 24;

    @Override
    public List<TrainingPair> pairs(Evidence frame, ModelInput input, long seed) {
        Image scanY = luma(frame.scan());
        Image in = input(frame);
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed ^ frame.frame());
        for (int k = 0; k < BLOTCHES; k++) { // the scan's channel only: the witnesses and the target keep the picture
            int w = 4 + random.nextInt(BLOTCH - 4);
            int h = 4 + random.nextInt(BLOTCH - 4);
            int x0 = random.nextInt(Math.max(1, in.width() - w));
            int y0 = random.nextInt(Math.max(1, in.height() - h));
            float value = (float) random.nextDouble();
            for (int y = y0; y < Math.min(in.height(), y0 + h); y++) {
                for (int x = x0; x < Math.min(in.width(), x0 + w); x++) {
                    in.set(x, y, 0, value);
                }
            }
        }
        Image mask = Image.blank(scanY.width(), scanY.height(), 1);
        float[] m = mask.data();
        float[] agree = compositeMask(frame).data();
        float[] a = luma(frame.reference(0)).data();
        float[] b = luma(frame.reference(1)).data();
        for (int i = 0; i < m.length; i++) {
            m[i] = Float.isFinite(a[i]) && Float.isFinite(b[i]) && agree[i] == 0f ? 1f : 0f; // intact material teaches
        }
        return List.of(new TrainingPair(frame.name(), in, scanY, mask));
    }

    @Override
    public Image predict(TrainedModel model, ModelInput input, Evidence frame, double workScale) {
        return model.predict(input(frame));
    }

    @Override
    public Image baseline(ModelInput input, Evidence frame, double workScale) {
        float[] s = luma(frame.scan()).data();
        float[] a = luma(frame.reference(0)).data();
        float[] b = luma(frame.reference(1)).data();
        Image mean = Image.blank(frame.scan().width(), frame.scan().height(), 1);
        for (int i = 0; i < s.length; i++) {
            mean.data()[i] = Float.isFinite(a[i]) && Float.isFinite(b[i]) ? (a[i] + b[i]) / 2 : s[i];
        }
        return mean;
    }

    /** 1 where the scan stands apart from both witnesses, beyond the frame's median offset (exposure, print density). */
    @Override
    public Image compositeMask(Evidence frame) {
        float[] s = luma(frame.scan()).data();
        float[] a = luma(frame.reference(0)).data();
        float[] b = luma(frame.reference(1)).data();
        float offsetA = medianDifference(s, a);
        float offsetB = medianDifference(s, b);
        Image mask = Image.blank(frame.scan().width(), frame.scan().height(), 1);
        for (int i = 0; i < s.length; i++) {
            boolean seen = Float.isFinite(a[i]) && Float.isFinite(b[i]);
            mask.data()[i] = seen && Math.abs(s[i] - a[i] - offsetA) > DISAGREEMENT && Math.abs(s[i] - b[i] - offsetB) > DISAGREEMENT
                    ? 1f : 0f;
        }
        return mask;
    }

    @Override
    public Map<String, Double> scoreHeldOut(Evidence frame, Image result, Image baseline, Compositor compositor) {
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("maskedFraction", fraction(compositeMask(frame)));
        return scores;
    }

    @Override
    public Map<String, Double> scoreTruth(Evidence frame, Image result, Image truth, Compositor compositor) {
        return Map.of();
    }

    @Override
    public Map<String, String> frameFacts(Evidence frame) {
        return Map.of("witnessDisagreement", String.format(java.util.Locale.ROOT, "%.4f", fraction(compositeMask(frame))));
    }

    /** The scan's Y and the witnesses' Y moved by the frame's median offset onto the scan's exposure. */
    private static Image input(Evidence frame) {
        float[] s = luma(frame.scan()).data();
        float[] a = luma(frame.reference(0)).data();
        float[] b = luma(frame.reference(1)).data();
        float offsetA = medianDifference(s, a);
        float offsetB = medianDifference(s, b);
        Image in = Image.blank(frame.scan().width(), frame.scan().height(), 3);
        float[] d = in.data();
        for (int i = 0; i < s.length; i++) {
            d[3 * i] = s[i];
            d[3 * i + 1] = Float.isFinite(a[i]) ? a[i] + offsetA : s[i]; // where a witness does not reach, the scan stands in
            d[3 * i + 2] = Float.isFinite(b[i]) ? b[i] + offsetB : s[i];
        }
        return in;
    }

    static Image luma(Image rgb) {
        return Colour.channels(Colour.ycbcr(rgb), 0, 1);
    }

    private static float medianDifference(float[] s, float[] w) {
        float[] d = new float[s.length];
        int n = 0;
        for (int i = 0; i < s.length; i++) {
            if (Float.isFinite(w[i])) {
                d[n++] = s[i] - w[i];
            }
        }
        if (n == 0) {
            return 0;
        }
        java.util.Arrays.sort(d, 0, n);
        return d[n / 2];
    }

    private static double fraction(Image mask) {
        double sum = 0;
        for (float v : mask.data()) {
            sum += v;
        }
        return sum / mask.data().length;
    }
}
