package dev.sequere.benchmarks.redis;

import dev.sequere.Ref;
import dev.sequere.redis.KeyLayout;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.ZAddParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.resps.Tuple;

/**
 * The baseline: the commands an application would issue by hand with Jedis for the same data, on
 * the same keys (so both read what the other wrote), without the backend's checks, scripts or
 * decoding. It keeps no atomicity between the two sides of a follow and reads one type only.
 */
final class RawRedis {

    private static final ZAddParams NX = ZAddParams.zAddParams().nx();

    private final UnifiedJedis jedis;
    private final KeyLayout keys;

    RawRedis(UnifiedJedis jedis, KeyLayout keys) {
        this.jedis = jedis;
        this.keys = keys;
    }

    /** Both sides in one pipelined round trip: ZADD NX on each and ZADD of the type into its types set. */
    boolean follow(Ref follower, Ref followee, long micros) {
        String followings = keys.followings(follower);
        String followers = keys.followers(followee);
        Response<Long> added;
        try (AbstractPipeline pipeline = jedis.pipelined()) {
            added = pipeline.zadd(KeyLayout.typed(followings, followee.type()), micros, followee.id(), NX);
            pipeline.zadd(followings, 0, followee.type());
            pipeline.zadd(KeyLayout.typed(followers, follower.type()), micros, follower.id(), NX);
            pipeline.zadd(followers, 0, follower.type());
            pipeline.sync();
        }
        return added.get() == 1;
    }

    boolean isFollowing(Ref follower, Ref followee) {
        return jedis.zscore(KeyLayout.typed(keys.followings(follower), followee.type()), followee.id()) != null;
    }

    List<Tuple> newestFollowers(Ref subject, String type, int limit) {
        return jedis.zrevrangeWithScores(KeyLayout.typed(keys.followers(subject), type), 0, limit - 1);
    }

    long followerCount(Ref subject, String type) {
        return jedis.zcard(KeyLayout.typed(keys.followers(subject), type));
    }

    /** ZSCAN the followers of one type, one pipeline of ZADD NX per chunk. */
    long fanOut(Ref source, String type, String feedName, String entryId, long score, int chunk) {
        String followers = KeyLayout.typed(keys.followers(source), type);
        ScanParams params = new ScanParams().count(chunk);
        String cursor = ScanParams.SCAN_POINTER_START;
        long added = 0;
        do {
            ScanResult<Tuple> page = jedis.zscan(followers, cursor, params);
            List<Response<Long>> replies = new ArrayList<>(page.getResult().size());
            try (AbstractPipeline pipeline = jedis.pipelined()) {
                for (Tuple follower : page.getResult()) {
                    replies.add(pipeline.zadd(keys.feed(type, follower.getElement(), feedName),
                            score, entryId, NX));
                }
                pipeline.sync();
            }
            for (Response<Long> reply : replies) {
                added += reply.get();
            }
            cursor = page.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        return added;
    }
}
