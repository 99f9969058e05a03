/**
 * Spring application events for what Sequere did: {@link dev.sequere.spring.event.FollowedEvent},
 * {@link dev.sequere.spring.event.UnfollowedEvent}, {@link dev.sequere.spring.event.ForgottenEvent}
 * and, with timelines, {@link dev.sequere.spring.event.ActionPublishedEvent}. Receive them with
 * {@code @EventListener} methods.
 */
@NullMarked
package dev.sequere.spring.event;

import org.jspecify.annotations.NullMarked;
