package dev.sequere.jdbc;

import dev.sequere.InvalidArgumentException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The embedded default: an H2 database with H2's own small connection pool. Kept apart from
 * {@link JdbcBackend} (which only sees a {@link DataSource} and a close action) so that
 * applications on another database need no H2 on the class path.
 */
final class EmbeddedH2 {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");
    private static final int MAX_CONNECTIONS = 16;

    private EmbeddedH2() {
    }

    static Embedded inMemory(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidArgumentException("in-memory database name '" + name
                    + "' is invalid: use 1 to 64 characters among A-Z, a-z, 0-9 and '_'");
        }
        // DB_CLOSE_DELAY=-1 keeps the database while no connection is open; close() shuts it down.
        return pool("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    }

    static Embedded file(Path path) {
        if (path == null) {
            throw new InvalidArgumentException("path must not be null");
        }
        String location = path.toAbsolutePath().toString();
        if (location.contains(";")) {
            throw new InvalidArgumentException("H2 database path '" + location + "' must not contain ';'");
        }
        return pool("jdbc:h2:file:" + location);
    }

    private static Embedded pool(String url) {
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
        pool.setMaxConnections(MAX_CONNECTIONS);
        return new Embedded(pool, () -> shutdown(pool));
    }

    private static void shutdown(JdbcConnectionPool pool) {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            // Releases an in-memory database and flushes a file database.
            s.execute("SHUTDOWN");
        } catch (SQLException e) {
            // Already shut down: nothing left to release.
        } finally {
            pool.dispose();
        }
    }

    /** A data source the backend owns, and how to release it. */
    record Embedded(DataSource dataSource, Runnable close) {
    }
}
