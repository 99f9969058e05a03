package dev.sequere.timeline.action;

import dev.sequere.InvalidArgumentException;

/**
 * An action was refused before anything was written: its data map breaks a bound, its id is
 * not acceptable, or its actor is not the timeline's owner.
 */
public class InvalidActionException extends InvalidArgumentException {

    /**
     * Creates the exception.
     *
     * @param message what is wrong and how to fix it
     */
    public InvalidActionException(String message) {
        super(message);
    }
}
