package dev.sequere.spring.event;

import dev.sequere.Ref;

/**
 * Every follow from and to a resource was removed ({@code Sequere.forget}).
 *
 * @param resource the forgotten resource
 * @param removedFollows how many follows were removed
 */
public record ForgottenEvent(Ref resource, long removedFollows) {
}
