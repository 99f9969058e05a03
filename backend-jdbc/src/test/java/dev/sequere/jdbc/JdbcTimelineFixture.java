package dev.sequere.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sequere.spi.Backend;
import dev.sequere.spi.Capability;
import dev.sequere.spi.FeedStore;
import dev.sequere.spi.FollowStore;
import dev.sequere.spi.JobStore;
import java.util.Set;
import java.util.function.Function;

/**
 * Opens a JDBC backend from {@code "<jdbc url>|<table prefix>"}, with a connection pool of its own
 * that closing the backend closes: what each JVM of the multi-process kit runs on.
 */
public final class JdbcTimelineFixture implements Function<String, Backend> {

    /**
     * The spec of a namespace.
     *
     * @param url the database
     * @param prefix the table prefix
     * @return the spec
     */
    static String spec(String url, String prefix) {
        return url + "|" + prefix;
    }

    @Override
    public Backend apply(String spec) {
        int bar = spec.lastIndexOf('|');
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(spec.substring(0, bar));
        config.setMaximumPoolSize(8);
        HikariDataSource pool = new HikariDataSource(config);
        JdbcBackend backend = JdbcBackend.builder(pool).tablePrefix(spec.substring(bar + 1)).build();
        return new PoolOwner(backend, pool);
    }

    /** The backend, and its pool closed with it. */
    static final class PoolOwner implements Backend {
        private final JdbcBackend backend;
        private final HikariDataSource pool;

        PoolOwner(JdbcBackend backend, HikariDataSource pool) {
            this.backend = backend;
            this.pool = pool;
        }

        JdbcBackend backend() {
            return backend;
        }

        @Override
        public FollowStore follows() {
            return backend.follows();
        }

        @Override
        public FeedStore feeds() {
            return backend.feeds();
        }

        @Override
        public JobStore jobs() {
            return backend.jobs();
        }

        @Override
        public Set<Capability> capabilities() {
            return backend.capabilities();
        }

        @Override
        public long deliver(dev.sequere.Ref source, java.util.List<dev.sequere.spi.Delivery> deliveries) {
            return backend.deliver(source, deliveries);
        }

        @Override
        public long purge(dev.sequere.Ref follower, dev.sequere.Ref source, java.util.Collection<String> entryIds,
                java.util.Collection<String> feedNames) {
            return backend.purge(follower, source, entryIds, feedNames);
        }

        @Override
        public dev.sequere.spi.FanOutStep fanOutStep(dev.sequere.Ref source, java.util.List<String> feedNames,
                dev.sequere.spi.FeedEntry entry, dev.sequere.spi.@org.jspecify.annotations.Nullable Edge after,
                int limit) {
            return backend.fanOutStep(source, feedNames, entry, after, limit);
        }

        @Override
        public long fanOutRemove(dev.sequere.Ref source, String feedName, String entryId, int batchSize) {
            return backend.fanOutRemove(source, feedName, entryId, batchSize);
        }

        @Override
        public long repair() {
            return backend.repair();
        }

        @Override
        public void close() {
            backend.close();
            pool.close();
        }
    }
}
