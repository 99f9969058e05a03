package dev.sequere;

/**
 * A cursor string was not produced by the same kind of query (followers, followings or friends; same order; same type filter), or was damaged.
 */
public class InvalidCursorException extends InvalidArgumentException {

    /**
     * Creates the exception.
     *
     * @param message what went wrong and what to do about it
     */
    public InvalidCursorException(String message) {
        super(message);
    }
}
