package dev.sequere.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sequere.jdbc.schema.SchemaMigrator;
import dev.sequere.spi.Backend;
import dev.sequere.tck.ExternalServer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * The databases the tests run on: an in-process H2, and the PostgreSQL and MariaDB servers named
 * by {@code SEQUERE_TEST_POSTGRES_URL} / {@code SEQUERE_TEST_MARIADB_URL}, else a Testcontainers
 * container when Docker is available ({@link Containers}), else the test is skipped (failed under
 * {@code CI=true}) with a message saying which variable to set.
 *
 * <p>One HikariCP pool per database per test JVM; every backend gets its own random table
 * prefix and drops only its own tables afterwards, so runs and other modules sharing the
 * servers never see each other.
 */
enum TestDatabase {
    H2(null, "jdbc:h2:mem:sequere_jdbc_tests;DB_CLOSE_DELAY=-1", "H2"),
    POSTGRES("SEQUERE_TEST_POSTGRES_URL", null, "PostgreSQL server"),
    MARIADB("SEQUERE_TEST_MARIADB_URL", null, "MariaDB server");

    private static final Map<TestDatabase, HikariDataSource> POOLS = new EnumMap<>(TestDatabase.class);
    private static final Map<TestDatabase, String> URLS = new EnumMap<>(TestDatabase.class);

    private final String envVar;
    private final String fixedUrl;
    private final String what;

    TestDatabase(String envVar, String fixedUrl, String what) {
        this.envVar = envVar;
        this.fixedUrl = fixedUrl;
        this.what = what;
    }

    /** The shared pool; skips the test (fails under CI) when the server is not configured. */
    synchronized DataSource dataSource() {
        HikariDataSource pool = POOLS.get(this);
        if (pool == null) {
            String url = jdbcUrl();
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(url);
            config.setMaximumPoolSize(16);
            config.setPoolName("sequere-test-" + name().toLowerCase());
            if (this == POSTGRES) {
                // Tests need no durability across a server crash: skipping the WAL flush at each
                // commit (this session only) makes the 100 000-follow load several times faster.
                config.setConnectionInitSql("SET synchronous_commit = off");
            }
            pool = new HikariDataSource(config);
            POOLS.put(this, pool);
            HikariDataSource created = pool;
            Runtime.getRuntime().addShutdownHook(new Thread(created::close));
        }
        return pool;
    }

    /** The database's JDBC URL, for pools of other processes; skips like {@link #dataSource()}. */
    synchronized String jdbcUrl() {
        String url = URLS.get(this);
        if (url == null) {
            url = fixedUrl != null ? fixedUrl
                    : ExternalServer.require(envVar, this == POSTGRES ? Containers::postgres : Containers::mariadb, what);
            URLS.put(this, url);
        }
        return url;
    }

    /** A random prefix no other test or run uses. */
    static String uniquePrefix() {
        return "t" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffffL) + "_";
    }

    /** A fresh backend with its own tables. */
    JdbcBackend newBackend() {
        return JdbcBackend.builder(dataSource()).tablePrefix(uniquePrefix()).build();
    }

    /** A second backend over the same tables, as another application instance would open it. */
    JdbcBackend reopen(Backend backend) {
        return JdbcBackend.builder(dataSource()).tablePrefix(((JdbcBackend) backend).tables().prefix()).build();
    }

    /** Drops the tables of a backend made by {@link #newBackend()}, then closes it. */
    static void dispose(Backend backend) {
        JdbcBackend jdbc = (JdbcBackend) backend;
        for (TestDatabase db : values()) {
            if (POOLS.containsKey(db) && db.dialectName().equals(dialectFamily(jdbc))) {
                new SchemaMigrator(db.dataSource(), jdbc.dialect(), jdbc.tables()).drop();
            }
        }
        backend.close();
    }

    private String dialectName() {
        return switch (this) {
            case H2 -> "h2";
            case POSTGRES -> "postgresql";
            case MARIADB -> "mariadb";
        };
    }

    private static String dialectFamily(JdbcBackend backend) {
        return backend.dialect().name().equals("mysql") ? "mariadb" : backend.dialect().name();
    }
}
