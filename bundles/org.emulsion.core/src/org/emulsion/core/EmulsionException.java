package org.emulsion.core;

/**
 * A failure a restorer can act on: the message names the file or setting at fault and says what
 * to do. Front ends print the message alone (one line), without a stack trace.
 */
public class EmulsionException extends Exception {
    private static final long serialVersionUID = 1L;

    public EmulsionException(String message) {
        super(message);
    }

    public EmulsionException(String message, Throwable cause) {
        super(message, cause);
    }
}
