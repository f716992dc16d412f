package org.emulsion.engine.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.emulsion.engine.extensions.ArchitectureContribution;
import org.emulsion.engine.extensions.ArchitecturePreset;
import org.emulsion.engine.extensions.FullyConvolutional;
import org.emulsion.engine.extensions.ModelArchitecture;
import org.emulsion.engine.extensions.ModelArchitectureRegistry;
import org.emulsion.engine.Djl;
import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;

/** The contributed architectures: presets, channel contracts and receptive fields on the real engine. */
class ArchitectureTest {
    static final String CHROMA = "org.emulsion.models.chromaNet";
    static final String LUMA = "org.emulsion.models.lumaNet";

    @Test
    void bothNetworksDeclareSmallMediumAndLargePresets() {
        for (String id : List.of(CHROMA, LUMA)) {
            ArchitectureContribution c = ModelArchitectureRegistry.get().get(id);
            assertEquals(List.of("small", "medium", "large"), c.presets().stream().map(ArchitecturePreset::name).toList());
            assertEquals("small", c.defaultPreset().name());
            assertEquals(c.defaultPreset().baseWidth(), c.defaultBaseWidth());
            assertTrue(c.preset("large").baseWidth() > c.preset("small").baseWidth());
            assertTrue(c.preset("small").label().startsWith("Small"), "labels come from plugin.properties");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.preset("huge"));
            assertTrue(e.getMessage().contains("huge") && e.getMessage().contains("[small, medium, large]"), e.getMessage());
        }
        ArchitectureContribution luma = ModelArchitectureRegistry.get().get(LUMA);
        assertEquals("luma", luma.target());
        assertEquals(5, luma.inputChannels());
        assertEquals(1, luma.outputChannels());
    }

    @Test
    void outputsHaveTheDeclaredChannelsAndTheInputsSize() {
        for (String id : List.of(CHROMA, LUMA)) {
            ArchitectureContribution c = ModelArchitectureRegistry.get().get(id);
            for (ArchitecturePreset preset : c.presets()) {
                int m = c.instance().sizeMultiple(preset);
                try (NDManager manager = Djl.engine().newBaseManager()) {
                    Block block = initialised(c.instance(), preset, manager, new Shape(1, 3, 2 * m, 3 * m));
                    NDArray out = forward(block, manager, manager.randomUniform(0, 1, new Shape(1, 3, 2 * m, 3 * m)));
                    assertArrayEquals(new long[] {1, c.outputChannels(), 2 * m, 3 * m}, out.getShape().getShape(),
                            id + " " + preset.name());
                    FullyConvolutional geometry = assertInstanceOf(FullyConvolutional.class, block);
                    assertEquals(c.instance().receptiveRadius(preset), geometry.receptiveRadius());
                    assertEquals(m, geometry.sizeMultiple());
                }
            }
        }
    }

    /**
     * Perturbs one input pixel of a randomly initialised network and measures how far from it the
     * output changes: never beyond the stated radius, and (weights being random, no path dead)
     * close to it, so the stated value is a tight bound, not a guess.
     */
    @Test
    void receptiveRadiusBoundsHowFarOnePixelReaches() {
        for (String id : List.of(CHROMA, LUMA)) {
            ArchitectureContribution c = ModelArchitectureRegistry.get().get(id);
            for (String presetName : List.of("small", "medium")) {
                ArchitecturePreset preset = c.preset(presetName);
                ModelArchitecture architecture = c.instance();
                int radius = architecture.receptiveRadius(preset);
                int m = architecture.sizeMultiple(preset);
                int size = (2 * radius + 2 * m + m - 1) / m * m + m;
                int reach = 0;
                try (NDManager manager = Djl.engine().newBaseManager()) {
                    Block block = initialised(architecture, preset, manager, new Shape(1, 3, size, size));
                    NDArray x = manager.randomUniform(0, 1, new Shape(1, 3, size, size));
                    NDArray base = forward(block, manager, x);
                    // Both phases of the pixel relative to the down-sampling grid.
                    for (int p : new int[] {size / 2 / m * m, size / 2 / m * m + m - 1}) {
                        NDArray poked = x.duplicate();
                        poked.set(new NDIndex(0, 0, p, p), 5f);
                        float[] diff = forward(block, manager, poked).sub(base).abs().get(0).max(new int[] {0}).toFloatArray();
                        for (int y = 0; y < size; y++) {
                            for (int xx = 0; xx < size; xx++) {
                                if (diff[y * size + xx] > 1e-5f) {
                                    reach = Math.max(reach, Math.max(Math.abs(y - p), Math.abs(xx - p)));
                                }
                            }
                        }
                    }
                }
                assertTrue(reach <= radius, id + " " + presetName + ": a pixel reached " + reach + " px, stated radius " + radius);
                assertTrue(reach >= radius * 3 / 4, id + " " + presetName + ": a pixel reached only " + reach
                        + " px of the stated radius " + radius);
            }
        }
    }

    static Block initialised(ModelArchitecture architecture, ArchitecturePreset preset, NDManager manager, Shape shape) {
        Djl.engine().setRandomSeed(3);
        Block block = architecture.newBlock(preset);
        block.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
        block.initialize(manager, DataType.FLOAT32, shape);
        return block;
    }

    static NDArray forward(Block block, NDManager manager, NDArray x) {
        return block.forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow();
    }
}
