package org.emulsion.engine;

import org.emulsion.core.image.Image;

/**
 * One training example: the network input, the target in the architecture's output contract
 * and a 1-channel weight mask (0 where the reference gives no evidence: outside its coverage,
 * on logos or damage). All three have the same width and height.
 */
public record TrainingPair(String name, Image input, Image target, Image mask) {

    public TrainingPair {
        if (input.width() != target.width() || input.height() != target.height()
                || mask.width() != input.width() || mask.height() != input.height() || mask.channels() != 1) {
            throw new IllegalArgumentException("pair " + name + ": input " + input + ", target " + target + " and mask "
                    + mask + " must share width and height (mask: 1 channel)");
        }
    }
}
