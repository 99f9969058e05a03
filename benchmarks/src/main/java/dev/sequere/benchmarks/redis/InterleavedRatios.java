package dev.sequere.benchmarks.redis;

import dev.sequere.Order;
import dev.sequere.Ref;
import dev.sequere.benchmarks.Rounds;
import dev.sequere.redis.RedisBackend;
import dev.sequere.redis.KeyLayout;
import dev.sequere.spi.Backend;
import dev.sequere.spi.Direction;
import dev.sequere.spi.EdgeQuery;
import dev.sequere.spi.FeedEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import redis.clients.jedis.RedisClient;

/**
 * Backend/raw ratios measured by alternating the two in short rounds (200 ms each, backend then
 * raw, 15 rounds) and taking the median of the per-round ratios. JMH runs its methods one after
 * the other, so on a machine shared with other work (2 cores, other builds) a load spike lands on
 * whichever method runs then and can swing a ratio by 3x; adjacent rounds see the same load, so
 * the median ratio of interleaved rounds is what survives a busy machine. The JMH figures stay the
 * reference on a quiet one.
 */
final class InterleavedRatios {

    private static final long ROUND_NANOS = 200_000_000L;
    /** Rounds per pair; {@code -Dsequere.bench.rounds=N} runs more on a very busy machine. */
    private static final int ROUNDS = Integer.getInteger("sequere.bench.rounds", 15);
    private static final AtomicLong NEXT = new AtomicLong(1_000_000_000L);

    private InterleavedRatios() {
    }

    static List<String> measure(String prefix, int followers, int fanOut, double zaddCeiling) {
        List<String> lines = new ArrayList<>();
        try (RedisClient client = RedisClient.create(RedisBench.url())) {
            RedisBackend backend = RedisBackend.builder(client).prefix(prefix).build();
            RawRedis raw = new RawRedis(client, KeyLayout.of(prefix));
            EdgeQuery first20 = new EdgeQuery(null, Order.NEWEST_FIRST, null, 20);
            lines.add(pair("follow", () -> {
                long n = NEXT.incrementAndGet();
                return backend.follows().follow(Ref.of("user", "w" + n), Ref.of("bench", "b" + (n % 1000)),
                        Instant.ofEpochSecond(1_800_000_000L, n * 1000)) ? 1 : 0;
            }, () -> {
                long n = NEXT.incrementAndGet();
                return raw.follow(Ref.of("user", "r" + n), Ref.of("bench", "b" + (n % 1000)), 1_800_000_000_000_000L + n) ? 1 : 0;
            }));
            lines.add(pair("isFollowing", () -> backend.follows().exists(user(followers), RedisFixture.BIG) ? 1 : 0,
                    () -> raw.isFollowing(user(followers), RedisFixture.BIG) ? 1 : 0));
            lines.add(pair("page of 20, all", () -> backend.follows().page(RedisFixture.BIG, Direction.FOLLOWERS, first20).size(),
                    () -> raw.newestFollowers(RedisFixture.BIG, "user", 20).size()));
            EdgeQuery first20Users = new EdgeQuery("user", Order.NEWEST_FIRST, null, 20);
            lines.add(pair("page of 20, 1 type", () -> backend.follows().page(RedisFixture.BIG, Direction.FOLLOWERS, first20Users).size(),
                    () -> raw.newestFollowers(RedisFixture.BIG, "user", 20).size()));
            lines.add(pair("count (all types)", () -> backend.follows().count(RedisFixture.BIG, Direction.FOLLOWERS, null),
                    () -> raw.followerCount(RedisFixture.BIG, "user")));
            lines.add(pair("count (one type)", () -> backend.follows().count(RedisFixture.BIG, Direction.FOLLOWERS, "user"),
                    () -> raw.followerCount(RedisFixture.BIG, "user")));
            lines.add(fanOutPair(backend, raw, fanOut, zaddCeiling));
        }
        return lines;
    }

    private static Ref user(int followers) {
        return Ref.of("user", "u" + (1 + ThreadLocalRandom.current().nextInt(followers)));
    }

    private static String pair(String name, LongSupplier backend, LongSupplier raw) {
        run(backend, ROUND_NANOS * 5);
        run(raw, ROUND_NANOS * 5);
        double[] ratios = new double[ROUNDS];
        double backendOps = 0;
        double rawOps = 0;
        for (int i = 0; i < ROUNDS; i++) {
            double b = run(backend, ROUND_NANOS);
            double r = run(raw, ROUND_NANOS);
            ratios[i] = b / r;
            backendOps += b;
            rawOps += r;
        }
        return String.format("%-18s backend %,9.0f ops/s, raw %,9.0f ops/s: median ratio %.2fx", name,
                backendOps / ROUNDS, rawOps / ROUNDS, Rounds.median(ratios));
    }

    private static String fanOutPair(RedisBackend backend, RawRedis raw, int followers, double zaddCeiling) {
        double[] ratios = new double[7];
        double[] backendMs = new double[ratios.length];
        double[] rawMs = new double[ratios.length];
        for (int i = -2; i < ratios.length; i++) {
            long n = NEXT.incrementAndGet();
            long t0 = System.nanoTime();
            backend.fanOut(RedisFixture.FAN, "ab", new FeedEntry("e" + n, n), Backend.DEFAULT_FAN_OUT_BATCH);
            long t1 = System.nanoTime();
            raw.fanOut(RedisFixture.FAN, "user", "ab", "r" + n, n, Backend.DEFAULT_FAN_OUT_BATCH);
            long t2 = System.nanoTime();
            if (i >= 0) {
                backendMs[i] = (t1 - t0) / 1e6;
                rawMs[i] = (t2 - t1) / 1e6;
                ratios[i] = rawMs[i] / backendMs[i];
            }
        }
        double ms = Rounds.median(backendMs);
        double deliveries = followers / (ms / 1000);
        String line = String.format("%-18s backend %.1f ms (%,.0f deliveries/s), raw %.1f ms: median ratio %.2fx",
                "fanOut " + followers, ms, deliveries, Rounds.median(rawMs), Rounds.median(ratios));
        if (zaddCeiling > 0) {
            line += String.format("; %.0f%% of the redis-benchmark ZADD ceiling (%,.0f/s, same server, same run)",
                    100 * deliveries / zaddCeiling, zaddCeiling);
        }
        return line;
    }

    private static double run(LongSupplier op, long nanos) {
        long start = System.nanoTime();
        long end = start + nanos;
        long ops = 0;
        long sink = 0;
        long now;
        do {
            sink += op.getAsLong();
            ops++;
            now = System.nanoTime();
        } while (now < end);
        if (sink == Long.MIN_VALUE) {
            System.out.print("");
        }
        return ops / ((now - start) / 1e9);
    }
}
