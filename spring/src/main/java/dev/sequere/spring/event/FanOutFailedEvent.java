package dev.sequere.spring.event;

import dev.sequere.timeline.action.Action;

/**
 * The fan-out of an action was abandoned after its retries: some followers may lack it.
 * Publishing the same action again (same id) completes it. Published on the fan-out thread.
 *
 * @param action the action
 * @param error the last failure
 */
public record FanOutFailedEvent(Action action, Throwable error) {
}
