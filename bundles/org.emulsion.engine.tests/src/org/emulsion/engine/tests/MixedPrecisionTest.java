package org.emulsion.engine.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.emulsion.core.EmulsionException;
import org.emulsion.core.EmulsionPreferences;
import org.emulsion.core.EmulsionPreferences.ComputePrecision;
import org.emulsion.engine.extensions.ArchitectureContribution;
import org.emulsion.engine.extensions.ModelArchitectureRegistry;
import org.emulsion.core.image.Image;
import org.emulsion.engine.Djl;
import org.emulsion.engine.TrainedModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reduced-precision inference runs the convolutions in the reduced type through DJL (the result
 * moves by that type's rounding, no more) and keeps the model's float32 weights; bf16 is refused
 * with one line, instead of aborting the process, where the JNI does not know the type.
 */
class MixedPrecisionTest {
    @AfterEach
    void backToFloat() {
        System.clearProperty(EmulsionPreferences.PRECISION_PROPERTY);
    }

    @Test
    void reducedPrecisionInferenceIsCloseToFloatAndLeavesTheWeightsAlone() {
        // fp16 everywhere DJL 0.36 runs; bf16 where the JNI was built with it (releng/build-djl-jni.sh)
        ComputePrecision reduced = Djl.torchSelection().chosen().bfloat16() ? ComputePrecision.BF16 : ComputePrecision.FP16;
        ArchitectureContribution chroma = ModelArchitectureRegistry.get().get(ArchitectureTest.CHROMA);
        try (TrainedModel model = TrainedModel.untrained(chroma.instance(), chroma.defaultPreset(), 3, 5)) {
            Image frame = TiledInferenceTest.texturedFrame(96, 64, 3);
            assertEquals(ComputePrecision.FP32, model.precision());
            Image fp32 = model.predict(frame);
            Map<String, float[]> before = model.parameters();

            System.setProperty(EmulsionPreferences.PRECISION_PROPERTY, reduced.id());
            assertEquals(reduced, model.precision());
            Image bf16 = model.predict(frame);
            Image again = model.predict(frame);

            double max = 0;
            double sum = 0;
            for (int i = 0; i < fp32.data().length; i++) {
                double d = Math.abs(fp32.data()[i] - bf16.data()[i]);
                max = Math.max(max, d);
                sum += d;
            }
            double mean = sum / fp32.data().length;
            assertTrue(max > 0, reduced + " computed exactly what float32 did: the convolutions did not run in " + reduced);
            // bfloat16 keeps 8 significant bits (~0.4 % of each value), float16 11, spread through a few layers
            assertTrue(max < 0.05 && mean < 0.005, reduced + " differs from float32 by up to " + max + ", " + mean + " on average");
            assertArrayEquals(bf16.data(), again.data(), "the cast weights are reused, the result repeats");
            before.forEach((name, weights) -> assertArrayEquals(weights, model.parameters().get(name), name + " changed"));

            System.clearProperty(EmulsionPreferences.PRECISION_PROPERTY);
            assertArrayEquals(fp32.data(), model.predict(frame).data(), "back in float32, the float32 result");
        }
    }

    @Test
    void bf16WithoutAJniThatKnowsItIsOneLineNotAnAbortedProcess() {
        if (Djl.torchSelection().chosen().bfloat16()) {
            return; // this machine's JNI has bfloat16: the test above ran it
        }
        System.setProperty(EmulsionPreferences.PRECISION_PROPERTY, "bf16");
        EmulsionException e = assertThrows(EmulsionException.class, Djl::checkPrecision);
        assertTrue(e.getMessage().startsWith("--precision bf16: the PyTorch JNI in use ("), e.getMessage());
        assertTrue(e.getMessage().contains("releng/build-djl-jni.sh"), e.getMessage());
        ArchitectureContribution chroma = ModelArchitectureRegistry.get().get(ArchitectureTest.CHROMA);
        try (TrainedModel model = TrainedModel.untrained(chroma.instance(), chroma.defaultPreset(), 3, 5)) {
            IllegalStateException thrown = assertThrows(IllegalStateException.class,
                    () -> model.predict(TiledInferenceTest.texturedFrame(32, 32, 1)));
            assertEquals(e.getMessage(), thrown.getMessage());
        }
    }
}
