package dev.sequere.redis.internal.follow;

import dev.sequere.BackendException;
import dev.sequere.InvalidArgumentException;
import dev.sequere.Ref;
import dev.sequere.redis.internal.command.Replies;
import dev.sequere.redis.internal.command.RedisCalls;
import dev.sequere.redis.KeyLayout;
import dev.sequere.redis.internal.script.LuaScript;
import dev.sequere.redis.internal.script.Scripts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * Redis Cluster: the two sides of an edge live in two slots, so no single script or
 * {@code MULTI} can cover both. Each side changes in its own atomic script:
 * <ol>
 *   <li>the follower's followings (authoritative: {@code exists}, {@code since} and the
 *       return value read it), with {@code ZADD NX}/{@code ZREM}, and in the same script an
 *       <em>intent</em> recording that the followee's side has to mirror it (see
 *       {@link PendingMirrors});</li>
 *   <li>the followee's followers, set to mirror what step 1 left (present with the same score,
 *       or absent);</li>
 *   <li>on the follower's slot again: if the followings still hold the mirrored state, the
 *       intent is cleared; if another writer changed them meanwhile, step 2 is redone with the
 *       new state until both agree.</li>
 * </ol>
 * Step 3 is what makes concurrent follow/unfollow of one pair converge: the last writer to change
 * the authoritative side always mirrors after its change and confirms. The intent is what makes a
 * crash converge: a process killed (or a connection lost, or the followee's master down) between
 * steps 1 and 3 leaves its intent behind, and {@link #repair()} (or, once the intent is older than
 * the lease, the next write of the same follower) mirrors the pair's <em>current</em> state, read
 * from the follower's side, never the state the dead writer meant: an old intent cannot bring
 * back an edge removed since. Between steps 1 and 2 a reader can see the edge in the follower's
 * followings and not yet in the followee's followers (for a follow) or the reverse (for an
 * unfollow); that window is one round trip, or until the repair after a crash.
 */
public final class PerSideEdgeWriter implements EdgeWriter {

