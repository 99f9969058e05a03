package dev.sequere;

/**
 * Root of every exception Sequere throws on purpose. All of them are unchecked: misuse is a
 * programming error, and expected states (already following, not following) are return values.
 *
 * <p>The direct subclasses say who is at fault: {@link InvalidArgumentException} for what the
 * caller passed (nothing was written), {@link RegistrationException} for the configuration of
 * the registry, {@link BackendException} for the storage.
 */
public class SequereException extends RuntimeException {

    /**
     * Creates the exception.
     *
     * @param message what went wrong and what to do about it
     */
    public SequereException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong and what to do about it
     * @param cause the underlying failure
     */
    public SequereException(String message, Throwable cause) {
        super(message, cause);
    }
}
