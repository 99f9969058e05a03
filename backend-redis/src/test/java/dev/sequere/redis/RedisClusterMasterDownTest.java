package dev.sequere.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sequere.BackendException;
import dev.sequere.Order;
import dev.sequere.Ref;
import dev.sequere.redis.ClusterTimeouts;
import dev.sequere.redis.support.LocalRedisCluster;
import dev.sequere.redis.support.PrefixCleaner;
import dev.sequere.spi.Direction;
import dev.sequere.spi.EdgeQuery;
import dev.sequere.spi.FeedEntry;
import dev.sequere.spi.FeedKey;
import dev.sequere.spi.FollowStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One master of a three-master Cluster killed (SIGKILL) and declared failed by the others, no
 * replica to promote: calls whose keys live on it, pipelined ones included, fail with
 * {@link BackendException}; calls on the two other masters keep succeeding. Once the master is
 * back, {@link RedisBackend#repair()} completes the follows whose second side it missed.
 */
class RedisClusterMasterDownTest {

    private static final int ROUNDS = 10;
    private static final Instant T = Instant.ofEpochSecond(1_700_000_000L);

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void deadMasterFailsItsCallsWithBackendExceptionWhileTheOthersKeepServing() {
        try (LocalRedisCluster cluster = LocalRedisCluster.startOwned(1_000)) {
            String prefix = PrefixCleaner.uniquePrefix(RedisClusterMasterDownTest.class);
            try (RedisBackend backend = RedisBackend.cluster(cluster.hostsAndPorts(), ClusterTimeouts.DEFAULTS)
                    .prefix(prefix).build()) {
                int dead = cluster.ports().get(2);
                int observer = cluster.ports().get(0);
                List<Ref> live = new ArrayList<>();
                List<Ref> gone = new ArrayList<>();
                for (int i = 0; live.size() < 8 || gone.size() < 4; i++) {
                    Ref user = Ref.of("user", "u" + i);
                    (cluster.portOf(backend.keys().resource(user)) == dead ? gone : live).add(user);
                }
                FollowStore follows = backend.follows();
                Ref hub = live.get(0);
                for (Ref user : live.subList(1, live.size())) {
                    follows.follow(user, hub, T);
                }
                for (Ref user : gone) {
                    follows.follow(user, hub, T);
                }

                // Pooled connections to every master, as a running application has them.
                backend.fanOut(hub, "home", new FeedEntry("warm", 0), 100);

                cluster.kill(dead);
                // First calls after the kill, on connections the pool still holds to the dead master.
                for (int i = 0; i < 3; i++) {
                    FeedEntry entry = new FeedEntry("k" + i, i);
                    assertThatThrownBy(() -> backend.fanOut(hub, "home", entry, 100))
                            .as("a pipelined call just after the kill").isInstanceOf(BackendException.class);
                }
                cluster.awaitFailed(dead, observer);

                long liveCalls = 0;
                long liveSuccesses = 0;
                long deadFailures = 0;
                for (int r = 0; r < ROUNDS; r++) {
                    int round = r;
                    Ref a = live.get(1 + round % (live.size() - 1));
                    Ref b = live.get(1 + (round + 1) % (live.size() - 1));
                    List<Supplier<Object>> onLiveMasters = List.of(
                            () -> follows.follow(a, b, T.plusSeconds(1)),
                            () -> follows.exists(a, b),
                            () -> follows.count(a, Direction.FOLLOWINGS, null),
                            () -> follows.page(a, Direction.FOLLOWINGS, new EdgeQuery(null, Order.NEWEST_FIRST, null, 10)),
                            () -> follows.unfollow(a, b),
                            () -> backend.feeds().add(new FeedEntry("e" + round, round), List.of(new FeedKey(a, "home"))));
                    for (Supplier<Object> call : onLiveMasters) {
                        liveCalls++;
                        try {
                            call.get();
                            liveSuccesses++;
                        } catch (RuntimeException e) {
                            assertThat(e).as("a failed call on a live master").isInstanceOf(BackendException.class);
                        }
                    }
                    Ref x = gone.get(round % gone.size());
                    Ref y = gone.get((round + 1) % gone.size());
                    List<Supplier<Object>> touchingTheDeadMaster = List.of(
                            () -> follows.follow(x, y, T),
                            () -> follows.exists(x, y),
                            () -> follows.count(x, Direction.FOLLOWERS, null),
                            // Pipelined over the three masters: the hub's followers' feeds.
                            () -> backend.fanOut(hub, "home", new FeedEntry("f" + round, round), 100),
                            () -> backend.feeds().add(new FeedEntry("g" + round, round),
                                    List.of(new FeedKey(a, "home"), new FeedKey(x, "home"))));
                    for (Supplier<Object> call : touchingTheDeadMaster) {
                        assertThatThrownBy(call::get).as("a call on the dead master").isInstanceOf(BackendException.class);
                        deadFailures++;
                    }
                }
                System.out.printf("master down: %d of %d calls on live masters succeeded, %d calls on the dead one "
                        + "failed with BackendException%n", liveSuccesses, liveCalls, deadFailures);
                assertThat(liveSuccesses).as("calls on live masters that succeeded while one master was down").isPositive();

                // A follow whose follower lives on a live master and followee on the dead one:
                // the first side is written, the second fails.
                Ref follower = live.get(1);
                Ref followee = gone.get(0);
                assertThatThrownBy(() -> follows.follow(follower, followee, T)).isInstanceOf(BackendException.class);
                assertThat(follows.exists(follower, followee)).isTrue();

                cluster.restart(dead);
                assertThat(backend.repair()).as("writes repair() completed").isPositive();
                assertThat(follows.page(followee, Direction.FOLLOWERS, new EdgeQuery(null, Order.OLDEST_FIRST, null, 10)))
                        .as("followers of the restarted master's resource").hasSize(1)
                        .allMatch(edge -> edge.ref().equals(follower));
            }
        }
    }
}
