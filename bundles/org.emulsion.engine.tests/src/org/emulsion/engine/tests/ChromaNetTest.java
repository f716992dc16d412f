package org.emulsion.engine.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.emulsion.engine.extensions.ArchitectureContribution;
import org.emulsion.engine.extensions.ModelArchitecture;
import org.emulsion.engine.extensions.ModelArchitectureRegistry;
import org.emulsion.core.image.Image;
import org.emulsion.engine.Djl;
import org.emulsion.engine.ModelTrainer;
import org.emulsion.engine.TrainedModel;
import org.emulsion.engine.TrainingPair;
import org.emulsion.engine.TrainingSettings;
import org.junit.jupiter.api.Test;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;

/** The chroma network on the real PyTorch engine (CPU natives from the bundled jar, offline). */
class ChromaNetTest {

    private static ModelArchitecture chromaNet() {
        ArchitectureContribution c = ModelArchitectureRegistry.get().get("org.emulsion.models.chromaNet");
        assertEquals(3, c.inputChannels());
        assertEquals(2, c.outputChannels());
        assertEquals("chroma", c.target());
        return c.instance();
    }

    @Test
    void engineLoadsOffline() {
        assertEquals("PyTorch", Djl.engine().getEngineName());
        assertTrue(Djl.cacheDirectory().toString().length() > 0);
    }

    @Test
    void forwardAndBackwardPass() {
        ModelArchitecture arch = chromaNet();
        try (Model model = Model.newInstance("t", Djl.device(), Djl.ENGINE)) {
            Block block = arch.newBlock(8);
            model.setBlock(block);
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l1Loss()))) {
                trainer.initialize(new Shape(2, 3, 32, 48));
                NDManager m = trainer.getManager();
                NDArray x = m.randomUniform(0, 1, new Shape(2, 3, 32, 48));
                NDArray y = m.randomUniform(0, 1, new Shape(2, 2, 32, 48));
                try (GradientCollector gc = trainer.newGradientCollector()) {
                    NDArray out = trainer.forward(new NDList(x)).singletonOrThrow();
                    assertArrayEquals(new long[] {2, 2, 32, 48}, out.getShape().getShape());
                    NDArray loss = out.sub(y).abs().mean();
                    gc.backward(loss);
                }
                int withGradient = 0;
                for (var pair : block.getParameters()) {
                    Parameter p = pair.getValue();
                    if (p.getArray().getGradient().abs().sum().getFloat() > 0) {
                        withGradient++;
                    }
                }
                assertTrue(withGradient >= block.getParameters().size() / 2,
                        "gradients reached " + withGradient + " of " + block.getParameters().size() + " parameters");
            }
        }
    }

    @Test
    void trainerLearnsAChromaShift() {
        // Target: the input's CbCr desaturated and shifted, as a fade correction would be.
        Random random = new Random(7);
        List<TrainingPair> pairs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Image in = Image.blank(64, 64, 3);
            Image target = Image.blank(64, 64, 2);
            Image mask = Image.blank(64, 64, 1);
            for (int y = 0; y < 64; y++) {
                for (int x = 0; x < 64; x++) {
                    float cb = 0.5f + 0.3f * (float) Math.sin((x + i * 9) / 7.0);
                    float cr = 0.5f + 0.3f * (float) Math.cos((y + i * 5) / 9.0);
                    in.set(x, y, 0, random.nextFloat());
                    in.set(x, y, 1, cb);
                    in.set(x, y, 2, cr);
                    target.set(x, y, 0, 0.5f + (cb - 0.5f) * 0.5f + 0.05f);
                    target.set(x, y, 1, 0.5f + (cr - 0.5f) * 1.5f - 0.08f);
                    mask.set(x, y, 0, 1f);
                }
            }
            pairs.add(new TrainingPair("p" + i, in, target, mask));
        }
        TrainingSettings settings = new TrainingSettings(32, 4, 150, Duration.ofSeconds(60), 1e-2f, Presets.width(8), 1);
        try (TrainedModel model = ModelTrainer.train(chromaNet(), pairs, settings, new NullProgressMonitor())) {
            List<Float> curve = model.lossCurve();
            double first = curve.subList(0, 10).stream().mapToDouble(Float::doubleValue).average().orElseThrow();
            double last = curve.subList(curve.size() - 10, curve.size()).stream().mapToDouble(Float::doubleValue).average().orElseThrow();
            assertTrue(last < first / 3, "loss fell from " + first + " to " + last);
            Image out = model.predict(pairs.get(0).input());
            assertEquals(64, out.width());
            assertEquals(2, out.channels());
            Image odd = model.predict(new Image(30, 22, 3, new float[30 * 22 * 3]));
            assertEquals(30, odd.width(), "frames not a multiple of the network's size are padded and cropped back");
            assertEquals(22, odd.height());
        }
    }
}
