package dev.sequere.memory;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A resource's indexes of one direction, one per type of the other side. Most resources only
 * ever see one type there (users follow projects, projects are followed by users), so the first
 * type's index is held in a field and a hash map is created only when a second type appears:
 * a follow then finds its index with a string comparison instead of a hash lookup, and a
 * resource with few edges does not pay for an empty concurrent map (about 130 bytes).
 *
 * <p>Written under the owning node's lock; {@link #get} (per-type counts) reads without it. The
 * sole index is written before the volatile type that publishes it and neither changes
 * afterwards, and the map, once published, holds the first index too, so a lock-free reader
 * that sees either finds every index created before it.
 */
final class TypedIndexes {

    private final boolean byFollower;
    private @Nullable EdgeIndex sole;
    private volatile @Nullable String soleType;
    private volatile @Nullable Map<String, EdgeIndex> byType;

    /** @param byFollower whether these are follower indexes (see {@link EdgeIndex}) */
    TypedIndexes(boolean byFollower) {
        this.byFollower = byFollower;
    }

    /** The index of {@code type}, or null; safe without the lock. */
    @Nullable EdgeIndex get(String type) {
        Map<String, EdgeIndex> map = byType;
        if (map != null) {
            return map.get(type);
        }
        return type.equals(soleType) ? sole : null;
    }

    /** The index of {@code type}, created if absent. Caller holds the owning node's lock. */
    EdgeIndex getOrCreate(String type) {
        String first = soleType;
        if (first == null) {
            EdgeIndex index = new EdgeIndex(byFollower);
            sole = index;
            soleType = type;   // publishes `sole`
            return index;
        }
        if (first.equals(type)) {
            return sole;
        }
        Map<String, EdgeIndex> map = byType;
        if (map == null) {
            map = new ConcurrentHashMap<>(4);
            map.put(first, sole);
            byType = map;
        }
        EdgeIndex index = map.get(type);
        if (index == null) {
            index = new EdgeIndex(byFollower);
            map.put(type, index);
        }
        return index;
    }

    /** Every index. Caller holds the owning node's lock. */
    Collection<EdgeIndex> all() {
        Map<String, EdgeIndex> map = byType;
        if (map != null) {
            return map.values();
        }
        EdgeIndex index = sole;
        return index == null ? List.of() : List.of(index);
    }
}
