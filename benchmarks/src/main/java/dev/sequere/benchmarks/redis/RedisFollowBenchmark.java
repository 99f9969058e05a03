package dev.sequere.benchmarks.redis;

import dev.sequere.Order;
import dev.sequere.Ref;
import dev.sequere.spi.Direction;
import dev.sequere.spi.Edge;
import dev.sequere.spi.EdgeQuery;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
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
import redis.clients.jedis.resps.Tuple;

/**
 * Follow-graph operations of the Redis backend beside raw Jedis issuing the same commands, one
 * thread, so each figure is one client's round trips plus the work around them. Reads hit
 * {@code project/big} and its 1 000 000 followers.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
@State(Scope.Benchmark)
public class RedisFollowBenchmark {

    private static final EdgeQuery FIRST_20 = new EdgeQuery(null, Order.NEWEST_FIRST, null, 20);
    private static final EdgeQuery FIRST_20_USERS = new EdgeQuery("user", Order.NEWEST_FIRST, null, 20);
    private static final AtomicLong NEXT = new AtomicLong();

    /**
     * A new edge through the backend (one script, both sides).
     *
     * @param fixture the data
     * @return whether it was created
     */
    @Benchmark
    public boolean follow(RedisFixture fixture) {
        long n = NEXT.incrementAndGet();
        return fixture.backend().follows().follow(Ref.of("user", "w" + n), Ref.of("bench", "b" + (n % 1000)),
                Instant.ofEpochSecond(1_800_000_000L, n * 1000));
    }

    /**
     * A new edge by hand: ZADD NX and the type ZADD on both sides, one pipeline.
     *
     * @param fixture the data
     * @return whether it was created
     */
    @Benchmark
    public boolean rawFollow(RedisFixture fixture) {
        long n = NEXT.incrementAndGet();
        return fixture.raw().follow(Ref.of("user", "r" + n), Ref.of("bench", "b" + (n % 1000)), 1_800_000_000_000_000L + n);
    }

    /**
     * Whether a random user follows the big project, through the backend.
     *
     * @param fixture the data
     * @return the answer
     */
    @Benchmark
    public boolean isFollowing(RedisFixture fixture) {
        return fixture.backend().follows().exists(randomUser(fixture), RedisFixture.BIG);
    }

    /**
     * The same ZSCORE by hand.
     *
     * @param fixture the data
     * @return the answer
     */
    @Benchmark
    public boolean rawIsFollowing(RedisFixture fixture) {
        return fixture.raw().isFollowing(randomUser(fixture), RedisFixture.BIG);
    }

    /**
     * The newest 20 of a million followers of every type, through the backend (one script).
     *
     * @param fixture the data
     * @return the page
     */
    @Benchmark
    public List<Edge> page(RedisFixture fixture) {
        return fixture.backend().follows().page(RedisFixture.BIG, Direction.FOLLOWERS, FIRST_20);
    }

    /**
     * The newest 20 followers of one type (the query {@code ofType(User.class)} makes): one
     * ZREVRANGE, no script.
     *
     * @param fixture the data
     * @return the page
     */
    @Benchmark
    public List<Edge> pageOfType(RedisFixture fixture) {
        return fixture.backend().follows().page(RedisFixture.BIG, Direction.FOLLOWERS, FIRST_20_USERS);
    }

    /**
     * ZREVRANGE 0 19 WITHSCORES by hand.
     *
     * @param fixture the data
     * @return the page
     */
    @Benchmark
    public List<Tuple> rawPage(RedisFixture fixture) {
        return fixture.raw().newestFollowers(RedisFixture.BIG, "user", 20);
    }

    /**
     * Follower count over every type (a script summing ZCARDs).
     *
     * @param fixture the data
     * @return the count
     */
    @Benchmark
    public long count(RedisFixture fixture) {
        return fixture.backend().follows().count(RedisFixture.BIG, Direction.FOLLOWERS, null);
    }

    /**
     * Follower count of one type (one ZCARD).
     *
     * @param fixture the data
     * @return the count
     */
    @Benchmark
    public long countOfType(RedisFixture fixture) {
        return fixture.backend().follows().count(RedisFixture.BIG, Direction.FOLLOWERS, "user");
    }

    /**
     * ZCARD by hand.
     *
     * @param fixture the data
     * @return the count
     */
    @Benchmark
    public long rawCount(RedisFixture fixture) {
        return fixture.raw().followerCount(RedisFixture.BIG, "user");
    }

    private static Ref randomUser(RedisFixture fixture) {
        return Ref.of("user", "u" + (1 + ThreadLocalRandom.current().nextInt(fixture.followers())));
    }
}
