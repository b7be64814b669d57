package org.minidt.common;

/** A DAQ line that cannot be a word: the message is the reason, fit for a dead-letter header. */
public final class MalformedWordException extends Exception {
    public MalformedWordException(String reason) {
        super(reason, null, false, false);
    }
}
