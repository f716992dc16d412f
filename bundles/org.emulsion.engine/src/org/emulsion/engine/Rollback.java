package org.emulsion.engine;

/**
 * A training run went back to its last good state because a value turned non-finite.
 *
 * @param failedStep the step whose loss, gradient or validation was NaN or infinite
 * @param toStep     the step of the state the run continued from
 * @param cause      what was non-finite ({@code loss}, {@code gradient}, {@code validation loss})
 * @param rateScale  the factor the schedule's learning rate is multiplied by from then on
 */
public record Rollback(int failedStep, int toStep, String cause, float rateScale) {
}
