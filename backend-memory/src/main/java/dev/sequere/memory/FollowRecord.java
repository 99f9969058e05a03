package dev.sequere.memory;

import dev.sequere.Ref;
import dev.sequere.spi.Edge;
import dev.sequere.spi.EpochMicros;
import java.util.Comparator;

/**
 * One stored follow. The same object sits in the followee's followers index and in the
 * follower's followings index (each sorted by its own comparator), so an edge costs one record,
 * not two.
 */
final class FollowRecord {

    /** Followers index order: {@code (since, follower)}. */
    static final Comparator<FollowRecord> BY_FOLLOWER = (a, b) -> {
        int bySince = Long.compare(a.sinceMicros, b.sinceMicros);
        return bySince != 0 ? bySince : a.follower.compareTo(b.follower);
    };

    /** Followings index order: {@code (since, followee)}. */
    static final Comparator<FollowRecord> BY_FOLLOWEE = (a, b) -> {
        int bySince = Long.compare(a.sinceMicros, b.sinceMicros);
        return bySince != 0 ? bySince : a.followee.compareTo(b.followee);
    };

    final Ref follower;
    final Ref followee;
    final long sinceMicros;

    FollowRecord(Ref follower, Ref followee, long sinceMicros) {
        this.follower = follower;
        this.followee = followee;
        this.sinceMicros = sinceMicros;
    }

    Edge asFollowerEdge() {
        return new Edge(follower, EpochMicros.toInstant(sinceMicros));
    }

    Edge asFolloweeEdge() {
        return new Edge(followee, EpochMicros.toInstant(sinceMicros));
    }
}
