package dev.sequere.spring.event;

import dev.sequere.Ref;
import java.time.Instant;

/**
 * A follow was removed (published once per actual change, on the thread that unfollowed, after
 * the backend removed it).
 *
 * @param follower who stopped following
 * @param followee who was followed
 * @param at when the follow was removed
 */
public record UnfollowedEvent(Ref follower, Ref followee, Instant at) {
}
