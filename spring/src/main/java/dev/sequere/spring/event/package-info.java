/**
 * Spring application events for what Sequere did: {@link dev.sequere.spring.event.FollowedEvent},
 * {@link dev.sequere.spring.event.UnfollowedEvent}, {@link dev.sequere.spring.event.ForgottenEvent}.
 * Receive them with {@code @EventListener} methods.
 */
@NullMarked
package dev.sequere.spring.event;

import org.jspecify.annotations.NullMarked;
