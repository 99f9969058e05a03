package dev.sequere.redis.internal.follow;

import dev.sequere.InvalidArgumentException;
import dev.sequere.Order;
import dev.sequere.Ref;
import dev.sequere.redis.internal.command.KeysetWindow;
import dev.sequere.redis.internal.command.Replies;
import dev.sequere.redis.internal.command.RedisCalls;
import dev.sequere.redis.KeyLayout;
import dev.sequere.redis.internal.score.Scores;
import dev.sequere.redis.internal.script.Scripts;
import dev.sequere.spi.Direction;
import dev.sequere.spi.Edge;
import dev.sequere.spi.EdgeQuery;
import dev.sequere.spi.EpochMicros;
import dev.sequere.spi.FollowStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.Tuple;

/**
 * The follow graph on sorted sets (see {@link KeyLayout} for the keys). Writes go through an
 * {@link EdgeWriter} chosen for the topology; each read is one round trip: {@code exists} is one
 * {@code ZSCORE}, a count of one type one {@code ZCARD} or {@code ZINTERCARD}, a count over all
 * types the types set's {@code ZRANGE 0 -1} and a {@code ZCARD} per type, pipelined; a page is one
 * {@code ZRANGE} per type (pipelined behind the same read of the types set for all types; see
 * {@link KeysetWindow}). Friends, and the rare cases plain ranges cannot answer (a type this
 * store has not seen yet, ties at a cursor's score filling the window), take one script.
 *
 * <p>Order: {@code (since, type, id)}, ids compared as UTF-8 bytes (Redis's order of equal
 * scores). Friends of X are computed as followings(X) &cap; followers(X), both in X's slot, so
 * they are exact however the two follows of a mutual pair interleave.
 */
public final class RedisFollowStore implements FollowStore {

    /** Edges removed per pipelined batch by {@link #removeAll}. */
    private static final int FORGET_BATCH = 500;

    /** Most type names remembered for script-free all-types pages (each costs a read per page). */
    private static final int MAX_KNOWN_TYPES = 8;

    private final UnifiedJedis jedis;
    private final KeyLayout keys;
    private final EdgeWriter writer;
    /** Type names seen in this store's data (see {@link #learn}); a handful in practice. */
    private volatile List<String> knownTypes = List.of();

    /**
     * Creates the store.
     *
     * @param jedis the client
     * @param keys the key layout
     * @param writer how both sides of an edge are written
     */
    public RedisFollowStore(UnifiedJedis jedis, KeyLayout keys, EdgeWriter writer) {
        this.jedis = jedis;
        this.keys = keys;
        this.writer = writer;
    }

    @Override
    public boolean follow(Ref follower, Ref followee, Instant since) {
        require(follower, "follower");
        require(followee, "followee");
        long micros = Scores.ofTime(require(since, "since"));
        boolean changed = writer.follow(follower, followee, micros);
        if (!knownTypes.contains(follower.type()) || !knownTypes.contains(followee.type())) {
            learn(List.of(follower.type(), followee.type()));
        }
        return changed;
    }

    @Override
    public boolean unfollow(Ref follower, Ref followee) {
        return writer.unfollow(require(follower, "follower"), require(followee, "followee"));
    }

    @Override
    public boolean exists(Ref follower, Ref followee) {
        return score(follower, followee) != null;
    }

    @Override
    public Optional<Instant> since(Ref follower, Ref followee) {
        Double score = score(follower, followee);
        return score == null ? Optional.empty() : Optional.of(EpochMicros.toInstant(score.longValue()));
    }

    private @Nullable Double score(Ref follower, Ref followee) {
        String key = KeyLayout.typed(keys.followings(require(follower, "follower")), require(followee, "followee").type());
        return RedisCalls.call("exists", () -> jedis.zscore(key, followee.id()));
    }

    @Override
    public long count(Ref subject, Direction direction, @Nullable String type) {
        require(subject, "subject");
        require(direction, "direction");
        if (type == null) {
            if (direction != Direction.FRIENDS) {
                Long sum = rangeCount(direction == Direction.FOLLOWERS ? keys.followers(subject) : keys.followings(subject));
                if (sum != null) {
                    return sum;
                }
            }
            return RedisCalls.call("count", () -> Replies.integer(Scripts.COUNT.run(jedis, bases(subject, direction), List.of())));
        }
        Ref.requireValidType(type);
        return RedisCalls.call("count", () -> switch (direction) {
            case FOLLOWERS -> jedis.zcard(KeyLayout.typed(keys.followers(subject), type));
            case FOLLOWINGS -> jedis.zcard(KeyLayout.typed(keys.followings(subject), type));
            case FRIENDS -> jedis.zintercard(KeyLayout.typed(keys.followings(subject), type),
                    KeyLayout.typed(keys.followers(subject), type));
        });
    }

