package dev.sequere.spring.event;

import dev.sequere.Ref;
import java.time.Instant;

/**
 * A follow was created (published once per actual change, on the thread that followed, after
 * the backend stored it).
 *
 * @param follower who follows
 * @param followee who is followed
 * @param at the follow's recorded time
 */
public record FollowedEvent(Ref follower, Ref followee, Instant at) {
}