    /** How long a writer may take between its first and last step before its intent counts as abandoned. */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);

    /** Rounds of mirror-and-confirm before giving up; each extra round needs another writer's change. */
    private static final int MAX_ROUNDS = 100;

    /** Followers whose intents one repair step reads in one pipeline. */
    private static final int REPAIR_BATCH = 500;

    /** Intents of one follower one repair step reads. */
    private static final int REPAIR_INTENTS = 1_000;

    private final UnifiedJedis jedis;
    private final KeyLayout keys;
    private final PendingMirrors pending;
    private final String leaseMillis;

    /**
     * Creates the writer with the {@link #DEFAULT_LEASE}.
     *
     * @param jedis a client, Cluster or not
     * @param keys the key layout
     */
    public PerSideEdgeWriter(UnifiedJedis jedis, KeyLayout keys) {
        this(jedis, keys, DEFAULT_LEASE);
    }

    /**
     * Creates the writer.
     *
     * @param jedis a client, Cluster or not
     * @param keys the key layout
     * @param lease how old an intent must be before a repair or another writer may clear it: longer
     *     than any follow takes from its first step to its last (client timeouts and retries included)
     */
    public PerSideEdgeWriter(UnifiedJedis jedis, KeyLayout keys, Duration lease) {
        if (lease.isNegative() || lease.isZero()) {
            throw new InvalidArgumentException("lease must be positive, was " + lease);
        }
        this.jedis = jedis;
        this.keys = keys;
        this.pending = new PendingMirrors(keys);
        this.leaseMillis = Long.toString(lease.toMillis());
    }

    @Override
    public boolean follow(Ref follower, Ref followee, long micros) {
        return RedisCalls.call("follow", () -> write(List.<Ref[]>of(new Ref[] {follower, followee}), "add", Long.toString(micros)) == 1);
    }

    @Override
    public boolean unfollow(Ref follower, Ref followee) {
        return RedisCalls.call("unfollow", () -> write(List.<Ref[]>of(new Ref[] {follower, followee}), "remove", "") == 1);
    }

    @Override
    public long unfollowAll(List<Ref[]> edges) {
        return RedisCalls.call("forget", () -> write(edges, "remove", ""));
    }

    /** Steps 1 to 3 for many edges, pipelined; returns how many first sides changed. */
    private long write(List<Ref[]> edges, String op, String score) {
        List<List<String>> keyLists = new ArrayList<>(edges.size());
        List<List<String>> argLists = new ArrayList<>(edges.size());
        List<String> intents = new ArrayList<>(edges.size());
        for (Ref[] edge : edges) {
            String intent = PendingMirrors.newIntent(edge[1]);
            intents.add(intent);
            keyLists.add(followerKeys(edge[0]));
            argLists.add(List.of(op, edge[1].type(), edge[1].id(), score, intent, PendingMirrors.member(edge[0]),
                    leaseMillis));
        }
        List<Object> replies = runAll(Scripts.EDGE_BEGIN, keyLists, argLists);
        long changed = 0;
        List<Mirror> mirrors = new ArrayList<>(edges.size());
        Map<List<Ref>, Mirror> abandoned = new LinkedHashMap<>();
        for (int i = 0; i < edges.size(); i++) {
            Ref[] edge = edges.get(i);
            List<Object> reply = Replies.list(replies.get(i));
            changed += Replies.integer(reply.get(0));
            mirrors.add(new Mirror(edge[0], edge[1], state(reply.get(1)), List.of(intents.get(i))));
            // Intents of dead writers on this follower, older than the lease: completed on this touch.
            for (int k = 2; k < reply.size(); k += 2) {
                String intent = Replies.string(reply.get(k));
                Ref followee = PendingMirrors.followeeOf(intent);
                abandoned.merge(List.of(edge[0], followee),
                        new Mirror(edge[0], followee, state(reply.get(k + 1)), List.of(intent)), Mirror::with);
            }
        }
        mirrors.addAll(abandoned.values());
        converge(mirrors);
        return changed;
    }

    /**
     * Completes every intent left behind: for each, mirrors the pair's current state (read from
     * the follower's side) and confirms it; intents older than the lease are then cleared, younger
     * ones stay, as their writer may still be running (a later repair clears them).
     *
     * @return how many followee sides this changed: writes a crash or a failure had interrupted
     */
    @Override
    public long repair() {
        return RedisCalls.call("repair", () -> {
            List<Ref> followers = indexedFollowers();
            long completed = 0;
            for (int from = 0; from < followers.size(); from += REPAIR_BATCH) {
                List<Ref> batch = followers.subList(from, Math.min(followers.size(), from + REPAIR_BATCH));
                List<List<String>> keyLists = new ArrayList<>(batch.size());
                List<List<String>> argLists = new ArrayList<>(batch.size());
                for (Ref follower : batch) {
                    keyLists.add(followerKeys(follower));
                    argLists.add(List.of(PendingMirrors.member(follower), leaseMillis, Integer.toString(REPAIR_INTENTS)));
                }
                List<Object> replies = runAll(Scripts.EDGE_PENDING, keyLists, argLists);
                Map<List<Ref>, Mirror> mirrors = new LinkedHashMap<>();
                for (int i = 0; i < batch.size(); i++) {
                    List<Object> reply = Replies.list(replies.get(i));
                    for (int k = 0; k < reply.size(); k += 3) {
                        String intent = Replies.string(reply.get(k));
                        boolean abandoned = Replies.integer(reply.get(k + 1)) == 1;
                        Ref followee = PendingMirrors.followeeOf(intent);
                        mirrors.merge(List.of(batch.get(i), followee), new Mirror(batch.get(i), followee,
                                state(reply.get(k + 2)), abandoned ? List.of(intent) : List.of()), Mirror::with);
                    }
                }
                completed += converge(new ArrayList<>(mirrors.values()));
            }
            return completed;
        });
    }

    /**
     * Makes the followee's side of one pair agree with the follower's side now, whether or not an
     * intent was left: what a timeline's follow sync does first, so that fan-outs (which walk the
     * followee's side) reach a follower whose follow was cut between its two slots.
     *
     * @param follower the follower
     * @param followee the followee
     * @return 1 when the followee's side changed, else 0
     */
    @Override
    public long repair(Ref follower, Ref followee) {
        return RedisCalls.call("repair", () -> {
            Double score = jedis.zscore(keys.followings(follower) + ":" + followee.type(), followee.id());
            Long state = score == null ? null : score.longValue();
            return converge(List.of(new Mirror(follower, followee, state, List.of())));
        });
    }

    /** The followers listed in the index of any slot, one pipelined read of every index key. */
    private List<Ref> indexedFollowers() {
        List<Response<List<String>>> indexes = new ArrayList<>(PendingMirrors.SLOTS);
        try (AbstractPipeline pipeline = jedis.pipelined()) {
            for (int slot = 0; slot < PendingMirrors.SLOTS; slot++) {
                indexes.add(pipeline.zrange(pending.index(slot), 0, -1));
            }
            pipeline.sync();
        }
        List<Ref> followers = new ArrayList<>();
        for (Response<List<String>> index : indexes) {
            for (String member : index.get()) {
                followers.add(PendingMirrors.ref(member));
            }
        }
        return followers;
    }

    /**
     * Mirrors each state onto the followee's side until the follower's side confirms it, pipelined:
     * one round trip for the mirrors, one for the confirmations (a Cluster pipeline gives no order
     * between nodes, so each confirmation must wait for its mirror's reply).
     *
     * @return how many mirrors changed a followee's side
     */
    private long converge(List<Mirror> mirrors) {
        long changed = 0;
        List<Mirror> open = mirrors;
        for (int round = 0; !open.isEmpty(); round++) {
            if (round == MAX_ROUNDS) {
                throw notConverging();
            }
            List<List<String>> mirrorKeys = new ArrayList<>(open.size());
            List<List<String>> mirrorArgs = new ArrayList<>(open.size());
            List<List<String>> settleKeys = new ArrayList<>(open.size());
            List<List<String>> settleArgs = new ArrayList<>(open.size());
            for (Mirror m : open) {
                mirrorKeys.add(List.of(keys.followers(m.followee())));
                mirrorArgs.add(List.of(m.follower().type(), m.follower().id(), text(m.state())));
                settleKeys.add(followerKeys(m.follower()));
                List<String> args = new ArrayList<>(4 + m.intents().size());
                args.addAll(List.of(m.followee().type(), m.followee().id(), text(m.state()),
                        PendingMirrors.member(m.follower())));
                args.addAll(m.intents());
                settleArgs.add(args);
            }
            for (Object reply : runAll(Scripts.EDGE_MIRROR, mirrorKeys, mirrorArgs)) {
                changed += Replies.integer(reply);
            }
            List<Object> settled = runAll(Scripts.EDGE_SETTLE, settleKeys, settleArgs);
            List<Mirror> next = new ArrayList<>();
            for (int i = 0; i < open.size(); i++) {
                List<Object> reply = Replies.list(settled.get(i));
                if (Replies.integer(reply.get(0)) == 0) {
                    next.add(open.get(i).mirroring(state(reply.get(1))));
                }
            }
            open = next;
        }
        return changed;
    }

    /** Runs one script per key list: directly ({@code EVALSHA}) for one, pipelined for more. */
    private List<Object> runAll(LuaScript script, List<List<String>> keyLists, List<List<String>> argLists) {
        if (keyLists.size() == 1) {
            return List.of(script.run(jedis, keyLists.get(0), argLists.get(0)));
        }
        List<Response<Object>> responses = new ArrayList<>(keyLists.size());
        try (AbstractPipeline pipeline = jedis.pipelined()) {
            for (int i = 0; i < keyLists.size(); i++) {
                responses.add(script.queue(pipeline, keyLists.get(i), argLists.get(i)));
            }
            pipeline.sync();
        }
        List<Object> replies = new ArrayList<>(responses.size());
        for (Response<Object> response : responses) {
            replies.add(response.get());
        }
        return replies;
    }

    private List<String> followerKeys(Ref follower) {
        return List.of(keys.followings(follower), pending.intents(follower), pending.index(follower));
    }

    private static @Nullable Long state(Object reply) {
        String text = Replies.string(reply);
        return text.isEmpty() ? null : Replies.score(text);
    }

    private static String text(@Nullable Long state) {
        return state == null ? "" : Long.toString(state);
    }

    private static BackendException notConverging() {
        return new BackendException("the two sides of a follow kept changing under concurrent writers for "
                + MAX_ROUNDS + " rounds; the last writer will reconcile them, retry if needed");
    }

    /**
     * A state to mirror onto the followee's side, and the intents to clear once the follower's
     * side confirms it.
     */
    private record Mirror(Ref follower, Ref followee, @Nullable Long state, List<String> intents) {

        Mirror mirroring(@Nullable Long now) {
            return new Mirror(follower, followee, now, intents);
        }

        /** Two intents on one pair: both read the same current state, one mirror clears both. */
        Mirror with(Mirror other) {
            Set<String> both = new LinkedHashSet<>(intents);
            both.addAll(other.intents);
            return new Mirror(follower, followee, other.state, List.copyOf(both));
        }
    }
}
