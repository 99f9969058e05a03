package dev.sequere;

import java.time.Instant;

/**
 * One item of a followers, followings or friends listing.
 *
 * @param resource the other side of the relation, loaded through its type's loader (or the
 *     {@link Ref} itself for {@code refPage} listings); never {@code null}
 * @param ref the storage identity of {@code resource}
 * @param since when the follow was made (for friends: when the subject followed {@code resource})
 * @param <T> the resource's type
 */
public record Follow<T>(T resource, Ref ref, Instant since) {
}
