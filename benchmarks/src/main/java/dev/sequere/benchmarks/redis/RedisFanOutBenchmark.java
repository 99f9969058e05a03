package dev.sequere.benchmarks.redis;

import dev.sequere.spi.Backend;
import dev.sequere.spi.FeedEntry;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Fan-out of one new entry to the feeds of {@code project/fan}'s 100 000 followers: the backend's
 * {@link Backend#fanOut} (on a single server: one script per chunk of followers, run by Redis)
 * beside what an application would write by hand with Jedis, ZSCAN + pipelined ZADD NX. Each operation
 * delivers a new entry id, so every delivery is real; deliveries per second = followers / time.
 * Single shots, a fixed number per method, so that both methods see feeds of the same small
 * size (a timed loop would grow them past the compact listpack encoding at a different pace).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@State(Scope.Benchmark)
public class RedisFanOutBenchmark {

    private static final AtomicLong NEXT = new AtomicLong();

    /**
     * One entry to every follower's feed through the backend.
     *
     * @param fixture the data
     * @return feeds that received it
     */
    @Benchmark
    public long fanOut(RedisFixture fixture) {
        long n = NEXT.incrementAndGet();
        return fixture.backend().fanOut(RedisFixture.FAN, "bench", new FeedEntry("e" + n, n), Backend.DEFAULT_FAN_OUT_BATCH);
    }

    /**
     * The same by hand.
     *
     * @param fixture the data
     * @return feeds that received it
     */
    @Benchmark
    public long rawFanOut(RedisFixture fixture) {
        long n = NEXT.incrementAndGet();
        return fixture.raw().fanOut(RedisFixture.FAN, "user", "bench", "r" + n, n, Backend.DEFAULT_FAN_OUT_BATCH);
    }
}
