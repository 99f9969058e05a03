package dev.sequere.boot.backend;

import dev.sequere.boot.SequereProperties;
import dev.sequere.jdbc.JdbcBackend;
import dev.sequere.spi.Backend;
import javax.sql.DataSource;

/**
 * Builds the JDBC backend. A class of its own so that {@code JdbcBackend} is loaded only once
 * {@link BackendChooser} has checked that it is on the class path.
 */
final class JdbcBackends {

    static final String CLASS_NAME = "dev.sequere.jdbc.JdbcBackend";

    private JdbcBackends() {
    }

    static Backend create(Object dataSource, SequereProperties.Jdbc options) {
        return JdbcBackend.builder((DataSource) dataSource)
                .tablePrefix(options.getTablePrefix())
                .createSchema(options.isCreateSchema())
                .build();
    }
}
