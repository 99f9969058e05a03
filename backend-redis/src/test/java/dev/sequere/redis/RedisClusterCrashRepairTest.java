package dev.sequere.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sequere.Ref;
import dev.sequere.redis.support.EdgeAudit;
import dev.sequere.redis.support.FollowBurst;
import dev.sequere.redis.support.LocalRedisCluster;
import dev.sequere.redis.support.PrefixCleaner;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.RedisClusterClient;

/**
 * A writer process killed (SIGKILL) in the middle of a follow/unfollow burst on a Redis Cluster
 * leaves pairs whose follower's side changed and whose followee's side did not; after
 * {@link RedisBackend#repair()} in another process, every pair must agree on both sides, counts
 * must equal listings and friendships must be symmetric.
 */
class RedisClusterCrashRepairTest {

    private static final int USERS = 24;
    private static final int THREADS = 16;
    /** Calls the child makes before it is killed: past its warm-up, in the middle of the burst. */
    private static final long OPS_BEFORE_KILL = 3_000;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void repairMakesBothSidesAgreeAfterAWriterWasKilledMidBurst() throws Exception {
        try (LocalRedisCluster cluster = LocalRedisCluster.startOwned(5_000)) {
            String prefix = PrefixCleaner.uniquePrefix(RedisClusterCrashRepairTest.class);
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                    FollowBurst.class.getName(), cluster.nodes(), prefix, Integer.toString(USERS),
                    Integer.toString(THREADS)).redirectErrorStream(true).start();
            long ops = 0;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while (ops < OPS_BEFORE_KILL && (line = out.readLine()) != null) {
                    if (line.startsWith("ops ")) {
                        ops = Long.parseLong(line.substring(4));
                    }
                }
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child killed").isTrue();
            }
            assertThat(ops).as("calls the child made before it was killed").isGreaterThanOrEqualTo(OPS_BEFORE_KILL);

            List<Ref> users = new ArrayList<>();
            for (int i = 0; i < USERS; i++) {
                users.add(Ref.of("user", "u" + i));
            }
            try (RedisBackend backend = RedisBackend.builder(RedisClusterClient.create(cluster.hostsAndPorts()))
                    .prefix(prefix).closeClient(true).build()) {
                long disagreeing = EdgeAudit.disagreeingPairs(backend.follows(), users);
                long repaired = backend.repair();
                System.out.printf("killed after %d calls: %d pairs disagreed, repair() completed %d%n",
                        ops, disagreeing, repaired);
                assertThat(EdgeAudit.violations(backend.follows(), users)).as("violations after repair()").isEmpty();
                assertThat(repaired).as("writes repair() completed").isGreaterThanOrEqualTo(disagreeing);
                long start = System.nanoTime();
                assertThat(backend.repair()).as("a second repair() finds nothing left to complete").isZero();
                System.out.printf("a repair() with nothing to complete took %d ms%n",
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            }
        }
    }
}
