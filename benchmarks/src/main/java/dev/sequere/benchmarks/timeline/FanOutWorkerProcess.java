package dev.sequere.benchmarks.timeline;

import dev.sequere.Ref;
import dev.sequere.Sequere;
import dev.sequere.redis.RedisBackend;
import dev.sequere.redis.ClusterTimeouts;
import dev.sequere.timeline.Timelines;
import dev.sequere.timeline.action.Action;
import dev.sequere.timeline.action.Verb;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import redis.clients.jedis.HostAndPort;

/**
 * A worker process of {@link ClusterWorkerThroughput}, run in a JVM of its own. It connects to the
 * Cluster, warms its code paths up on a prefix of its own (publishes run by the caller), prints
 * {@code READY}, and on the line {@code GO} builds a {@code Timelines} with worker threads on the
 * benchmark's prefix, which claim and run the queued fan-out jobs. On {@code STOP} (or the end of
 * its input) it closes them and prints {@code DELIVERED <entries>}.
 *
 * <p>Arguments: {@code <seeds host:port,...> <prefix> <worker threads> <warm-up publishes>}.
 */
public final class FanOutWorkerProcess {

    static final Verb POST = Verb.of("post");

    private FanOutWorkerProcess() {
    }

    /**
     * Runs the worker.
     *
     * @param args seeds, prefix, worker threads, warm-up publishes
     * @throws Exception when the Cluster fails
     */
    public static void main(String[] args) throws Exception {
        Set<HostAndPort> seeds = new HashSet<>();
        for (String seed : args[0].split(",")) {
            seeds.add(HostAndPort.from(seed));
        }
        String prefix = args[1];
        int threads = Integer.parseInt(args[2]);
        int warmUps = Integer.parseInt(args[3]);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String warmPrefix = "warm" + ProcessHandle.current().pid() + ":";
        try (RedisBackend warm = RedisBackend.cluster(seeds, ClusterTimeouts.DEFAULTS).prefix(warmPrefix).build()) {
            Ref actor = Ref.of("project", "warm");
            TimelineBench.seedFollowers(warm, actor, 1_000);
            try (Timelines timelines = Timelines.builder(TimelineBench.sequere(warm, TimelineBench.users(0)))
                    .verbs("project", POST).workers(0).build()) {
                for (int i = 0; i < warmUps; i++) {
                    timelines.publish(Action.of(actor, POST));
                }
            }
        }
        try (RedisBackend backend = RedisBackend.cluster(seeds, ClusterTimeouts.DEFAULTS).prefix(prefix).build()) {
            Sequere sequere = TimelineBench.sequere(backend, TimelineBench.users(0));
            System.out.println("READY");
            System.out.flush();
            if (!"GO".equals(in.readLine())) {
                return;
            }
            Timelines timelines = Timelines.builder(sequere).verbs("project", POST).workers(threads)
                    .pollInterval(Duration.ofMillis(20)).build();
            String line;
            do {
                line = in.readLine();
            } while (line != null && !line.equals("STOP"));
            timelines.close();
            System.out.println("DELIVERED " + timelines.stats().delivered());
            System.out.flush();
        }
    }
}
