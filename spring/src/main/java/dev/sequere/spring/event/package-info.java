/**
 * Spring application events for what Sequere did: {@link dev.sequere.spring.event.FollowedEvent},
 * {@link dev.sequere.spring.event.UnfollowedEvent}, {@link dev.sequere.spring.event.ForgottenEvent}, and from
 * timelines {@link dev.sequere.spring.event.ActionSkippedEvent} and
 * {@link dev.sequere.spring.event.FanOutFailedEvent}.
 * Receive them with {@code @EventListener} methods.
 */
@NullMarked
package dev.sequere.spring.event;

import org.jspecify.annotations.NullMarked;
