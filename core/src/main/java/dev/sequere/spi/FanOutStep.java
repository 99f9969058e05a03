package dev.sequere.spi;

import org.jspecify.annotations.Nullable;

/**
 * What one {@link Backend#fanOutStep} did.
 *
 * @param delivered how many feeds newly received the entry
 * @param last the last follower this step covered, where the next step starts; {@code null} when
 *     the step reached the end of the followers
 */
public record FanOutStep(long delivered, @Nullable Edge last) {
}
