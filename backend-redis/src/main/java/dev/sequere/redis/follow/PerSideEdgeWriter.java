package dev.sequere.redis.follow;

import dev.sequere.BackendException;
import dev.sequere.Ref;
import dev.sequere.redis.command.Replies;
import dev.sequere.redis.command.RedisCalls;
import dev.sequere.redis.keys.KeyLayout;
import dev.sequere.redis.script.Scripts;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * Redis Cluster: the two sides of an edge live in two slots, so no single script or
 * {@code MULTI} can cover both. Each side changes in its own atomic script:
 * <ol>
 *   <li>the follower's followings (authoritative: {@code exists}, {@code since} and the
 *       return value read it), with {@code ZADD NX}/{@code ZREM};</li>
 *   <li>the followee's followers, set to mirror what step 1 left (present with the same score,
 *       or absent);</li>
 *   <li>a read of step 1's side again: if another writer changed it meanwhile, step 2 is redone
 *       with the new state until both agree.</li>
 * </ol>
 * Step 3 is what makes concurrent follow/unfollow of one pair converge: the last writer to change
 * the authoritative side always mirrors after its change and confirms, so when all writers are
 * done both sides agree. Between steps 1 and 2 a reader can see the edge in the follower's
 * followings and not yet in the followee's followers (for a follow) or the reverse (for an
 * unfollow); that window is the time of one round trip. If the connection drops between them,
 * the call fails with a {@link BackendException}, each side is in its old or new state, and the
 * next write of that pair (a retry) repairs the mirrored side.
 */
public final class PerSideEdgeWriter implements EdgeWriter {

    /** Rounds of mirror-and-confirm before giving up; each extra round needs another writer's change. */
    private static final int MAX_ROUNDS = 100;

    private final UnifiedJedis jedis;
    private final KeyLayout keys;

    /**
     * Creates the writer.
     *
     * @param jedis a client, Cluster or not
     * @param keys the key layout
     */
    public PerSideEdgeWriter(UnifiedJedis jedis, KeyLayout keys) {
        this.jedis = jedis;
        this.keys = keys;
    }

    @Override
    public boolean follow(Ref follower, Ref followee, long micros) {
        return RedisCalls.call("follow", () -> {
            List<Object> reply = Replies.list(Scripts.EDGE_ADD.run(jedis, List.of(keys.followings(follower)),
                    List.of(followee.type(), followee.id(), Long.toString(micros))));
            converge(follower, followee, Replies.score(reply.get(1)));
            return Replies.integer(reply.get(0)) == 1;
        });
    }

    @Override
    public boolean unfollow(Ref follower, Ref followee) {
        return RedisCalls.call("unfollow", () -> {
            long removed = Replies.integer(Scripts.EDGE_REMOVE.run(jedis, List.of(keys.followings(follower)),
                    List.of(followee.type(), followee.id())));
            converge(follower, followee, null);
            return removed == 1;
        });
    }

    @Override
    public long unfollowAll(List<Ref[]> edges) {
        return RedisCalls.call("forget", () -> {
            List<Response<Object>> replies = new ArrayList<>(edges.size());
            try (AbstractPipeline pipeline = jedis.pipelined()) {
                for (Ref[] edge : edges) {
                    replies.add(Scripts.EDGE_REMOVE.queue(pipeline, List.of(keys.followings(edge[0])),
                            List.of(edge[1].type(), edge[1].id())));
                }
                pipeline.sync();
            }
            long removed = 0;
            for (Response<Object> reply : replies) {
                removed += Replies.integer(reply.get());
            }
            List<Ref[]> pending = new ArrayList<>(edges);
            List<@Nullable Long> states = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                states.add(null);
            }
            for (int round = 0; !pending.isEmpty(); round++) {
                if (round == MAX_ROUNDS) {
                    throw notConverging();
                }
                List<Response<Double>> now = new ArrayList<>(pending.size());
                try (AbstractPipeline pipeline = jedis.pipelined()) {
                    for (int i = 0; i < pending.size(); i++) {
                        Ref[] edge = pending.get(i);
                        Scripts.EDGE_MIRROR.queue(pipeline, List.of(keys.followers(edge[1])),
                                List.of(edge[0].type(), edge[0].id(), text(states.get(i))));
                    }
                    pipeline.sync();
                }
                // A second pipeline: each confirming read must run after its mirror write, and a
                // Cluster pipeline gives no order between nodes.
                try (AbstractPipeline pipeline = jedis.pipelined()) {
                    for (Ref[] edge : pending) {
                        now.add(pipeline.zscore(KeyLayout.typed(keys.followings(edge[0]), edge[1].type()), edge[1].id()));
                    }
                    pipeline.sync();
                }
                List<Ref[]> next = new ArrayList<>();
                List<@Nullable Long> nextStates = new ArrayList<>();
                for (int i = 0; i < pending.size(); i++) {
                    Double score = now.get(i).get();
                    Long state = score == null ? null : score.longValue();
                    if (!Objects.equals(state, states.get(i))) {
                        next.add(pending.get(i));
                        nextStates.add(state);
                    }
                }
                pending = next;
                states = nextStates;
            }
            return removed;
        });
    }

    /** Mirrors {@code state} onto the followee's side until the follower's side confirms it. */
    private void converge(Ref follower, Ref followee, @Nullable Long state) {
        String followersBase = keys.followers(followee);
        String authoritative = KeyLayout.typed(keys.followings(follower), followee.type());
        @Nullable Long current = state;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Scripts.EDGE_MIRROR.run(jedis, List.of(followersBase),
                    List.of(follower.type(), follower.id(), text(current)));
            Double score = jedis.zscore(authoritative, followee.id());
            Long now = score == null ? null : score.longValue();
            if (Objects.equals(now, current)) {
                return;
            }
            current = now;
        }
        throw notConverging();
    }

    private static String text(@Nullable Long state) {
        return state == null ? "" : Long.toString(state);
    }

    private static BackendException notConverging() {
        return new BackendException("the two sides of a follow kept changing under concurrent writers for "
                + MAX_ROUNDS + " rounds; the last writer will reconcile them, retry if needed");
    }
}
