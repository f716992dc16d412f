package org.emulsion.engine;

/**
 * A model produced NaN or infinite values: in training, again after the run had rolled back to
 * its last good state with a lower learning rate; in inference, on a frame, which is then never
 * written. The message is one line naming the model and the step or the frame.
 */
public final class NonFiniteValueException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public NonFiniteValueException(String message) {
        super(message);
    }
}
