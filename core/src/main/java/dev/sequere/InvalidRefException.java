package dev.sequere;

/**
 * A type name or id broke the rules of {@link Ref}: null, empty, too long, control characters, unpaired surrogates, or a type name outside {@code [a-z0-9_-]{1,64}}.
 */
public class InvalidRefException extends InvalidArgumentException {

    /**
     * Creates the exception.
     *
     * @param message what went wrong and what to do about it
     */
    public InvalidRefException(String message) {
        super(message);
    }
}
