package dev.sequere.benchmarks.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sequere.Ref;
import dev.sequere.jdbc.JdbcBackend;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The database a trial runs on, seeded once and reused by later trials and runs: a project with
 * {@value #BIG} followers ({@code user/u1 .. u1000000}) and one with {@value #FAN} followers
 * ({@code user/f1 ..}). Everything lives under the table prefix {@value #PREFIX}; feeds and the
 * edges the follow benchmark adds are cleared at the start of each trial.
 *
 * <p>PostgreSQL comes from {@code SEQUERE_BENCH_POSTGRES_URL}, else
 * {@code SEQUERE_TEST_POSTGRES_URL}, else the local default; H2 is a file under
 * {@code target/jdbc-bench} so that the million rows are seeded only once.
 */
@State(Scope.Benchmark)
public class JdbcFixture {

    /** Followers of {@link #BIG_PROJECT}. */
    public static final int BIG = 1_000_000;
    /** Followers of {@link #FAN_PROJECT}. */
    public static final int FAN = 100_000;
    /** Table prefix of every benchmark table. */
    public static final String PREFIX = "sqbench_";
    /** The project with a million followers. */
    public static final Ref BIG_PROJECT = Ref.of("project", "big");
    /** The project whose followers receive fan-outs. */
    public static final Ref FAN_PROJECT = Ref.of("project", "fan");

    /**
     * The entry id of the {@code n}th fan-out, for the backend and the baseline alike: one growing
     * sequence of fixed width, so every new entry sorts after all earlier ones, as generated
     * action ids do, and its key rows go to the end of the feed key (entry id first) whichever
     * side writes it.
     *
     * @param n a number from one counter shared by both sides
     * @return the id
     */
    public static String entryId(long n) {
        return String.format(java.util.Locale.ROOT, "p%015d", n);
    }

    /** Which database: {@code h2} or {@code postgresql}. */
    @Param({"h2", "postgresql"})
    public String db = "h2";

    private @Nullable HikariDataSource dataSource;
    private @Nullable JdbcBackend backend;

    /** Connects, creates the tables, seeds them if needed and clears what earlier trials left. */
    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url());
        config.setMaximumPoolSize(8);
        dataSource = new HikariDataSource(config);
        backend = JdbcBackend.builder(dataSource).tablePrefix(PREFIX).build();
        seed(BIG_PROJECT, "u", BIG);
        seed(FAN_PROJECT, "f", FAN);
        // TRUNCATE, not DELETE: every trial starts from an empty, unbloated feed table.
        execute("TRUNCATE TABLE " + PREFIX + "feed_rows");
        execute("DELETE FROM " + PREFIX + "follow_edges WHERE followee_type = 'bench'");
        if (isPostgres()) {
            execute("VACUUM ANALYZE " + PREFIX + "resources");
            execute("VACUUM ANALYZE " + PREFIX + "follow_edges");
            execute("VACUUM ANALYZE " + PREFIX + "feed_rows");
        }
    }

    /** Closes the pool. */
    @TearDown(Level.Trial)
    public void tearDown() {
        if (dataSource != null) {
            dataSource.close();
        }
    }

    /**
     * The backend under test.
     *
     * @return the backend
     */
    public JdbcBackend backend() {
        if (backend == null) {
            throw new IllegalStateException("not set up");
        }
        return backend;
    }

    /**
     * The pool both the backend and the raw baseline use.
     *
     * @return the data source
     */
    public HikariDataSource dataSource() {
        if (dataSource == null) {
            throw new IllegalStateException("not set up");
        }
        return dataSource;
    }

    /**
     * Whether this trial runs on PostgreSQL.
     *
     * @return {@code true} for PostgreSQL, {@code false} for H2
     */
    public boolean isPostgres() {
        return "postgresql".equals(db);
    }

    private String url() {
        if (isPostgres()) {
            String url = System.getenv("SEQUERE_BENCH_POSTGRES_URL");
            if (url == null || url.isBlank()) {
                url = System.getenv("SEQUERE_TEST_POSTGRES_URL");
            }
            return url == null || url.isBlank() ? "jdbc:postgresql://127.0.0.1:5432/test?user=postgres" : url;
        }
        if (!"h2".equals(db)) {
            throw new IllegalArgumentException("db must be h2 or postgresql, was " + db);
        }
        return "jdbc:h2:file:" + Path.of("target", "jdbc-bench", "h2").toAbsolutePath();
    }

    private void seed(Ref project, String idPrefix, int followers) throws SQLException {
        if (backend().follows().count(project, dev.sequere.spi.Direction.FOLLOWERS, null) == followers) {
            return;
        }
        backend().follows().removeAll(project);
        String numbers = isPostgres() ? "generate_series(1, " + followers + ") AS g(n)"
                : "SYSTEM_RANGE(1, " + followers + ") AS g(n)";
        String id = isPostgres() ? "'" + idPrefix + "' || g.n" : "CONCAT('" + idPrefix + "', g.n)";
        // The resources first (insert-if-absent: the users of an earlier, interrupted seed may be
        // there), then the edges between their surrogates.
        String resources = PREFIX + "resources";
        String users = "SELECT 'user', " + id + " FROM " + numbers + " UNION ALL SELECT '" + project.type() + "', '"
                + project.id() + "'";
        execute(isPostgres()
                ? "INSERT INTO " + resources + " (res_type, res_id) " + users + " ON CONFLICT (res_type, res_id) DO NOTHING"
                : "MERGE INTO " + resources + " t USING (" + users + ") s (a, b) ON (t.res_type = s.a AND t.res_id = s.b)"
                        + " WHEN NOT MATCHED THEN INSERT (res_type, res_id) VALUES (s.a, s.b)");
        // Distinct times a microsecond apart, in the past, so listings have a real order.
        execute("INSERT INTO " + PREFIX + "follow_edges (follower_rid, followee_rid, since_us, follower_type, followee_type)"
                + " SELECT u.rid, p.rid, 1700000000000000 + g.n, 'user', '" + project.type() + "' FROM " + numbers
                + " JOIN " + resources + " u ON u.res_type = 'user' AND u.res_id = " + id + " JOIN " + resources
                + " p ON p.res_type = '" + project.type() + "' AND p.res_id = '" + project.id() + "'");
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /**
     * Reads one {@code long} column of one row.
     *
     * @param rs a result set positioned before its first row
     * @return the value, or 0 when there is no row
     * @throws SQLException when reading fails
     */
    static long firstLong(ResultSet rs) throws SQLException {
        return rs.next() ? rs.getLong(1) : 0L;
    }
}
