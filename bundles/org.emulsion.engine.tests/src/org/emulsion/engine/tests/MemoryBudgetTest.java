package org.emulsion.engine.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emulsion.engine.extensions.ArchitectureContribution;
import org.emulsion.engine.extensions.FullyConvolutional;
import org.emulsion.engine.extensions.ModelArchitectureRegistry;
import org.emulsion.engine.MemoryBudget;
import org.junit.jupiter.api.Test;

import ai.djl.Device;

/** Tiles and batches follow the memory of the device: a GPU's free memory, the CPU's configured budget. */
class MemoryBudgetTest {
    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    private final ArchitectureContribution chroma = ModelArchitectureRegistry.get().get(ArchitectureTest.CHROMA);
    private final FullyConvolutional network = (FullyConvolutional) chroma.instance().newBlock(chroma.preset("medium"));

    @Test
    void aGpuWithMemoryFreeInfersA2kFrameWholeWhereTheCpuBudgetTilesIt() {
        MemoryBudget gpu = MemoryBudget.forFreeGpuMemory(Device.gpu(), 40 * GIB);
        assertEquals((long) (40 * GIB * 0.6), gpu.budgetBytes(), "a share of the free memory, the rest for the allocator and cuDNN");
        assertEquals(1, gpu.tiling(network).tiles(2048, 1556).size());

        MemoryBudget cpu = MemoryBudget.inference(Device.cpu(), 256 * MIB);
        assertEquals(256 * MIB, cpu.budgetBytes());
        assertTrue(cpu.tiling(network).tiles(2048, 1556).size() > 1);

        MemoryBudget busyGpu = MemoryBudget.forFreeGpuMemory(Device.gpu(), 512 * MIB);
        int tiles = busyGpu.tiling(network).tiles(2048, 1556).size();
        assertTrue(tiles > 1, "a GPU with little free memory tiles: " + tiles);
        assertEquals(0, MemoryBudget.forFreeGpuMemory(Device.gpu(), -1).budgetBytes(), "nothing free, nothing to spend");
    }

    @Test
    void trainingBatchesShrinkOnlyWhenTheyWouldNotFit() {
        long perPatch = 128L * 128 * network.inferenceBytesPerPixel() * 3;
        assertEquals(8, MemoryBudget.forFreeGpuMemory(Device.gpu(), 80 * GIB).trainingBatch(network, 128, 8));
        MemoryBudget three = new MemoryBudget(Device.gpu(), 3 * perPatch + perPatch / 2);
        assertEquals(3, three.trainingBatch(network, 128, 8));
        assertEquals(1, new MemoryBudget(Device.gpu(), 10).trainingBatch(network, 128, 8), "never fewer than one patch");
        assertEquals(8, MemoryBudget.training(Device.cpu()).trainingBatch(network, 256, 8), "on the CPU the recipe's batch stands");
    }
}
