package dev.sequere.benchmarks.timeline;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sequere.Ref;
import dev.sequere.Sequere;
import dev.sequere.benchmarks.LiveHeap;
import dev.sequere.jdbc.JdbcBackend;
import dev.sequere.jdbc.schema.SchemaMigrator;
import dev.sequere.jdbc.schema.TableNames;
import dev.sequere.memory.MemoryBackend;
import dev.sequere.redis.RedisBackend;
import dev.sequere.spi.Backend;
import dev.sequere.spi.Direction;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * What the timeline benchmarks share: a backend chosen by name ({@code memory}, {@code h2},
 * {@code postgresql}, {@code mariadb}, {@code redis}) in a namespace of its own (random table
 * prefix, random key prefix) that is dropped when closed, a probe of the storage its feeds take,
 * and a {@link Sequere} whose types have loaders (the timeline's pages load actors).
 *
 * <p>Servers: {@code SEQUERE_BENCH_<DB>_URL}, else the tests' {@code SEQUERE_TEST_<DB>_URL}, else
 * the local default (PostgreSQL 5432, MariaDB 3306, Redis 6379).
 */
final class TimelineBench {

    /** Every backend name {@link #open} accepts. */
    static final List<String> BACKENDS = List.of("memory", "h2", "postgresql", "mariadb", "redis");

    private TimelineBench() {
    }

    /** The application's objects: a user, loaded from a map by the loader. */
    record User(String id) {
    }

    /** A project: the fan-out source. */
    record Project(String id) {
    }

    /** Bytes the backend's feeds take, as far as the backend lets us see them. */
    interface StorageProbe {
        /**
         * Measures.
         *
         * @return bytes, or -1 when the backend gives no figure
         * @throws Exception when the measurement fails
         */
        long bytes() throws Exception;

        /**
         * What {@link #bytes()} measures.
         *
         * @return a short description
         */
        String what();
    }

    /**
     * A backend, what deletes its data, its storage probe, and for PostgreSQL its pool (for
     * {@link #seedFollowersFast}).
     */
    record Handle(String name, Backend backend, Runnable cleanup, StorageProbe storage,
            @Nullable DataSource postgres) implements AutoCloseable {

        Handle(String name, Backend backend, Runnable cleanup, StorageProbe storage) {
            this(name, backend, cleanup, storage, null);
        }

        @Override
        public void close() {
            try {
                cleanup.run();
            } finally {
                backend.close();
            }
        }
    }

    static Handle open(String name) {
        switch (name) {
            case "memory":
                return new Handle(name, MemoryBackend.create(), () -> { }, new StorageProbe() {
                    @Override
                    public long bytes() {
                        return LiveHeap.usedAfterGc();
                    }

                    @Override
                    public String what() {
                        return "used heap after GC";
                    }
                });
            case "h2":
                // A private in-memory database: it disappears with the backend.
                return new Handle(name, JdbcBackend.h2InMemory("tl" + UUID.randomUUID().toString().substring(0, 8)),
                        () -> { }, noProbe());
            case "postgresql":
            case "mariadb":
                return openJdbc(name);
            case "redis":
                return openRedis();
            default:
                throw new IllegalArgumentException("unknown backend " + name + ": use one of " + BACKENDS);
        }
    }

    private static Handle openJdbc(String name) {
        boolean postgres = name.equals("postgresql");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres ? url("POSTGRES", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres")
                : url("MARIADB", "jdbc:mariadb://127.0.0.1:3306/test?user=root&password="));
        config.setMaximumPoolSize(8);
        HikariDataSource dataSource = new HikariDataSource(config);
        JdbcBackend backend = JdbcBackend.builder(dataSource)
                .tablePrefix("tlbench_" + UUID.randomUUID().toString().substring(0, 8) + "_").build();
        String feedTable = backend.tables().feedEntries();
        StorageProbe probe = new StorageProbe() {
            @Override
            public long bytes() throws SQLException {
                try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                    if (postgres) {
                        s.execute("VACUUM ANALYZE " + feedTable);
                        try (ResultSet rs = s.executeQuery("SELECT pg_total_relation_size('" + feedTable + "')")) {
                            rs.next();
                            return rs.getLong(1);
                        }
                    }
                    s.execute("ANALYZE TABLE " + feedTable);
                    try (ResultSet rs = s.executeQuery("SELECT data_length + index_length FROM information_schema.tables"
                            + " WHERE table_schema = DATABASE() AND table_name = '" + feedTable + "'")) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }
            }

            @Override
            public String what() {
                return postgres ? "pg_total_relation_size(" + feedTable + ")"
                        : "information_schema data_length + index_length of " + feedTable + " (InnoDB estimate)";
            }
        };
        return new Handle(name, backend, () -> {
            try {
                new SchemaMigrator(dataSource, backend.dialect(), backend.tables()).drop();
            } finally {
                dataSource.close();
            }
        }, probe, postgres ? dataSource : null);
    }

    private static Handle openRedis() {
        String url = url("REDIS", "redis://127.0.0.1:6379");
        String prefix = "sequere-bench:timeline:" + UUID.randomUUID().toString().substring(0, 8) + ":";
        RedisClient client = RedisClient.create(url);
        Backend backend = RedisBackend.builder(client).prefix(prefix).build();
        StorageProbe probe = new StorageProbe() {
            @Override
            public long bytes() {
                for (String line : client.info("memory").split("\r?\n")) {
                    if (line.startsWith("used_memory:")) {
                        return Long.parseLong(line.substring("used_memory:".length()).trim());
                    }
                }
                throw new IllegalStateException("INFO memory has no used_memory");
            }

            @Override
            public String what() {
                return "INFO used_memory (exact on a server of its own: SEQUERE_BENCH_REDIS_URL)";
            }
        };
        return new Handle("redis", backend, () -> {
            clean(url, prefix);
            client.close();
        }, probe);
    }

    private static StorageProbe noProbe() {
        return new StorageProbe() {
            @Override
            public long bytes() {
                return -1;
            }

            @Override
            public String what() {
                return "not measured";
            }
        };
    }

    /** Makes {@code user/u0 .. u<count-1>} follow {@code source} through the SPI, 8 threads. */
    static void seedFollowers(Backend backend, Ref source, int count) throws Exception {
        seedFollowers(backend, source, 0, count);
    }

    /**
     * Makes {@code user/u<first> .. u<first+count-1>} follow {@code source} on 8 threads, follow
     * times one microsecond apart.
     */
    static void seedFollowers(Backend backend, Ref source, int firstUser, int count) throws Exception {
        int threads = 8;
        Instant since = Instant.parse("2026-01-01T00:00:00Z");
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                done.add(pool.submit(() -> {
                    for (int i = first; i < count; i += threads) {
                        backend.follows().follow(user(firstUser + i), source, since.plusNanos(i * 1_000L));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Makes {@code user/u0 .. u<count-1>} follow {@code source}, as {@link #seedFollowers} does
     * (the same ids and follow times), but on PostgreSQL in two set-based statements straight into
     * the backend's tables: 100 000 follows in seconds instead of minutes, which leaves the time of
     * a run to the measurements. Other backends go through {@link #seedFollowers}.
     */
    static void seedFollowersFast(Handle handle, Ref source, int count) throws Exception {
        DataSource dataSource = handle.postgres();
        if (dataSource == null || !(handle.backend() instanceof JdbcBackend jdbc)) {
            seedFollowers(handle.backend(), source, count);
            return;
        }
        TableNames tables = jdbc.tables();
        // since = 2026-01-01T00:00:00Z plus i microseconds, like seedFollowers.
        long sinceUs = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond() * 1_000_000L;
        String numbers = "generate_series(0, " + (count - 1) + ") AS g(n)";
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO " + tables.resources() + " (res_type, res_id) SELECT 'user', 'u' || g.n FROM " + numbers
                    + " UNION ALL SELECT '" + source.type() + "', '" + source.id() + "'"
                    + " ON CONFLICT (res_type, res_id) DO NOTHING");
            s.execute("INSERT INTO " + tables.follows() + " (follower_rid, followee_rid, since_us, follower_type,"
                    + " followee_type) SELECT u.rid, p.rid, " + sinceUs + " + g.n, 'user', '" + source.type() + "' FROM "
                    + numbers + " JOIN " + tables.resources() + " u ON u.res_type = 'user' AND u.res_id = 'u' || g.n"
                    + " JOIN " + tables.resources() + " p ON p.res_type = '" + source.type() + "' AND p.res_id = '"
                    + source.id() + "' ON CONFLICT DO NOTHING");
            // The backend keeps counts in counter rows written with each edge (schema V5); edges
            // written straight into the table are counted here, as the migration's backfill does.
            s.execute("INSERT INTO " + tables.followCounts() + " (rid, direction, slot, n) SELECT p.rid, 0, 7, " + count
                    + " FROM " + tables.resources() + " p WHERE p.res_type = '" + source.type() + "' AND p.res_id = '"
                    + source.id() + "' ON CONFLICT (rid, direction, slot) DO UPDATE SET n = "
                    + tables.followCounts() + ".n + EXCLUDED.n");
            s.execute("INSERT INTO " + tables.followCounts() + " (rid, direction, slot, n) SELECT u.rid, 1, 7, 1 FROM "
                    + numbers + " JOIN " + tables.resources() + " u ON u.res_type = 'user' AND u.res_id = 'u' || g.n"
                    + " ON CONFLICT (rid, direction, slot) DO UPDATE SET n = " + tables.followCounts() + ".n + 1");
            s.execute("ANALYZE " + tables.follows());
        }
        long seen = handle.backend().follows().count(source, Direction.FOLLOWERS, null);
        if (seen != count) {
            throw new IllegalStateException("seeded " + count + " followers, the backend counts " + seen);
        }
    }

    static Sequere sequere(Backend backend, Map<String, User> users) {
        return Sequere.builder()
                .backend(backend)
                .register(User.class, t -> t.type("user").id(User::id).loader(ids -> {
                    List<User> found = new ArrayList<>(ids.size());
                    for (String id : ids) {
                        User user = users.get(id);
                        if (user != null) {
                            found.add(user);
                        }
                    }
                    return found;
                }))
                .register(Project.class, t -> t.type("project").id(Project::id).loader(ids -> List.of()))
                .build();
    }

    static Map<String, User> users(int count) {
        Map<String, User> users = new ConcurrentHashMap<>();
        for (int i = 0; i < count; i++) {
            users.put("u" + i, new User("u" + i));
        }
        return users;
    }

    static Ref user(int i) {
        return new Ref("user", "u" + i);
    }

    private static String url(String db, String fallback) {
        String url = System.getenv("SEQUERE_BENCH_" + db + "_URL");
        if (url == null || url.isBlank()) {
            url = System.getenv("SEQUERE_TEST_" + db + "_URL");
        }
        return url == null || url.isBlank() ? fallback : url.trim();
    }

    private static void clean(String url, String prefix) {
        try (Jedis jedis = new Jedis(java.net.URI.create(url))) {
            ScanParams params = new ScanParams().match(prefix + "*").count(10_000);
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = jedis.scan(cursor, params);
                if (!page.getResult().isEmpty()) {
                    Pipeline pipeline = jedis.pipelined();
                    page.getResult().forEach(pipeline::unlink);
                    pipeline.sync();
                }
                cursor = page.getCursor();
            } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        }
    }
}
