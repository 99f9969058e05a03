package dev.sequere.redis.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sequere.Sequere;
import dev.sequere.redis.RedisBackend;
import dev.sequere.redis.ClusterTimeouts;
import dev.sequere.redis.support.LocalRedisCluster;
import dev.sequere.timeline.tck.TimelineFaultWorkload;
import dev.sequere.timeline.Timelines;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;

/**
 * One master of a test-owned three-master Redis Cluster ({@code cluster-require-full-coverage no},
 * no replicas) SIGKILLed in the middle of a timeline workload, declared failed by the others, and
 * restarted.
 *
 * <p>Before the workload every master is switched to {@code appendonly yes} and
 * {@code appendfsync always} ({@code CONFIG SET}), and the killed master is restarted with the
 * same options over its own directory (its cluster configuration and append-only file), so what
 * it acknowledged survives: {@link LocalRedisCluster#restart} starts nodes without persistence,
 * which would lose a third of the keys by design. Asserted: calls during the outage fail with
 * {@code BackendException} only, the workload resumes, no acknowledged write is lost, and the jobs
 * alone (no rebuild) bring every timeline back to the invariants, both sides of every follow
 * included.
 *
 * <p>{@code -Dsequere.soak=true} kills a master three times (each master once) instead of once.
 */
class RedisClusterMasterKillTimelineFaultTest {

    private static final boolean SOAK = Boolean.getBoolean("sequere.soak");
    private static final int NODE_TIMEOUT_MILLIS = 1_000;

    /**
     * Jedis's cluster pipeline syncs each node on a thread of its own executor; for a node it could
     * not connect to, that thread dies with a {@code NullPointerException} (Jedis 8.0.2,
     * {@code MultiNodePipelineBase.sync}), which Awaitility would report as the failure of
     * whatever the test awaits at that moment. What the backend's callers see is what this test
     * checks, so those threads' deaths are left to Jedis's log.
     */
    @BeforeAll
    static void ignoreJedisPipelineThreads() {
        Awaitility.doNotCatchUncaughtExceptionsByDefault();
    }

    @AfterAll
    static void restoreAwaitility() {
        Awaitility.reset();
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void killedMasterFailsCallsCleanlyLosesNothingAcknowledgedAndJobsConverge() throws Exception {
        try (LocalRedisCluster cluster = LocalRedisCluster.startOwned(NODE_TIMEOUT_MILLIS)) {
            for (int port : cluster.ports()) {
                enableFsyncedAof(port);
            }
            try (RedisBackend backend = RedisBackend.cluster(cluster.hostsAndPorts(), ClusterTimeouts.DEFAULTS)
                    .prefix("fault:").build()) {
                Sequere sequere = TimelineFaultWorkload.sequere(backend);
                try (Timelines timelines = TimelineFaultWorkload.timelines(sequere).build()) {
                    TimelineFaultWorkload workload = new TimelineFaultWorkload(sequere, timelines, 8, 3, 37);
                    workload.start();
                    workload.awaitProgress(200, Duration.ofSeconds(60));
                    int kills = SOAK ? 3 : 1;
                    for (int i = 0; i < kills; i++) {
                        int dead = cluster.ports().get(2 - i % 3);
                        int observer = cluster.ports().get((3 - i % 3) % 3);
                        String dir;
                        try (Jedis jedis = new Jedis("127.0.0.1", dead)) {
                            dir = jedis.configGet("dir").get("dir");
                        }
                        long before = workload.acknowledged();
                        cluster.kill(dead);
                        workload.awaitFailures(20, Duration.ofSeconds(30));
                        cluster.awaitFailed(dead, observer);
                        // Calls on the live masters' slots keep going during the outage.
                        workload.awaitProgress(20, Duration.ofSeconds(30));
                        System.out.printf("cluster master %d down: %d calls acknowledged meanwhile%n", dead,
                                workload.acknowledged() - before);
                        restartWithAof(cluster, dead, dir);
                        workload.awaitProgress(SOAK ? 1_000 : 150, Duration.ofSeconds(60));
                    }
                    workload.stop();
                    System.out.println("cluster master kill x" + kills + ": " + workload.summary());

                    workload.assertOnlyBackendExceptions();
                    assertThat(workload.failed()).as("calls failed during the outage").isPositive();
                    List<String> lost = workload.lost();
                    System.out.println("cluster master kill: " + lost.size() + " of " + workload.checkedWrites()
                            + " acknowledged writes lost");
                    assertThat(lost).as("acknowledged writes lost").isEmpty();
                    Duration converged = workload.awaitEmptyBacklog(Duration.ofMinutes(2));
                    System.out.println("cluster master kill: job backlog empty " + converged.toMillis()
                            + " ms after the workload stopped; stats " + timelines.stats());
                    // A follow whose second side failed is completed by the workers' Backend.repair(),
                    // which runs every 30 s: the invariants may need that long after the backlog.
                    TimelineFaultWorkload.Convergence exact = workload.awaitExactTimelines(Duration.ofSeconds(45));
                    System.out.println("cluster master kill: invariants held " + exact.took().toMillis()
                            + " ms after the backlog emptied" + (exact.firstViolation().isEmpty() ? ""
                            : "; first violation seen: " + exact.firstViolation()));
                }
            }
        }
    }

    /** Turns on an append-only file fsynced before every reply, and waits until it is written. */
    private static void enableFsyncedAof(int port) {
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            jedis.configSet("appendfsync", "always");
            jedis.configSet("appendonly", "yes");
        }
        Awaitility.await("AOF of " + port + " written").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50)).until(() -> {
                    try (Jedis jedis = new Jedis("127.0.0.1", port)) {
                        String info = jedis.info("persistence");
                        return info.contains("aof_enabled:1") && info.contains("aof_rewrite_in_progress:0")
                                && info.contains("aof_rewrite_scheduled:0");
                    }
                });
    }

    /**
     * Starts a killed node again as {@code LocalRedisCluster} does, but loading its append-only
     * file, and waits until every node reports {@code cluster_state:ok}.
     */
    private static void restartWithAof(LocalRedisCluster cluster, int port, String dir)
            throws IOException, InterruptedException {
        Process start = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--cluster-enabled", "yes", "--cluster-config-file", "nodes-" + port + ".conf", "--save", "",
                "--appendonly", "yes", "--appendfsync", "always", "--daemonize", "yes", "--dir", dir,
                "--logfile", "redis-" + port + ".log", "--cluster-node-timeout", Integer.toString(NODE_TIMEOUT_MILLIS),
                "--cluster-require-full-coverage", "no").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(start.waitFor(30, TimeUnit.SECONDS) && start.exitValue() == 0).as("redis-server restarted").isTrue();
        for (int node : cluster.ports()) {
            Awaitility.await("cluster_state:ok on " + node).atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
                        try (Jedis jedis = new Jedis("127.0.0.1", node)) {
                            return jedis.clusterInfo().contains("cluster_state:ok");
                        }
                    });
        }
    }
}
