package dev.sequere.jdbc.hibernate;

import dev.sequere.jdbc.TestDatabases;
import dev.sequere.spi.Backend;
import javax.sql.DataSource;

/** {@link HibernateTypesContract} on Postgres. */
class PostgresHibernateTypesTest extends HibernateTypesContract {

    @Override
    protected DataSource dataSource() {
        return TestDatabases.dataSource("POSTGRES");
    }

    @Override
    protected Backend newBackend() {
        return TestDatabases.newBackend("POSTGRES");
    }

    @Override
    protected void dispose(Backend backend) {
        TestDatabases.dispose(backend);
    }
}