    /**
     * The count over all types without a script: the members of the types set and a
     * {@code ZCARD} per known type, pipelined (one round trip), like {@link #rangePage}.
     *
     * @return the sum of the ZCARDs, or {@code null} when the resource has a type this store does
     *     not know yet (the script counts then)
     */
    private @Nullable Long rangeCount(String base) {
        List<String> types = knownTypes;
        List<Response<Long>> cards = new ArrayList<>(types.size());
        List<String> present = RedisCalls.call("count", () -> {
            Response<List<String>> typesOf;
            try (AbstractPipeline pipeline = jedis.pipelined()) {
                typesOf = pipeline.zrange(base, 0, -1);
                for (String t : types) {
                    cards.add(pipeline.zcard(KeyLayout.typed(base, t)));
                }
                pipeline.sync();
            }
            return typesOf.get();
        });
        if (!types.containsAll(present)) {
            learn(present);
            return null;
        }
        long sum = 0;
        for (Response<Long> card : cards) {
            sum += RedisCalls.call("count", card::get);
        }
        return sum;
    }

    @Override
    public List<Edge> page(Ref subject, Direction direction, EdgeQuery query) {
        require(subject, "subject");
        require(direction, "direction");
        require(query, "query");
        if (direction != Direction.FRIENDS) {
            List<Edge> page = rangePage(subject, direction, query);
            if (page != null) {
                return page;
            }
        }
        return scriptPage(subject, direction, query);
    }

    /**
     * A page without a script: one {@code ZRANGE} per type, pipelined behind the read
     * of the types set when the query spans all types (one round trip either way).
     *
     * <p>An all-types page reads the types this store has seen (see {@link #learn}); if the
     * resource has a type outside them, or ties at the cursor's score fill a window, the reads are
     * not enough and it returns {@code null} for the script to answer. The reads are not one
     * atomic step, unlike the script: each per-type window is exact at its own instant, so an
     * item present for the whole walk is still neither repeated nor skipped.
     */
    private @Nullable List<Edge> rangePage(Ref subject, Direction direction, EdgeQuery query) {
        String base = direction == Direction.FOLLOWERS ? keys.followers(subject) : keys.followings(subject);
        boolean desc = query.order() == Order.NEWEST_FIRST;
        Edge after = query.after();
        Long cursorScore = after == null ? null : Scores.ofTime(after.since());
        String only = query.type();
        List<String> types = only != null ? List.of(only) : knownTypes;
        if (only != null) {
            Ref.requireValidType(only);
        }
        List<KeysetWindow> windows = new ArrayList<>(types.size());
        for (String t : types) {
            windows.add(KeysetWindow.of(KeyLayout.typed(base, t), desc, query.limit(), cursorScore,
                    after == null ? 0 : t.compareTo(after.ref().type()), after == null ? null : after.ref().id()));
        }
        List<String> present = RedisCalls.call("page", () -> {
            if (only != null) {
                windows.get(0).read(jedis);
                return List.of(only);
            }
            Response<List<String>> typesOf;
            try (AbstractPipeline pipeline = jedis.pipelined()) {
                typesOf = pipeline.zrange(base, 0, -1);
                windows.forEach(w -> w.queue(pipeline));
                pipeline.sync();
            }
            return typesOf.get();
        });
        if (!types.containsAll(present)) {
            learn(present);
            return null;
        }
        List<Item> items = new ArrayList<>();
        int groups = 0;
        for (int g = 0; g < types.size(); g++) {
            List<Tuple> members = windows.get(g).members();
            if (members == null) {
                return null;
            }
            if (!members.isEmpty()) {
                groups++;
            }
            for (int k = 0; k < members.size(); k++) {
                Tuple tuple = members.get(k);
                items.add(new Item(types.get(g), tuple.getElement(), (long) tuple.getScore(), k));
            }
        }
        return toPage(items, groups, desc, query.limit());
    }

