package org.emulsion.engine;

import org.emulsion.engine.extensions.FullyConvolutional;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;

/**
 * How many bytes of tensors one inference pass or one training step may hold on the device it
 * runs on, and so how large tiles and batches can be. On a GPU: a share of the memory CUDA
 * reports free at the moment of asking (DJL's {@link CudaUtils#getGpuMemory}, i.e.
 * {@code cudaMemGetInfo}); on the CPU: for inference the configured budget
 * ({@value TrainedModel#BUDGET_PROPERTY}), for training none (a recipe's batch on the CPU is
 * what it says; the operating system manages that memory), as before GPUs were supported.
 *
 * @param device      where the tensors live
 * @param budgetBytes what one pass or step may hold
 */
public record MemoryBudget(Device device, long budgetBytes) {
    /**
     * Share of a GPU's free memory one pass may take: PyTorch's caching allocator keeps freed
     * blocks and cuDNN asks for workspaces beside the tensors, so a pass that counted on all of it
     * would fail with out-of-memory.
     */
    static final double GPU_SHARE = 0.6;
    /**
     * A training step holds a forward pass's activations until backward, their gradients and the
     * gradients of the weights: about three inference passes' worth per pixel.
     */
    static final int TRAINING_FACTOR = 3;

    /**
     * The inference budget on {@code device}: for a GPU, {@value #GPU_SHARE} of its free memory
     * (the CPU budget when CUDA does not answer); for the CPU, {@code cpuBudgetBytes}.
     */
    public static MemoryBudget inference(Device device, long cpuBudgetBytes) {
        return device.isGpu() ? gpu(device, cpuBudgetBytes) : new MemoryBudget(device, cpuBudgetBytes);
    }

    /** The training budget on {@code device}: for a GPU, {@value #GPU_SHARE} of its free memory; none on the CPU. */
    public static MemoryBudget training(Device device) {
        return device.isGpu() ? gpu(device, Long.MAX_VALUE) : new MemoryBudget(device, Long.MAX_VALUE);
    }

    private static MemoryBudget gpu(Device device, long fallbackBytes) {
        try {
            var memory = CudaUtils.getGpuMemory(device);
            return forFreeGpuMemory(device, memory.getMax() - memory.getUsed());
        } catch (RuntimeException | LinkageError e) {
            return new MemoryBudget(device, fallbackBytes); // DJL cannot ask CUDA: what the CPU would get
        }
    }

    /** The budget of a GPU that has {@code freeBytes} free. */
    public static MemoryBudget forFreeGpuMemory(Device device, long freeBytes) {
        return new MemoryBudget(device, (long) (Math.max(0, freeBytes) * GPU_SHARE));
    }

    /** Tiles as large as the budget allows for {@code network}'s inference. */
    public TiledInference tiling(FullyConvolutional network) {
        return TiledInference.forBudget(network, budgetBytes);
    }

    /**
     * The batch to train with: {@code wanted}, or fewer patches of {@code patch}² pixels when
     * {@code wanted} would not fit (never fewer than one).
     */
    public int trainingBatch(FullyConvolutional network, int patch, int wanted) {
        long perPatch = (long) patch * patch * network.inferenceBytesPerPixel() * TRAINING_FACTOR;
        long fits = budgetBytes / Math.max(1, perPatch);
        return (int) Math.max(1, Math.min(wanted, fits));
    }
}
