package dev.sequere.redis.internal.follow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sequere.Order;
import dev.sequere.Ref;
import dev.sequere.redis.KeyLayout;
import dev.sequere.redis.internal.script.Scripts;
import dev.sequere.redis.support.PrefixCleaner;
import dev.sequere.redis.support.RedisServers;
import dev.sequere.spi.Direction;
import dev.sequere.spi.Edge;
import dev.sequere.spi.EdgeQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The intents of the per-side protocol, step by step on the standalone server (the protocol is
 * the Cluster's, forced on): a writer "killed" right after its first side is simulated by running
 * that step's script alone, then {@link PerSideEdgeWriter#repair()} or the next write must finish
 * it from the follower's current state.
 */
class PerSideEdgeWriterTest {

    private static final Ref ANN = Ref.of("user", "ann");
    private static final Ref BOB = Ref.of("user", "bob");
    private static final Ref CAT = Ref.of("user", "cat");
    private static final long MICROS = 1_700_000_000_000_000L;

    private final UnifiedJedis jedis = RedisServers.standalone();
    private final KeyLayout keys = KeyLayout.of(PrefixCleaner.uniquePrefix(PerSideEdgeWriterTest.class));
    private final PendingMirrors pending = new PendingMirrors(keys);

    @AfterEach
    void clean() {
        PrefixCleaner.cleanStandalone(keys.prefix());
    }

    @Test
    void repairCompletesAFollowCutAfterItsFirstSide() {
        PerSideEdgeWriter writer = new PerSideEdgeWriter(jedis, keys);
        RedisFollowStore store = new RedisFollowStore(jedis, keys, writer);
        firstSideOnly("add", ANN, BOB);
        assertThat(store.exists(ANN, BOB)).isTrue();
        assertThat(followers(store, BOB)).isEmpty();

        assertThat(writer.repair()).isOne();
        assertThat(followers(store, BOB)).containsExactly(ANN);
        assertThat(store.count(BOB, Direction.FOLLOWERS, null)).isOne();
        // The intent is younger than the lease: its writer might still be running, it stays,
        // and repairing it again changes nothing.
        assertThat(jedis.zcard(pending.intents(ANN))).isOne();
        assertThat(writer.repair()).isZero();
    }

    @Test
    void repairCompletesAnUnfollowCutAfterItsFirstSide() {
        PerSideEdgeWriter writer = new PerSideEdgeWriter(jedis, keys);
        RedisFollowStore store = new RedisFollowStore(jedis, keys, writer);
        store.follow(ANN, BOB, Instant.EPOCH);
        firstSideOnly("remove", ANN, BOB);
        assertThat(followers(store, BOB)).containsExactly(ANN);

        assertThat(writer.repair()).isOne();
        assertThat(followers(store, BOB)).isEmpty();
        assertThat(store.exists(ANN, BOB)).isFalse();
    }

    @Test
    void anOldIntentNeverBringsBackAnEdgeRemovedSince() {
        PerSideEdgeWriter writer = new PerSideEdgeWriter(jedis, keys);
        RedisFollowStore store = new RedisFollowStore(jedis, keys, writer);
        firstSideOnly("add", ANN, BOB);
        assertThat(store.unfollow(ANN, BOB)).isTrue();

        assertThat(writer.repair()).isZero();
        assertThat(store.exists(ANN, BOB)).isFalse();
        assertThat(followers(store, BOB)).isEmpty();
    }

    @Test
    void theNextWriteOfTheFollowerCompletesAndClearsAnAbandonedIntent() {
        PerSideEdgeWriter writer = new PerSideEdgeWriter(jedis, keys, Duration.ofMillis(1));
        RedisFollowStore store = new RedisFollowStore(jedis, keys, writer);
        firstSideOnly("add", ANN, BOB);
        awaitServerClockPast(Duration.ofMillis(5));

        store.follow(ANN, CAT, Instant.EPOCH);
        assertThat(followers(store, BOB)).as("completed by ann's next follow").containsExactly(ANN);
        assertThat(followers(store, CAT)).containsExactly(ANN);
        assertThat(jedis.exists(pending.intents(ANN))).as("no intent left").isFalse();
        assertThat(jedis.zrange(pending.index(ANN), 0, -1)).as("ann left the slot's index").isEmpty();
    }

    @Test
    void repairClearsIntentsOlderThanTheLease() {
        PerSideEdgeWriter writer = new PerSideEdgeWriter(jedis, keys, Duration.ofMillis(1));
        RedisFollowStore store = new RedisFollowStore(jedis, keys, writer);
        firstSideOnly("add", ANN, BOB);
        firstSideOnly("add", BOB, CAT);
        assertThat(jedis.zrange(pending.index(ANN), 0, -1)).contains("user:ann");
        awaitServerClockPast(Duration.ofMillis(5));

        assertThat(writer.repair()).isEqualTo(2);
        assertThat(followers(store, BOB)).containsExactly(ANN);
        assertThat(followers(store, CAT)).containsExactly(BOB);
        assertThat(jedis.exists(pending.intents(ANN))).isFalse();
        assertThat(jedis.exists(pending.intents(BOB))).isFalse();
        assertThat(jedis.exists(pending.index(ANN))).isFalse();
        assertThat(writer.repair()).isZero();
    }

    @Test
    void eachSlotsIndexLivesInThatSlot() {
        for (int i = 0; i < 2_000; i++) {
            Ref ref = Ref.of("user", "u" + i + "}{x");
            assertThat(JedisClusterCRC16.getSlot(pending.index(ref))).isEqualTo(JedisClusterCRC16.getSlot(keys.resource(ref)));
        }
        for (int slot = 0; slot < PendingMirrors.SLOTS; slot += 97) {
            assertThat(JedisClusterCRC16.getSlot(pending.index(slot))).isEqualTo(slot);
        }
    }

    /** What a writer killed right after its first script leaves: that side and its intent. */
    private void firstSideOnly(String op, Ref follower, Ref followee) {
        Scripts.EDGE_BEGIN.run(jedis, List.of(keys.followings(follower), pending.intents(follower), pending.index(follower)),
                List.of(op, followee.type(), followee.id(), Long.toString(MICROS), PendingMirrors.newIntent(followee),
                        PendingMirrors.member(follower), "30000"));
    }

    private void awaitServerClockPast(Duration age) {
        long start = serverMillis();
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(2))
                .until(() -> serverMillis() - start > age.toMillis());
    }

    private long serverMillis() {
        return (Long) jedis.eval("local t = redis.call('TIME') return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)");
    }

    private static List<Ref> followers(RedisFollowStore store, Ref subject) {
        return store.page(subject, Direction.FOLLOWERS, new EdgeQuery(null, Order.OLDEST_FIRST, null, 100)).stream()
                .map(Edge::ref).toList();
    }
}
