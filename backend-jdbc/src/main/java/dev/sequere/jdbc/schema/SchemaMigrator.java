package dev.sequere.jdbc.schema;

import dev.sequere.BackendException;
import dev.sequere.jdbc.dialect.Dialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Creates or upgrades the backend's tables to the latest {@link Migration}, recording each
 * applied version in the {@code schema_version} table. Every shipped statement is idempotent
 * ({@code IF NOT EXISTS}, insert-if-absent) and runs under a database lock where the database has
 * one, so several processes may start at once and a half-applied script can simply run again.
 */
public final class SchemaMigrator {

    private final DataSource dataSource;
    private final Dialect dialect;
    private final TableNames tables;

    /**
     * Creates a migrator.
     *
     * @param dataSource where the tables live
     * @param dialect which DDL flavour to apply
     * @param tables the table names
     */
    public SchemaMigrator(DataSource dataSource, Dialect dialect, TableNames tables) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.tables = Objects.requireNonNull(tables, "tables");
    }

    /**
     * The newest schema version this library knows.
     *
     * @return the version of the last shipped migration
     */
    public static int latestVersion() {
        return Migration.ALL.get(Migration.ALL.size() - 1).version();
    }

    /**
     * Applies every migration newer than the recorded version.
     *
     * @return the version the tables are at afterwards
     * @throws BackendException when a statement fails or the tables are newer than this library
     */
    public int migrate() {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                @Nullable String lock = dialect.migrationLock(tables.prefix());
                if (lock != null) {
                    execute(c, lock);
                }
                try {
                    // One transaction for the whole upgrade: on PostgreSQL the DDL is
                    // transactional and the advisory lock lasts until the commit.
                    int current = readVersion(c);
                    for (Migration migration : Migration.ALL) {
                        if (migration.version() > current) {
                            for (String statement : migration.statements(dialect.name(), tables)) {
                                execute(c, statement);
                            }
                            current = migration.version();
                        }
                    }
                    c.commit();
                    return current;
                } finally {
                    @Nullable String unlock = dialect.migrationUnlock(tables.prefix());
                    if (unlock != null) {
                        execute(c, unlock);
                        c.commit();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new BackendException("cannot create or migrate the Sequere tables (prefix '" + tables.prefix() + "') on "
                    + dialect + ": " + e.getMessage() + " [SQLState " + e.getSQLState() + "]", e);
        }
    }

    /**
     * Checks that the tables exist at the latest version, for applications that apply the shipped
     * SQL files themselves.
     *
     * @throws BackendException when they are missing or older
     */
    public void verify() {
        int version;
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT MAX(version) FROM " + tables.schemaVersion())) {
            rs.next();
            version = rs.getInt(1);
        } catch (SQLException e) {
            throw new BackendException("the Sequere tables (prefix '" + tables.prefix() + "') are missing: apply "
                    + String.join(", then ", Migration.ALL.stream().map(m -> m.resource(dialect.name())).toList())
                    + " with ${prefix} replaced, or build the backend"
                    + " with createSchema(true) [" + e.getMessage() + "]", e);
        }
        if (version < latestVersion()) {
            throw new BackendException("the Sequere tables (prefix '" + tables.prefix() + "') are at schema version "
                    + version + ", this library needs " + latestVersion() + ": apply the newer scripts under "
                    + "dev/sequere/jdbc/schema/" + dialect.name() + "/ or build the backend with createSchema(true)");
        }
    }

    /**
     * Drops the backend's tables and their rows (uninstalling, tests). Only the tables under this
     * prefix are touched.
     */
    public void drop() {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(true);
            try {
                for (String table : tables.allTables()) {
                    execute(c, "DROP TABLE IF EXISTS " + table);
                }
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new BackendException("cannot drop the Sequere tables (prefix '" + tables.prefix() + "'): "
                    + e.getMessage(), e);
        }
    }

    private int readVersion(Connection c) throws SQLException {
        // The same definition as in every V1 script, so whichever runs first wins harmlessly.
        execute(c, "CREATE TABLE IF NOT EXISTS " + tables.schemaVersion() + " (version INT NOT NULL PRIMARY KEY,"
                + " description VARCHAR(200) NOT NULL, installed_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)");
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT MAX(version) FROM " + tables.schemaVersion())) {
            rs.next();
            int version = rs.getInt(1);
            if (version > latestVersion()) {
                throw new BackendException("the Sequere tables (prefix '" + tables.prefix() + "') are at schema version "
                        + version + ", newer than this library's " + latestVersion() + ": upgrade sequere-backend-jdbc");
            }
            return version;
        }
    }

    private static void execute(Connection c, String statement) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
