package dev.sequere;

/**
 * An argument was rejected before anything was written: a null, an out-of-range limit, an invalid ref or cursor. Subclasses name the specific rule.
 */
public class InvalidArgumentException extends SequereException {

    /**
     * Creates the exception.
     *
     * @param message what went wrong and what to do about it
     */
    public InvalidArgumentException(String message) {
        super(message);
    }
}
