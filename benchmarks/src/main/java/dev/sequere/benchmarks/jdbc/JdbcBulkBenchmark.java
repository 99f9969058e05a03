package dev.sequere.benchmarks.jdbc;

import dev.sequere.spi.Direction;
import dev.sequere.spi.FeedEntry;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The heavy operations: the exact count of a million followers, and the fan-out of one entry to
 * the feeds of {@value JdbcFixture#FAN} followers (deliveries per second = FAN / time per op),
 * each beside the same SQL by hand.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 5, time = 3)
@State(Scope.Benchmark)
public class JdbcBulkBenchmark {

    private static final AtomicLong NEXT = new AtomicLong();

    private RawJdbc raw;

    /**
     * Builds the baseline on the fixture's pool.
     *
     * @param fixture the seeded database
     */
    @Setup
    public void setUp(JdbcFixture fixture) {
        raw = new RawJdbc(fixture.dataSource(), fixture.isPostgres());
    }

    /**
     * Exact follower count of the big project, through the backend.
     *
     * @param fixture the database
     * @return the count
     */
    @Benchmark
    public long count(JdbcFixture fixture) {
        return fixture.backend().follows().count(JdbcFixture.BIG_PROJECT, Direction.FOLLOWERS, null);
    }

    /**
     * The same count by hand.
     *
     * @return the count
     * @throws SQLException when the database fails
     */
    @Benchmark
    public long rawCount() throws SQLException {
        return raw.countFollowers(JdbcFixture.BIG_PROJECT.type(), JdbcFixture.BIG_PROJECT.id());
    }

    /**
     * One new entry into the feeds of every follower of the fan project, through the backend.
     *
     * @param fixture the database
     * @return feeds written
     */
    @Benchmark
    public long fanOut(JdbcFixture fixture) {
        long n = NEXT.incrementAndGet();
        return fixture.backend().fanOut(JdbcFixture.FAN_PROJECT, "private", new FeedEntry(JdbcFixture.entryId(n), n), 1_000);
    }

    /**
     * The same fan-out by hand.
     *
     * @return feeds written
     * @throws SQLException when the database fails
     */
    @Benchmark
    public long rawFanOut() throws SQLException {
        long n = NEXT.incrementAndGet();
        return raw.fanOut(JdbcFixture.FAN_PROJECT.type(), JdbcFixture.FAN_PROJECT.id(), "private", JdbcFixture.entryId(n), n);
    }
}
