package dev.sequere.benchmarks.jdbc;

import dev.sequere.Order;
import dev.sequere.Ref;
import dev.sequere.spi.Direction;
import dev.sequere.spi.Edge;
import dev.sequere.spi.EdgeQuery;
import java.sql.SQLException;
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
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Follow-graph operations of the JDBC backend against a raw-JDBC baseline running the same SQL on
 * the same pool, single-threaded (one connection at a time: the figure is the per-call overhead
 * over the database's own cost). Reads hit the project with a million followers.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
// Two long warm-up iterations: random lookups over a million rows must first bring the indexes
// into the database's cache (H2's page cache lives in the forked JVM and starts cold).
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class JdbcFollowBenchmark {

    private static final EdgeQuery FIRST_20 = new EdgeQuery(null, Order.NEWEST_FIRST, null, 20);
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
     * A new edge through the backend.
     *
     * @param fixture the database
     * @return whether it was created
     */
    @Benchmark
    public boolean follow(JdbcFixture fixture) {
        long n = NEXT.incrementAndGet();
        return fixture.backend().follows().follow(Ref.of("user", "w" + n), Ref.of("bench", "b" + (n % 1000)),
                Instant.ofEpochSecond(1_800_000_000L, n * 1000));
    }

    /**
     * A new edge by hand.
     *
     * @param fixture the database
     * @return whether it was created
     * @throws SQLException when the database fails
     */
    @Benchmark
    public boolean rawFollow(JdbcFixture fixture) throws SQLException {
        long n = NEXT.incrementAndGet();
        return raw.follow("user", "r" + n, "bench", "b" + (n % 1000), 1_800_000_000_000_000L + n);
    }

    /**
     * Whether a random user follows the big project, through the backend.
     *
     * @param fixture the database
     * @return the answer
     */
    @Benchmark
    public boolean isFollowing(JdbcFixture fixture) {
        return fixture.backend().follows().exists(randomFollower(), JdbcFixture.BIG_PROJECT);
    }

    /**
     * The same lookup by hand.
     *
     * @return the answer
     * @throws SQLException when the database fails
     */
    @Benchmark
    public boolean rawIsFollowing() throws SQLException {
        Ref user = randomFollower();
        return raw.exists(user.type(), user.id(), JdbcFixture.BIG_PROJECT.type(), JdbcFixture.BIG_PROJECT.id());
    }

    /**
     * The newest 20 of a million followers, through the backend.
     *
     * @param fixture the database
     * @return the page
     */
    @Benchmark
    public List<Edge> followersPage(JdbcFixture fixture) {
        return fixture.backend().follows().page(JdbcFixture.BIG_PROJECT, Direction.FOLLOWERS, FIRST_20);
    }

    /**
     * The same page by hand.
     *
     * @return the page
     * @throws SQLException when the database fails
     */
    @Benchmark
    public List<String> rawFollowersPage() throws SQLException {
        return raw.newestFollowers(JdbcFixture.BIG_PROJECT.type(), JdbcFixture.BIG_PROJECT.id(), 20);
    }

    private static Ref randomFollower() {
        return Ref.of("user", "u" + (1 + ThreadLocalRandom.current().nextInt(JdbcFixture.BIG)));
    }
}
