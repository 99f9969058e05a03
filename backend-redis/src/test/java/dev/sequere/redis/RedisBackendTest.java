package dev.sequere.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sequere.InvalidArgumentException;
import dev.sequere.Ref;
import dev.sequere.redis.KeyLayout;
import dev.sequere.redis.support.RedisServers;
import dev.sequere.redis.support.Topology;
import dev.sequere.spi.Capability;
import dev.sequere.spi.Direction;
import dev.sequere.spi.FeedEntry;
import dev.sequere.spi.FeedKey;
import dev.sequere.tck.TrickyIds;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** What the kit does not cover: configuration, isolation of prefixes, repair of a half-written follow. */
class RedisBackendTest {

    private static final Ref ANN = Ref.of("user", "ann");
    private static final Ref BOB = Ref.of("user", "bob");

    @Test
    void declaresWhatRedisGuaranteesEverywhere() {
        RedisBackend backend = Topology.STANDALONE.create(RedisBackendTest.class);
        try {
            assertThat(backend.capabilities())
                    .containsExactlyInAnyOrder(Capability.SHARED_ACROSS_PROCESSES, Capability.NATIVE_FAN_OUT);
            assertThat(backend.keys().prefix()).startsWith("sequere-test:");
            assertThat(RedisBackend.builder(RedisServers.standalone()).build().keys().prefix()).isEqualTo("sequere:");
        } finally {
            Topology.STANDALONE.destroy(backend);
        }
    }

    @Test
    void badConfigurationIsRejected() {
        assertThatThrownBy(() -> RedisBackend.builder(null).build()).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> RedisBackend.builder(RedisServers.standalone()).prefix("a{b}"))
                .isInstanceOf(InvalidArgumentException.class);
        RedisBackend backend = Topology.STANDALONE.create(RedisBackendTest.class);
        try {
            assertThatThrownBy(() -> backend.follows().follow(ANN, BOB, Instant.parse("9999-01-01T00:00:00Z")))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("2^53");
            assertThat(backend.follows().count(ANN, Direction.FOLLOWINGS, null)).isZero();
        } finally {
            Topology.STANDALONE.destroy(backend);
        }
    }

    @ParameterizedTest
    @EnumSource(Topology.class)
    void twoPrefixesOnOneServerNeverSeeEachOther(Topology topology) {
        RedisBackend one = topology.create(RedisBackendTest.class);
        RedisBackend two = topology.create(RedisBackendTest.class);
        try {
            one.follows().follow(ANN, BOB, Instant.EPOCH);
            one.feeds().putItem("i", "body");
            one.feeds().add(new FeedEntry("e", 1), List.of(new FeedKey(BOB, "private")));
            assertThat(two.follows().exists(ANN, BOB)).isFalse();
            assertThat(two.follows().count(BOB, Direction.FOLLOWERS, null)).isZero();
            assertThat(two.feeds().items(List.of("i"))).isEmpty();
            assertThat(two.feeds().count(new FeedKey(BOB, "private"))).isZero();
            assertThat(two.fanOut(BOB, "private", new FeedEntry("x", 1), 10)).isZero();
        } finally {
            topology.destroy(one);
            topology.destroy(two);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Topology.class, names = {"STANDALONE_PER_SIDE", "CLUSTER"})
    void aFollowThatFailedBetweenItsSidesIsRepairedByTheRetry(Topology topology) {
        RedisBackend backend = topology.create(RedisBackendTest.class);
        try {
            // What a connection lost after the first side leaves behind (the intent aside).
            backend.client().zadd(KeyLayout.typed(backend.keys().followings(ANN), BOB.type()), 5, BOB.id());
            backend.client().zadd(backend.keys().followings(ANN), 0, BOB.type());
            assertThat(backend.follows().exists(ANN, BOB)).isTrue();
            assertThat(backend.follows().count(BOB, Direction.FOLLOWERS, null)).isZero();

            assertThat(backend.follows().follow(ANN, BOB, Instant.EPOCH)).as("already there").isFalse();
            assertThat(backend.follows().count(BOB, Direction.FOLLOWERS, null)).isOne();
            assertThat(backend.follows().since(ANN, BOB)).contains(Instant.ofEpochSecond(0, 5_000));

            // And the reverse: an unfollow cut after the first side.
            backend.client().zrem(KeyLayout.typed(backend.keys().followings(ANN), BOB.type()), BOB.id());
            backend.client().zrem(backend.keys().followings(ANN), BOB.type());
            assertThat(backend.follows().unfollow(ANN, BOB)).isFalse();
            assertThat(backend.follows().count(BOB, Direction.FOLLOWERS, null)).isZero();
            assertThat(backend.client().exists(KeyLayout.typed(backend.keys().followers(BOB), "user"))).isFalse();
        } finally {
            topology.destroy(backend);
        }
    }

    @ParameterizedTest
    @EnumSource(Topology.class)
    void fanOutReachesTheFeedOfEveryTrickyFollower(Topology topology) {
        RedisBackend backend = topology.create(RedisBackendTest.class);
        try {
            Ref source = Ref.of("project", "p");
            List<Ref> followers = new java.util.ArrayList<>();
            for (String id : TrickyIds.all()) {
                followers.add(Ref.of("user", id));
            }
            followers.add(Ref.of("account", "a b%7D}{*?[]\\"));
            for (Ref follower : followers) {
                backend.follows().follow(follower, source, Instant.EPOCH);
            }
            assertThat(backend.fanOut(source, "home", new FeedEntry("e", 7), 3)).isEqualTo(followers.size());
            for (Ref follower : followers) {
                assertThat(backend.feeds().score(new FeedKey(follower, "home"), "e")).as(follower.toString()).hasValue(7);
            }
            assertThat(backend.fanOut(source, "home", new FeedEntry("e", 8), 3)).isZero();
            assertThat(backend.fanOutRemove(source, "home", "e", 5)).isEqualTo(followers.size());
            for (Ref follower : followers) {
                assertThat(backend.feeds().count(new FeedKey(follower, "home"))).isZero();
            }
        } finally {
            topology.destroy(backend);
        }
    }

    @ParameterizedTest
    @EnumSource(Topology.class)
    void emptySetsLeaveNoKeysBehind(Topology topology) {
        RedisBackend backend = topology.create(RedisBackendTest.class);
        try {
            backend.follows().follow(ANN, BOB, Instant.EPOCH);
            backend.follows().follow(BOB, Ref.of("project", "p"), Instant.EPOCH);
            backend.follows().unfollow(ANN, BOB);
            backend.follows().removeAll(BOB);
            for (String key : List.of(backend.keys().followings(ANN), backend.keys().followers(BOB),
                    backend.keys().followings(BOB), backend.keys().followers(Ref.of("project", "p")))) {
                assertThat(backend.client().exists(key)).as(key).isFalse();
            }
        } finally {
            topology.destroy(backend);
        }
    }
}
