package dev.sequere.spring.event;

import dev.sequere.timeline.action.Action;

/**
 * A new action was published (once per action id, on the publishing thread, after it was
 * stored and written to its actor's own timelines; its fan-out to followers may still be
 * running on the fan-out executor). Publishing an id that is already stored is not republished.
 *
 * @param action the stored action
 */
public record PublishedEvent(Action action) {
}
