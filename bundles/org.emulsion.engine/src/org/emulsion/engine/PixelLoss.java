package org.emulsion.engine;

import ai.djl.ndarray.NDArray;

/**
 * A per-sample training loss. The trainer weights it by the pair's mask and averages over the
 * weighted samples, so pixels without evidence (outside the reference, damage) never pull the
 * network.
 */
public interface PixelLoss {

    /** The loss of every sample, same shape as the arguments. */
    NDArray perSample(NDArray prediction, NDArray target);

    /** A short stable name (recorded in checkpoints, so a resumed run uses the same loss). */
    String name();

    /** Absolute error: robust to outliers in the reference, the default. */
    static PixelLoss l1() {
        return new PixelLoss() {
            @Override
            public NDArray perSample(NDArray prediction, NDArray target) {
                return prediction.sub(target).abs();
            }

            @Override
            public String name() {
                return "L1";
            }
        };
    }

    /** Squared error. */
    static PixelLoss l2() {
        return new PixelLoss() {
            @Override
            public NDArray perSample(NDArray prediction, NDArray target) {
                return prediction.sub(target).square();
            }

            @Override
            public String name() {
                return "L2";
            }
        };
    }
}
