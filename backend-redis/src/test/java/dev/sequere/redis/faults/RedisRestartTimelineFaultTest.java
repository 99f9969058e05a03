package dev.sequere.redis.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sequere.Sequere;
import dev.sequere.redis.RedisBackend;
import dev.sequere.redis.support.OwnRedisServer;
import dev.sequere.timeline.tck.TimelineFaultWorkload;
import dev.sequere.timeline.Timelines;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;

/**
 * A test-owned standalone {@code redis-server} SIGKILLed and restarted (by its PID) while three
 * threads publish, delete, follow and unfollow through one {@code Timelines} with one worker.
 *
 * <p>The server runs with {@code --appendonly yes --appendfsync always}: Redis fsyncs the
 * append-only file before it replies, so every write acknowledged before the kill is on disk and
 * reloaded by the restart; without persistence a restart would lose everything, which is Redis's
 * documented behaviour and not what this test is about. Asserted: calls during the outage fail
 * with {@code BackendException} only, the workload resumes, no acknowledged write is lost, and
 * the jobs alone (no rebuild) bring every timeline back to the invariants.
 *
 * <p>{@code -Dsequere.soak=true} restarts five times instead of twice.
 */
class RedisRestartTimelineFaultTest {

    private static final boolean SOAK = Boolean.getBoolean("sequere.soak");

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void restartedServerFailsCallsCleanlyLosesNothingAcknowledgedAndJobsConverge() throws Exception {
        try (OwnRedisServer server = OwnRedisServer.start("--save", "", "--appendonly", "yes",
                "--appendfsync", "always")) {
            RedisClient client = RedisClient.builder().hostAndPort(new HostAndPort("127.0.0.1", server.port()))
                    .clientConfig(DefaultJedisClientConfig.builder().connectionTimeoutMillis(500)
                            .socketTimeoutMillis(2_000).build())
                    .build();
            try (RedisBackend backend = RedisBackend.builder(client).prefix("fault:").closeClient(true).build()) {
                Sequere sequere = TimelineFaultWorkload.sequere(backend);
                try (Timelines timelines = TimelineFaultWorkload.timelines(sequere).build()) {
                    TimelineFaultWorkload workload = new TimelineFaultWorkload(sequere, timelines, 8, 3, 11);
                    workload.start();
                    workload.awaitProgress(200, Duration.ofSeconds(30));
                    int restarts = SOAK ? 5 : 2;
                    for (int i = 0; i < restarts; i++) {
                        server.kill();
                        workload.awaitFailures(20, Duration.ofSeconds(20));
                        server.restart();
                        // Resumed: calls go through again on the restarted server.
                        workload.awaitProgress(SOAK ? 1_000 : 150, Duration.ofSeconds(30));
                    }
                    workload.stop();
                    System.out.println("redis restart x" + restarts + ": " + workload.summary());

                    workload.assertOnlyBackendExceptions();
                    assertThat(workload.failed()).as("calls failed during the outages").isPositive();
                    List<String> lost = workload.lost();
                    System.out.println("redis restart: " + lost.size() + " of " + workload.checkedWrites()
                            + " acknowledged writes lost");
                    assertThat(lost).as("acknowledged writes lost").isEmpty();
                    Duration converged = workload.awaitEmptyBacklog(Duration.ofMinutes(2));
                    System.out.println("redis restart: job backlog empty " + converged.toMillis()
                            + " ms after the workload stopped; stats " + timelines.stats());
                    workload.assertExactTimelines();
                }
            }
        }
    }
}
