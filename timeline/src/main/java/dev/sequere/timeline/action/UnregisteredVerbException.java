package dev.sequere.timeline.action;

import dev.sequere.InvalidArgumentException;

/**
 * A verb was used that is not registered for the actor's type (or, in a filter, for any type).
 * Register it with {@code Timelines.builder(sequere).verbs(ActorClass.class, verb)}.
 */
public class UnregisteredVerbException extends InvalidArgumentException {

    /**
     * Creates the exception.
     *
     * @param message which verb, for which type, and how to register it
     */
    public UnregisteredVerbException(String message) {
        super(message);
    }
}
