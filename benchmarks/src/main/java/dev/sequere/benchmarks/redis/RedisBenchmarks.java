package dev.sequere.benchmarks.redis;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import redis.clients.jedis.Jedis;

/**
 * Runs every Redis benchmark with one command and prints the ratios the README reports: starts a
 * private redis-server ({@link PrivateRedis}; set {@code SEQUERE_BENCH_REDIS_URL} to use an
 * existing server instead), loads the fixture once, runs {@link RedisFollowBenchmark} and {@link RedisFanOutBenchmark}
 * (backend and raw baseline in the same run), records {@code redis-benchmark -P 32 -t zadd} as
 * the pipelined ceiling, measures memory ({@link RedisMemory}), and deletes everything it wrote.
 *
 * <pre>
 * java [-Dsequere.bench.jmh=false] -cp benchmarks/target/benchmarks.jar dev.sequere.benchmarks.redis.RedisBenchmarks [followers] [fanOutFollowers] [memoryEdges]
 * </pre>
 */
public final class RedisBenchmarks {

    private RedisBenchmarks() {
    }

    /**
     * Runs the suite.
     *
     * @param args optional sizes: followers of the big project (1 000 000), followers of the
     *     fan-out source (100 000), edges for the memory figures (1 000 000; 0 skips them)
     * @throws Exception when a step fails
     */
    public static void main(String[] args) throws Exception {
        int followers = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
        int fanOut = args.length > 1 ? Integer.parseInt(args[1].replace("_", "")) : 100_000;
        int memoryEdges = args.length > 2 ? Integer.parseInt(args[2].replace("_", "")) : 1_000_000;
        String given = System.getenv("SEQUERE_BENCH_REDIS_URL");
        PrivateRedis own = given == null || given.isBlank() ? PrivateRedis.start() : null;
        if (own != null) {
            System.setProperty(RedisBench.URL_PROPERTY, own.url());
        }
        System.out.println("server: " + RedisBench.url() + (own != null ? " (private, stopped afterwards)" : ""));
        String prefix = RedisBench.newPrefix("fixture");
        try {
            // Memory first, on a keyspace that holds nothing else yet.
            List<String> memory = new ArrayList<>();
            if (memoryEdges > 0) {
                memory.add("");
                memory.add("== Redis memory ==");
                memory.addAll(RedisMemory.measure(memoryEdges, own != null));
                memory.forEach(System.out::println);
            }
            long start = System.nanoTime();
            RedisFixture.load(prefix, followers, fanOut);
            System.out.printf("fixture: %,d + %,d followers loaded in %.1f s under %s%n", followers, fanOut,
                    (System.nanoTime() - start) / 1e9, prefix);
            Options options = new OptionsBuilder()
                    .include(RedisFollowBenchmark.class.getName())
                    .include(RedisFanOutBenchmark.class.getName())
                    .jvmArgsAppend("-D" + RedisBench.URL_PROPERTY + "=" + RedisBench.url(),
                            "-D" + RedisBench.PREFIX_PROPERTY + "=" + prefix,
                            "-D" + RedisBench.FOLLOWERS_PROPERTY + "=" + followers,
                            "-D" + RedisBench.FAN_OUT_PROPERTY + "=" + fanOut)
                    .build();
            // -Dsequere.bench.jmh=false skips the JMH table (the interleaved rounds and the
            // ceiling still run): a quicker check on a machine too busy for JMH anyway.
            Collection<RunResult> results = Boolean.parseBoolean(System.getProperty("sequere.bench.jmh", "true"))
                    ? new Runner(options).run() : List.of();
            Map<String, Double> scores = new LinkedHashMap<>();
            for (RunResult result : results) {
                String name = result.getParams().getBenchmark();
                scores.put(name.substring(name.lastIndexOf('.') + 1), result.getPrimaryResult().getScore());
            }
            double ceiling = zaddCeiling();
            System.out.println();
            System.out.println("== Interleaved rounds (backend and raw alternating; robust to a busy machine) ==");
            InterleavedRatios.measure(prefix, followers, fanOut, ceiling).forEach(System.out::println);
            System.out.println();
            System.out.println("== Redis backend vs raw Jedis (same server, same run) ==");
            ratio(scores, "follow", "rawFollow", "ops/s");
            ratio(scores, "isFollowing", "rawIsFollowing", "ops/s");
            ratio(scores, "page", "rawPage", "ops/s");
            ratio(scores, "pageOfType", "rawPage", "ops/s");
            ratio(scores, "count", "rawCount", "ops/s");
            ratio(scores, "countOfType", "rawCount", "ops/s");
            Double fanOutMs = scores.get("fanOut");
            Double rawFanOutMs = scores.get("rawFanOut");
            if (fanOutMs != null && rawFanOutMs != null) {
                double deliveries = fanOut / (fanOutMs / 1000);
                double rawDeliveries = fanOut / (rawFanOutMs / 1000);
                System.out.printf("fanOut to %,d: %.1f ms (%,.0f deliveries/s) vs raw %.1f ms (%,.0f/s): %.2fx raw%n",
                        fanOut, fanOutMs, deliveries, rawFanOutMs, rawDeliveries, deliveries / rawDeliveries);
                if (ceiling > 0) {
                    System.out.printf("fanOut vs redis-benchmark -P 32 -t zadd ceiling %,.0f ZADD/s: %.0f%%%n",
                            ceiling, 100 * deliveries / ceiling);
                }
            }
            memory.forEach(System.out::println);
        } finally {
            if (own != null) {
                own.close();
            } else {
                System.out.printf("cleanup: %,d keys deleted under %s%n", RedisBench.clean(prefix), prefix);
            }
        }
    }

    private static void ratio(Map<String, Double> scores, String backend, String raw, String unit) {
        Double b = scores.get(backend);
        Double r = scores.get(raw);
        if (b != null && r != null) {
            System.out.printf("%-12s %,12.0f %s vs raw %,12.0f: %.2fx%n", backend, b, unit, r, b / r);
        }
    }

    /**
     * Runs {@code redis-benchmark -P 32 -t zadd -n 1000000 -r 100000 -q} against the same server, in database 9 so
     * that its {@code myzset} key stays apart, and deletes that key afterwards.
     *
     * @return ZADD/s, or 0 when redis-benchmark is missing
     */
    static double zaddCeiling() {
        URI uri = URI.create(RedisBench.url());
        try {
            Process process = new ProcessBuilder("redis-benchmark", "-h", uri.getHost(), "-p", Integer.toString(uri.getPort()),
                    "--dbnum", "9", "-P", "32", "-t", "zadd", "-n", "1000000", "-r", "100000", "-q").redirectErrorStream(true).start();
            String output;
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                output = String.join("\n", reader.lines().toList());
            }
            process.waitFor(5, TimeUnit.MINUTES);
            try (Jedis jedis = new Jedis(uri)) {
                jedis.select(9);
                jedis.del("myzset");
            }
            // -q prints progress with carriage returns, then "ZADD: 1234567.89 requests per second, ...".
            Matcher m = Pattern.compile("ZADD: ([0-9.]+) requests per second").matcher(output);
            double last = 0;
            while (m.find()) {
                last = Double.parseDouble(m.group(1));
            }
            System.out.printf("redis-benchmark -P 32 -t zadd -n 1000000 -r 100000 -q: %,.0f ZADD/s%n", last);
            return last;
        } catch (java.io.IOException e) {
            System.out.println("redis-benchmark not found: no ceiling recorded");
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
