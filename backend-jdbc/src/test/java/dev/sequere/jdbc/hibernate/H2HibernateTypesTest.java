package dev.sequere.jdbc.hibernate;

import dev.sequere.jdbc.TestDatabases;
import dev.sequere.spi.Backend;
import javax.sql.DataSource;

/** {@link HibernateTypesContract} on H2. */
class H2HibernateTypesTest extends HibernateTypesContract {

    @Override
    protected DataSource dataSource() {
        return TestDatabases.dataSource("H2");
    }

    @Override
    protected Backend newBackend() {
        return TestDatabases.newBackend("H2");
    }

    @Override
    protected void dispose(Backend backend) {
        TestDatabases.dispose(backend);
    }
}
