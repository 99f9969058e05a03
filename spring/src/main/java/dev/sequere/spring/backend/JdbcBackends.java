package dev.sequere.spring.backend;

import dev.sequere.jdbc.JdbcBackend;
import dev.sequere.spi.Backend;
import javax.sql.DataSource;
import org.springframework.core.env.Environment;

/**
 * Creates the JDBC backend over the context's {@code DataSource}. A class of its own so that
 * {@code JdbcBackend} is only loaded once {@link BackendSelector} has checked that it is on the
 * class path.
 *
 * <p>Options from the environment: {@code sequere.jdbc.table-prefix} (default the backend's
 * {@code sequere_}) and {@code sequere.jdbc.create-schema} (default {@code true}).
 */
final class JdbcBackends {

    static final String CLASS_NAME = "dev.sequere.jdbc.JdbcBackend";

    /** Property naming the table prefix. */
    static final String TABLE_PREFIX = "sequere.jdbc.table-prefix";

    /** Property turning schema creation off when a migration tool owns the DDL. */
    static final String CREATE_SCHEMA = "sequere.jdbc.create-schema";

    private JdbcBackends() {
    }

    static Backend create(Object dataSource, Environment environment) {
        JdbcBackend.Builder builder = JdbcBackend.builder((DataSource) dataSource);
        String prefix = environment.getProperty(TABLE_PREFIX);
        if (prefix != null) {
            builder.tablePrefix(prefix);
        }
        builder.createSchema(environment.getProperty(CREATE_SCHEMA, Boolean.class, true));
        return builder.build();
    }
}
