package dev.sequere.redis.internal.follow;

import dev.sequere.Ref;
import dev.sequere.redis.internal.command.Replies;
import dev.sequere.redis.internal.command.RedisCalls;
import dev.sequere.redis.KeyLayout;
import dev.sequere.redis.internal.script.Scripts;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * One server holds every key (standalone, Sentinel-managed master): both sides of an edge change
 * in one Lua script, so they are atomic together and a reader never sees one without the other.
 * One round trip per follow.
 */
public final class SingleNodeEdgeWriter implements EdgeWriter {

    private final UnifiedJedis jedis;
    private final KeyLayout keys;

    /**
     * Creates the writer.
     *
     * @param jedis a client of one server
     * @param keys the key layout
     */
    public SingleNodeEdgeWriter(UnifiedJedis jedis, KeyLayout keys) {
        this.jedis = jedis;
        this.keys = keys;
    }

    @Override
    public boolean follow(Ref follower, Ref followee, long micros) {
        Object reply = RedisCalls.call("follow", () -> Scripts.FOLLOW.run(jedis, keysOf(follower, followee),
                List.of(followee.type(), followee.id(), follower.type(), follower.id(), Long.toString(micros))));
        return Replies.integer(reply) == 1;
    }

    @Override
    public boolean unfollow(Ref follower, Ref followee) {
        Object reply = RedisCalls.call("unfollow", () -> Scripts.UNFOLLOW.run(jedis, keysOf(follower, followee),
                List.of(followee.type(), followee.id(), follower.type(), follower.id())));
        return Replies.integer(reply) == 1;
    }

    @Override
    public long unfollowAll(List<Ref[]> edges) {
        return RedisCalls.call("forget", () -> {
            List<Response<Object>> replies = new ArrayList<>(edges.size());
            try (AbstractPipeline pipeline = jedis.pipelined()) {
                for (Ref[] edge : edges) {
                    replies.add(Scripts.UNFOLLOW.queue(pipeline, keysOf(edge[0], edge[1]),
                            List.of(edge[1].type(), edge[1].id(), edge[0].type(), edge[0].id())));
                }
                pipeline.sync();
            }
            long removed = 0;
            for (Response<Object> reply : replies) {
                removed += Replies.integer(reply.get());
            }
            return removed;
        });
    }

    private List<String> keysOf(Ref follower, Ref followee) {
        return List.of(keys.followings(follower), keys.followers(followee));
    }
}
