package dev.sequere;

/**
 * The registry of types is misconfigured: a type name or a class registered twice, a class without a usable id accessor, or a query that needs a loader the type does not have.
 */
public class RegistrationException extends SequereException {

    /**
     * Creates the exception.
     *
     * @param message what went wrong and what to do about it
     */
    public RegistrationException(String message) {
        super(message);
    }
}