    /**
     * Remembers type names seen in this store's data, so that later all-types pages can read
     * their windows without asking the script; at most {@link #MAX_KNOWN_TYPES}, a resource with
     * more types always goes through the script.
     */
    private void learn(Collection<String> types) {
        if (knownTypes.containsAll(types) || knownTypes.size() >= MAX_KNOWN_TYPES) {
            return;
        }
        synchronized (this) {
            List<String> more = new ArrayList<>(knownTypes);
            for (String type : types) {
                if (!more.contains(type) && more.size() < MAX_KNOWN_TYPES) {
                    more.add(type);
                }
            }
            // Readers take the list as it is, without locking: replace it whole.
            knownTypes = List.copyOf(more);
        }
    }

    private List<Edge> scriptPage(Ref subject, Direction direction, EdgeQuery query) {
        Edge after = query.after();
        boolean desc = query.order() == Order.NEWEST_FIRST;
        List<String> args = new ArrayList<>(7);
        args.add(desc ? "desc" : "asc");
        args.add(Integer.toString(query.limit()));
        args.add(query.type() == null ? "" : query.type());
        if (after == null) {
            args.addAll(List.of("0", "0", "", ""));
        } else {
            args.addAll(List.of("1", Long.toString(Scores.ofTime(after.since())), after.ref().type(), after.ref().id()));
        }
        List<Object> reply = RedisCalls.call("page", () -> Replies.list(Scripts.PAGE.run(jedis, bases(subject, direction), args)));
        return merge(reply, desc, query.limit());
    }

    /** Merges the per-type windows of a page reply by {@code (since, type)} in the query's order. */
    private List<Edge> merge(List<Object> reply, boolean desc, int limit) {
        List<Item> items = new ArrayList<>();
        List<String> types = new ArrayList<>();
        int i = 0;
        while (i < reply.size()) {
            String type = Replies.string(reply.get(i++));
            types.add(type);
            long n = Replies.integer(reply.get(i++));
            for (int k = 0; k < n; k++) {
                String id = Replies.string(reply.get(i++));
                long micros = Replies.score(reply.get(i++));
                items.add(new Item(type, id, micros, k));
            }
        }
        learn(types);
        return toPage(items, types.size(), desc, limit);
    }

    private static List<Edge> toPage(List<Item> items, int groups, boolean desc, int limit) {
        if (groups > 1) {
            Comparator<Item> order = Comparator.<Item>comparingLong(Item::micros).thenComparing(Item::type);
            if (desc) {
                order = order.reversed();
            }
            // Within one type the window already has the right order; the index keeps it.
            items.sort(order.thenComparingInt(Item::index));
        }
        List<Edge> page = new ArrayList<>(Math.min(limit, items.size()));
        for (int k = 0; k < items.size() && k < limit; k++) {
            Item item = items.get(k);
            page.add(new Edge(new Ref(item.type(), item.id()), EpochMicros.toInstant(item.micros())));
        }
        return page;
    }

    private record Item(String type, String id, long micros, int index) {
    }

    @Override
    public long removeAll(Ref subject) {
        require(subject, "subject");
        long removed = 0;
        while (true) {
            List<Edge> batch = page(subject, Direction.FOLLOWINGS, new EdgeQuery(null, Order.OLDEST_FIRST, null, FORGET_BATCH));
            if (batch.isEmpty()) {
                break;
            }
            List<Ref[]> edges = new ArrayList<>(batch.size());
            for (Edge edge : batch) {
                edges.add(new Ref[] {subject, edge.ref()});
            }
            removed += writer.unfollowAll(edges);
        }
        while (true) {
            List<Edge> batch = page(subject, Direction.FOLLOWERS, new EdgeQuery(null, Order.OLDEST_FIRST, null, FORGET_BATCH));
            if (batch.isEmpty()) {
                break;
            }
            List<Ref[]> edges = new ArrayList<>(batch.size());
            for (Edge edge : batch) {
                edges.add(new Ref[] {edge.ref(), subject});
            }
            removed += writer.unfollowAll(edges);
        }
        return removed;
    }

    private List<String> bases(Ref subject, Direction direction) {
        return switch (direction) {
            case FOLLOWERS -> List.of(keys.followers(subject));
            case FOLLOWINGS -> List.of(keys.followings(subject));
            case FRIENDS -> List.of(keys.followings(subject), keys.followers(subject));
        };
    }

    static <T> T require(@Nullable T value, String name) {
        if (value == null) {
            throw new InvalidArgumentException(name + " must not be null");
        }
        return value;
    }
}
