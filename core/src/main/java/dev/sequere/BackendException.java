package dev.sequere;

/**
 * The storage failed (connection lost, server error, timeout). The operation may or may not have
 * been applied, but backends guarantee that each side of a follow is either in its old or its new
 * state, never in between; retrying an idempotent operation ({@code follow}, {@code unfollow}) is
 * safe.
 */
public class BackendException extends SequereException {

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param cause the storage's own exception
     */
    public BackendException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Creates the exception without a cause.
     *
     * @param message what failed
     */
    public BackendException(String message) {
        super(message);
    }
}
