package org.minidt.common;

/**
 * A mistake the user can fix (wrong bucket, unreachable broker, bad flag): the message says what went wrong
 * and what to do. Mains print it as one line and exit non-zero, without a stack trace.
 */
public class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
