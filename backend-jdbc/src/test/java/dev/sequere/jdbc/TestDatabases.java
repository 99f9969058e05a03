package dev.sequere.jdbc;

import dev.sequere.spi.Backend;
import javax.sql.DataSource;

/** Opens {@link TestDatabase} to tests in sub-packages. */
public final class TestDatabases {

    private TestDatabases() {
    }

    /**
     * The shared pool of a test database.
     *
     * @param name {@code H2}, {@code POSTGRES} or {@code MARIADB}
     * @return its data source
     */
    public static DataSource dataSource(String name) {
        return TestDatabase.valueOf(name).dataSource();
    }

    /**
     * A fresh backend with its own tables.
     *
     * @param name the database
     * @return the backend
     */
    public static Backend newBackend(String name) {
        return TestDatabase.valueOf(name).newBackend();
    }

    /**
     * Drops a test backend's tables and closes it.
     *
     * @param backend a backend from {@link #newBackend}
     */
    public static void dispose(Backend backend) {
        TestDatabase.dispose(backend);
    }
}
