package org.emulsion.engine;

import java.time.Duration;

import org.emulsion.engine.extensions.ArchitecturePreset;

/**
 * How to train: random square crops of {@code patchSize} in batches of {@code batchSize}, Adam
 * at {@code learningRate}, until {@code maxSteps} or {@code timeBudget}, whichever comes first.
 * The network has {@code preset}'s size. The seed fixes the weights' initialisation and the crop
 * sequence.
 */
public record TrainingSettings(int patchSize, int batchSize, int maxSteps, Duration timeBudget, float learningRate,
        ArchitecturePreset preset, long seed) {

    public TrainingSettings {
        if (patchSize < 8 || batchSize < 1 || maxSteps < 1 || learningRate <= 0 || preset == null) {
            throw new IllegalArgumentException("bad training settings: " + patchSize + "px, batch " + batchSize + ", "
                    + maxSteps + " steps, lr " + learningRate + ", preset " + preset);
        }
    }
}
