package dev.sequere.spring.event;

import dev.sequere.Ref;
import dev.sequere.timeline.action.Action;

/**
 * A timeline listing skipped an action because its actor or target no longer exists (the
 * application may want to clean it up with {@code Timelines.delete}).
 *
 * @param action the skipped action
 * @param missing the actor or target that could not be loaded
 */
public record ActionSkippedEvent(Action action, Ref missing) {
}
