package dev.sequere;

/**
 * A resource tried to follow itself while self-follows are not allowed ({@link Sequere.Builder#allowSelfFollow(boolean)} turns them on).
 */
public class SelfFollowException extends InvalidArgumentException {

    /**
     * Creates the exception.
     *
     * @param message what went wrong and what to do about it
     */
    public SelfFollowException(String message) {
        super(message);
    }
}
