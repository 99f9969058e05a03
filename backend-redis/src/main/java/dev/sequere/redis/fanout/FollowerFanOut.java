package dev.sequere.redis.fanout;

import dev.sequere.InvalidArgumentException;
import dev.sequere.Ref;
import dev.sequere.redis.command.RedisCalls;
import dev.sequere.redis.keys.KeyLayout;
import dev.sequere.spi.FeedEntry;
import dev.sequere.spi.FeedKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.ZAddParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.resps.Tuple;

/**
 * Delivers one entry to (or takes it back from) the feed of every follower of a resource.
 *
 * <p>Followers are streamed with {@code ZSCAN}, which returns every member present for the whole
 * walk at least once however the set changes meanwhile (rank-based paging would skip members when
 * others leave); a member returned twice is harmless because {@code ZADD NX} and {@code ZREM} are
 * idempotent and only count real changes. Each chunk of feeds is written in one pipeline: one
 * round trip per chunk instead of one per follower; in a Cluster, Jedis's pipeline groups the
 * commands by node.
 *
 * <p>A server-side script per chunk (no follower id crossing the network) was measured and
 * dropped: on the same server it delivered 0.7-0.8x of what pipelines do, as each
 * {@code redis.call} costs Redis more than a pipelined command, and pipelines let the client's
 * encoding run in parallel with the server; it also could not serve a Cluster.
 */
public final class FollowerFanOut {

    private final UnifiedJedis jedis;
    private final KeyLayout keys;

    /**
     * Creates the fan-out.
     *
     * @param jedis the client
     * @param keys the key layout
     */
    public FollowerFanOut(UnifiedJedis jedis, KeyLayout keys) {
        this.jedis = jedis;
        this.keys = keys;
    }

    /**
     * Adds an entry to the named feed of every follower of {@code source}.
     *
     * @param source whose followers receive it
     * @param feedName the followers' feed name
     * @param entry the entry
     * @param batchSize followers per chunk
     * @return how many feeds newly received the entry
     */
    public long add(Ref source, String feedName, FeedEntry entry, int batchSize) {
        require(entry, "entry");
        ZAddParams nx = ZAddParams.zAddParams().nx();
        return forEachChunk(source, feedName, batchSize, "fanOut",
                (pipeline, key) -> pipeline.zadd(key, entry.score(), entry.id(), nx));
    }

    /**
     * Removes an entry from the named feed of every follower of {@code source}.
     *
     * @param source whose followers lose it
     * @param feedName the followers' feed name
     * @param entryId the entry id
     * @param batchSize followers per chunk
     * @return how many feeds held the entry
     */
    public long remove(Ref source, String feedName, String entryId, int batchSize) {
        Ref.requireValidId(entryId, "entry id");
        return forEachChunk(source, feedName, batchSize, "fanOutRemove",
                (pipeline, key) -> pipeline.zrem(key, entryId));
    }

    private long forEachChunk(Ref source, String feedName, int batchSize, String what,
            BiFunction<AbstractPipeline, String, Response<Long>> write) {
        require(source, "source");
        FeedKey.requireValidName(feedName);
        if (batchSize < 1) {
            throw new InvalidArgumentException("batchSize must be at least 1, was " + batchSize);
        }
        String base = keys.followers(source);
        return RedisCalls.call(what, () -> {
            long total = 0;
            Set<String> types = jedis.smembers(base);
            ScanParams params = new ScanParams().count(batchSize);
            for (String type : types) {
                String followers = KeyLayout.typed(base, type);
                String cursor = ScanParams.SCAN_POINTER_START;
                do {
                    ScanResult<Tuple> chunk = jedis.zscan(followers, cursor, params);
                    total += writeChunk(type, chunk.getResult(), feedName, write);
                    cursor = chunk.getCursor();
                } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
            }
            return total;
        });
    }

    private long writeChunk(String type, List<Tuple> followers, String feedName,
            BiFunction<AbstractPipeline, String, Response<Long>> write) {
        if (followers.isEmpty()) {
            return 0;
        }
        List<Response<Long>> replies = new ArrayList<>(followers.size());
        try (AbstractPipeline pipeline = jedis.pipelined()) {
            for (Tuple follower : followers) {
                replies.add(write.apply(pipeline, keys.feed(type, follower.getElement(), feedName)));
            }
            pipeline.sync();
        }
        long changed = 0;
        for (Response<Long> reply : replies) {
            changed += reply.get();
        }
        return changed;
    }

    private static <T> T require(T value, String name) {
        if (value == null) {
            throw new InvalidArgumentException(name + " must not be null");
        }
        return value;
    }
}
