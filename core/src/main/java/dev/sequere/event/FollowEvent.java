package dev.sequere.event;

import dev.sequere.Ref;
import java.time.Instant;

/**
 * A follow or an unfollow that changed state.
 *
 * @param follower who follows (or stopped following)
 * @param followee who is (or was) followed
 * @param at when it happened: the follow's recorded time, or the clock's time for an unfollow
 */
public record FollowEvent(Ref follower, Ref followee, Instant at) {
}
