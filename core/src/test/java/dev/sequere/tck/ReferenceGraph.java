package dev.sequere.tck;

import dev.sequere.Ref;
import dev.sequere.spi.Direction;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The obvious, slow, single-threaded model of a follow graph that backends are compared with:
 * a map from follower to followee to time. What it answers is, by definition, what every
 * {@link dev.sequere.spi.FollowStore} must answer.
 */
public final class ReferenceGraph {

    private final Map<Ref, Map<Ref, Instant>> followings = new HashMap<>();

    /**
     * Adds an edge if absent.
     *
     * @param follower who follows
     * @param followee who is followed
     * @param since the time to record
     * @return whether the edge was created
     */
    public boolean follow(Ref follower, Ref followee, Instant since) {
        return followings.computeIfAbsent(follower, k -> new HashMap<>()).putIfAbsent(followee, since) == null;
    }

    /**
     * Removes an edge if present.
     *
     * @param follower who follows
     * @param followee who is followed
     * @return whether an edge was removed
     */
    public boolean unfollow(Ref follower, Ref followee) {
        Map<Ref, Instant> out = followings.get(follower);
        return out != null && out.remove(followee) != null;
    }

    /**
     * The time of an edge.
     *
     * @param follower who follows
     * @param followee who is followed
     * @return the time, empty when there is no edge
     */
    public Optional<Instant> since(Ref follower, Ref followee) {
        Map<Ref, Instant> out = followings.get(follower);
        return Optional.ofNullable(out == null ? null : out.get(followee));
    }

    /**
     * Removes every edge from and to a resource.
     *
     * @param subject the resource
     * @return how many edges were removed, a self-follow once
     */
    public long removeAll(Ref subject) {
        long removed = 0;
        Map<Ref, Instant> out = followings.remove(subject);
        if (out != null) {
            removed += out.size();
        }
        for (Map<Ref, Instant> other : followings.values()) {
            if (other.remove(subject) != null) {
                removed++;
            }
        }
        return removed;
    }

    /**
     * What a listing must hold: the other side of each edge and its time.
     *
     * @param subject whose relation
     * @param direction which relation
     * @param type only this type, or {@code null} for all
     * @return refs and times, in no particular order
     */
    public Map<Ref, Instant> listing(Ref subject, Direction direction, @Nullable String type) {
        Map<Ref, Instant> result = new LinkedHashMap<>();
        switch (direction) {
            case FOLLOWINGS -> result.putAll(followings.getOrDefault(subject, Map.of()));
            case FOLLOWERS -> {
                for (Map.Entry<Ref, Map<Ref, Instant>> out : followings.entrySet()) {
                    Instant since = out.getValue().get(subject);
                    if (since != null) {
                        result.put(out.getKey(), since);
                    }
                }
            }
            case FRIENDS -> {
                for (Map.Entry<Ref, Instant> out : followings.getOrDefault(subject, Map.of()).entrySet()) {
                    if (since(out.getKey(), subject).isPresent()) {
                        result.put(out.getKey(), out.getValue());
                    }
                }
            }
        }
        if (type != null) {
            for (Iterator<Ref> it = result.keySet().iterator(); it.hasNext(); ) {
                if (!it.next().type().equals(type)) {
                    it.remove();
                }
            }
        }
        return result;
    }
}
