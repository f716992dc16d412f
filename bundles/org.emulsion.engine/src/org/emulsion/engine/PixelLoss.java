package org.emulsion.engine;

import java.util.function.BinaryOperator;

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

    /** A loss from its name and its per-sample function {@code (prediction, target) -> loss}. */
    static PixelLoss of(String name, BinaryOperator<NDArray> perSample) {
        return new PixelLoss() {
            @Override
            public NDArray perSample(NDArray prediction, NDArray target) {
                return perSample.apply(prediction, target);
            }

            @Override
            public String name() {
                return name;
            }
        };
    }

    /** Absolute error: robust to outliers in the reference, the default. */
    static PixelLoss l1() {
        return of("L1", (prediction, target) -> prediction.sub(target).abs());
    }

    /** Squared error. */
    static PixelLoss l2() {
        return of("L2", (prediction, target) -> prediction.sub(target).square());
    }
}
