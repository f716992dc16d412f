package org.emulsion.cli;

/** Wrong command-line words: printed as one line pointing at {@code ./emulsion help}, exit status 2. */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
