package dev.sequere.jdbc;

import dev.sequere.spi.Backend;
import dev.sequere.timeline.tck.MultiProcessTimelineContract;
import java.util.function.Function;

/** The multi-process timeline kit on MariaDB: three JVMs, SIGKILLed fan-outs. */
class MariaDbMultiProcessTimelineTest extends MultiProcessTimelineContract {

    @Override
    protected Class<? extends Function<String, Backend>> backendFactory() {
        return JdbcTimelineFixture.class;
    }

    @Override
    protected String newNamespace() {
        return JdbcTimelineFixture.spec(TestDatabase.MARIADB.jdbcUrl(), TestDatabase.uniquePrefix());
    }

    @Override
    protected void dropNamespace(Backend backend) {
        JdbcBackend jdbc = ((JdbcTimelineFixture.PoolOwner) backend).backend();
        new dev.sequere.jdbc.schema.SchemaMigrator(TestDatabase.MARIADB.dataSource(), jdbc.dialect(), jdbc.tables())
                .drop();
    }
}
