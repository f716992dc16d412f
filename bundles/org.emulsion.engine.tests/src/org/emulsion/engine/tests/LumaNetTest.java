package org.emulsion.engine.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.emulsion.engine.extensions.ModelArchitectureRegistry;
import org.emulsion.core.image.Image;
import org.emulsion.engine.ModelTrainer;
import org.emulsion.engine.TrainedModel;
import org.emulsion.engine.TrainingPair;
import org.emulsion.engine.TrainingSettings;
import org.junit.jupiter.api.Test;

/**
 * The luma network learns a known spatial luma transform through the engine's trainer. The
 * network starts near the identity, so the transform is chosen far from it (a blur with a gain
 * well below 1) for the first steps' loss to say what doing nothing costs.
 */
class LumaNetTest {

    @Test
    void learnsABlurWithGain() {
        List<TrainingPair> pairs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Image in = TiledInferenceTest.texturedFrame(64, 64, 40 + i);
            Image target = Image.blank(64, 64, 1);
            Image mask = Image.blank(64, 64, 1);
            for (int y = 0; y < 64; y++) {
                for (int x = 0; x < 64; x++) {
                    target.set(x, y, 0, 0.2f + 0.6f * box3(in, x, y));
                    mask.set(x, y, 0, 1f);
                }
            }
            pairs.add(new TrainingPair("p" + i, in, target, mask));
        }
        var luma = ModelArchitectureRegistry.get().get(ArchitectureTest.LUMA);
        TrainingSettings settings = new TrainingSettings(32, 4, 240, Duration.ofSeconds(60), 1e-2f, Presets.width(8), 1);
        try (TrainedModel model = ModelTrainer.train(luma.instance(), pairs, settings, new NullProgressMonitor())) {
            List<Float> curve = model.lossCurve();
            double first = curve.subList(0, 10).stream().mapToDouble(Float::doubleValue).average().orElseThrow();
            double last = curve.subList(curve.size() - 10, curve.size()).stream().mapToDouble(Float::doubleValue).average()
                    .orElseThrow();
            assertTrue(last < first / 3, "loss fell from " + first + " to " + last);
            Image out = model.predict(pairs.get(0).input());
            assertEquals(1, out.channels());
            assertEquals(64, out.width());
        }
    }

    /** Mean of the 3×3 neighbourhood of channel 0 (edges replicated). */
    private static float box3(Image image, int x, int y) {
        float sum = 0;
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int sx = Math.max(0, Math.min(image.width() - 1, x + dx));
                int sy = Math.max(0, Math.min(image.height() - 1, y + dy));
                sum += image.get(sx, sy, 0);
            }
        }
        return sum / 9;
    }
}
