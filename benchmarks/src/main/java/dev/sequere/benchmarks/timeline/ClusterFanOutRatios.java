package dev.sequere.benchmarks.timeline;

import dev.sequere.Ref;
import dev.sequere.Sequere;
import dev.sequere.benchmarks.Rounds;
import dev.sequere.redis.RedisBackend;
import dev.sequere.redis.ClusterTimeouts;
import dev.sequere.timeline.Timelines;
import dev.sequere.timeline.action.Action;
import dev.sequere.timeline.action.Verb;
import dev.sequere.timeline.feed.FilterFeeds;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import redis.clients.jedis.RedisClient;

/**
 * Issue 11's Redis Cluster figure: fan-out of one action to 10 000 followers on a Cluster of three
 * masters next to the same on one standalone server, both started by this benchmark on this
 * machine with the same settings ({@link LocalRedisNodes}), in paired rounds of the same run
 * (see {@link PairedRounds}). Four sides: {@code Backend.fanOut} (the raw path) and
 * {@code Timelines.publish} (the durable path, the caller running the job, batch 1 000) on each.
 * The issue measured 741 ms on the Cluster vs 30 ms standalone before the change; its target is
 * "per master at least the standalone figure".
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.sequere.benchmarks.timeline.ClusterFanOutRatios} with optional
 * {@code -Dfollowers=10000 -Drounds=9}.
 */
public final class ClusterFanOutRatios {

    private static final Verb POST = Verb.of("post");
    private static final Ref FAN = Ref.of("project", "fan");
    private static final Ref BOARD = Ref.of("project", "board");
    private static final long ROUND_NANOS = 800_000_000L;
    private static final int MAX_PASSES = 10;
    private static final int MASTERS = 3;

    private ClusterFanOutRatios() {
    }

    /**
     * Starts the servers, measures, prints a markdown table, stops the servers.
     *
     * @param args none
     * @throws Exception when a server or the backend fails
     */
    public static void main(String[] args) throws Exception {
        int followers = Integer.getInteger("followers", 10_000);
        int rounds = Integer.getInteger("rounds", 9);
        int batch = Integer.getInteger("batch", 1_000);
        System.out.println("load average at start: " + TimelineFanOutRatios.loadAverage());
        try (LocalRedisNodes standaloneNodes = LocalRedisNodes.standalone();
                LocalRedisNodes clusterNodes = LocalRedisNodes.cluster();
                RedisClient standaloneClient = RedisClient.create(standaloneNodes.url());
                RedisBackend standalone = RedisBackend.builder(standaloneClient).prefix("bench:").build();
                RedisBackend cluster = RedisBackend.cluster(clusterNodes.hostsAndPorts(), ClusterTimeouts.DEFAULTS)
                        .prefix("bench:").build()) {
            TimelineBench.seedFollowers(standalone, FAN, followers);
            TimelineBench.seedFollowers(cluster, FAN, followers);
            Sequere standaloneSequere = TimelineBench.sequere(standalone, TimelineBench.users(0));
            Sequere clusterSequere = TimelineBench.sequere(cluster, TimelineBench.users(0));
            InProcessPublish standaloneRaw = new InProcessPublish(standalone, FilterFeeds.PUBLIC_AND_GLOBAL, batch);
            InProcessPublish clusterRaw = new InProcessPublish(cluster, FilterFeeds.PUBLIC_AND_GLOBAL, batch);
            try (Timelines standaloneTimelines = Timelines.builder(standaloneSequere).verbs("project", POST)
                    .batchSize(batch).workers(0).build();
                    Timelines clusterTimelines = Timelines.builder(clusterSequere).verbs("project", POST)
                            .batchSize(batch).workers(0).build()) {
                double serverCpu0 = standaloneNodes.serversCpuSeconds();
                double clusterCpu0 = clusterNodes.serversCpuSeconds();
                String load = TimelineFanOutRatios.loadAverage();
                PairedRounds.Result result = PairedRounds.run(List.of(
                        new PairedRounds.Side("cluster fanOut", () -> clusterRaw.rawFanOut(FAN, POST, BOARD)),
                        new PairedRounds.Side("standalone fanOut", () -> standaloneRaw.rawFanOut(FAN, POST, BOARD)),
                        new PairedRounds.Side("cluster publish",
                                () -> clusterTimelines.publish(Action.of(FAN, POST).target(BOARD))),
                        new PairedRounds.Side("standalone publish",
                                () -> standaloneTimelines.publish(Action.of(FAN, POST).target(BOARD)))),
                        rounds, ROUND_NANOS, MAX_PASSES);
                load = load + " / " + TimelineFanOutRatios.loadAverage();
                System.out.printf(Locale.ROOT, "%,d followers, batch %,d, %d masters; load %s%n", followers, batch,
                        MASTERS, load);
                System.out.printf(Locale.ROOT, "server CPU during the rounds: cluster %.1f s (3 masters), standalone %.1f s%n",
                        clusterNodes.serversCpuSeconds() - clusterCpu0, standaloneNodes.serversCpuSeconds() - serverCpu0);
                System.out.println("| path | Cluster, ms | standalone, ms | Cluster / standalone time | Cluster "
                        + "deliveries/s per master vs standalone deliveries/s |");
                System.out.println("|---|---|---|---|---|");
                row("Backend.fanOut", result, 0, 1, followers);
                row("Timelines.publish (durable)", result, 2, 3, followers);
            }
        }
        System.out.println("load average at end: " + TimelineFanOutRatios.loadAverage());
    }

    private static void row(String path, PairedRounds.Result result, int cluster, int standalone, int followers) {
        double clusterMs = 1000 / result.medianRate(cluster);
        double standaloneMs = 1000 / result.medianRate(standalone);
        // Time ratio = rate ratio inverted: standalone rate / cluster rate, per round.
        double[] r = result.ratios(standalone, cluster);
        double[] sorted = r.clone();
        Arrays.sort(sorted);
        double perMaster = result.medianRate(cluster) * followers / MASTERS;
        System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.2fx (%.2f-%.2f) | %,.0f vs %,.0f (%.2fx) |%n", path,
                clusterMs, standaloneMs, Rounds.median(r), sorted[0], sorted[sorted.length - 1],
                perMaster, result.medianRate(standalone) * followers,
                perMaster / (result.medianRate(standalone) * followers));
    }
}
