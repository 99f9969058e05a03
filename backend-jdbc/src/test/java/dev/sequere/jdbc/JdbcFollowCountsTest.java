package dev.sequere.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sequere.Order;
import dev.sequere.Ref;
import dev.sequere.jdbc.dialect.Dialect;
import dev.sequere.jdbc.schema.Migration;
import dev.sequere.jdbc.schema.TableNames;
import dev.sequere.spi.Direction;
import dev.sequere.spi.EdgeQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Counter rows (schema version 5): O(1) follower and following counts that never drift. */
class JdbcFollowCountsTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void countersNeverDriftUnderConcurrentFollowsUnfollowsAndForgets(TestDatabase db) throws Exception {
        JdbcBackend first = db.newBackend();
        JdbcBackend second = db.reopen(first);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Ref> resources = new ArrayList<>();
            resources.add(Ref.of("project", "hot"));
            for (int i = 0; i < 12; i++) {
                resources.add(Ref.of("user", "u" + i));
            }
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Callable<Void>> load = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                JdbcBackend backend = t % 2 == 0 ? first : second;
                load.add(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int n = 0; n < 250; n++) {
                        Ref a = resources.get(1 + random.nextInt(resources.size() - 1));
                        // Half of the writes hit the hot resource, as its followers do.
                        Ref b = random.nextBoolean() ? resources.get(0) : resources.get(random.nextInt(resources.size()));
                        int dice = random.nextInt(100);
                        if (dice < 2) {
                            backend.follows().removeAll(b);
                        } else if (dice < 55) {
                            backend.follows().follow(a, b, T0.plusSeconds(random.nextInt(5)));
                        } else {
                            backend.follows().unfollow(a, b);
                        }
                    }
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(load)) {
                f.get();
            }
            assertCountsMatchEdges(db, first, resources);
        } finally {
            pool.shutdownNow();
            second.close();
            TestDatabase.dispose(first);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void edgesOfVersion4TablesAreCountedByTheMigration(TestDatabase db) throws Exception {
        TableNames tables = new TableNames(TestDatabase.uniquePrefix());
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            String dialect = Dialect.detect(c).name();
            for (Migration migration : Migration.ALL.subList(0, 4)) {
                for (String statement : migration.statements(dialect, tables)) {
                    s.execute(statement);
                }
            }
            s.execute("INSERT INTO " + tables.resources() + " (res_type, res_id) VALUES ('user', 'a'), ('user', 'b'),"
                    + " ('user', 'c'), ('project', 'p')");
            s.execute("INSERT INTO " + tables.follows() + " (follower_rid, followee_rid, since_us, follower_type,"
                    + " followee_type) SELECT a.rid, b.rid, 1, a.res_type, b.res_type FROM " + tables.resources() + " a, "
                    + tables.resources() + " b WHERE a.res_type = 'user' AND (b.res_type = 'project' OR b.res_id = 'a')");
        }
        JdbcBackend upgraded = JdbcBackend.builder(db.dataSource()).tablePrefix(tables.prefix()).build();
        try {
            Ref p = Ref.of("project", "p");
            Ref a = Ref.of("user", "a");
            assertThat(upgraded.follows().count(p, Direction.FOLLOWERS, null)).isEqualTo(3);
            assertThat(upgraded.follows().count(a, Direction.FOLLOWERS, null)).isEqualTo(3);
            assertThat(upgraded.follows().count(a, Direction.FOLLOWINGS, null)).isEqualTo(2);
            assertThat(upgraded.follows().unfollow(Ref.of("user", "b"), p)).isTrue();
            assertThat(upgraded.follows().count(p, Direction.FOLLOWERS, null)).isEqualTo(2);
            assertThat(upgraded.follows().removeAll(a)).isEqualTo(4);
            assertCountsMatchEdges(TestDatabase.valueOf(db.name()), upgraded,
                    List.of(p, a, Ref.of("user", "b"), Ref.of("user", "c")));
        } finally {
            TestDatabase.dispose(upgraded);
        }
    }

    /** Every count equals the edges' {@code COUNT(*)} and the listing's size. */
    private static void assertCountsMatchEdges(TestDatabase db, JdbcBackend backend, List<Ref> resources) throws Exception {
        TableNames t = backend.tables();
        try (Connection c = db.dataSource().getConnection()) {
            for (Ref r : resources) {
                for (Direction d : List.of(Direction.FOLLOWERS, Direction.FOLLOWINGS)) {
                    String side = d == Direction.FOLLOWERS ? "followee_rid" : "follower_rid";
                    long exact;
                    try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM " + t.follows() + " WHERE " + side
                            + " = " + t.rid())) {
                        s.setString(1, r.type());
                        s.setString(2, r.id());
                        try (ResultSet rs = s.executeQuery()) {
                            rs.next();
                            exact = rs.getLong(1);
                        }
                    }
                    assertThat(backend.follows().count(r, d, null)).as(r + " " + d).isEqualTo(exact);
                    assertThat(backend.follows().page(r, d, new EdgeQuery(null, Order.NEWEST_FIRST, null, 1_000)))
                            .as(r + " " + d).hasSize((int) exact);
                }
            }
        }
    }
}
