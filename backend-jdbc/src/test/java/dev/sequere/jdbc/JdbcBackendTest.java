package dev.sequere.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sequere.BackendException;
import dev.sequere.InvalidArgumentException;
import dev.sequere.InvalidRefException;
import dev.sequere.Order;
import dev.sequere.Ref;
import dev.sequere.jdbc.schema.Migration;
import dev.sequere.jdbc.schema.SchemaMigrator;
import dev.sequere.jdbc.schema.TableNames;
import dev.sequere.spi.Capability;
import dev.sequere.spi.Direction;
import dev.sequere.spi.Edge;
import dev.sequere.spi.EdgeQuery;
import dev.sequere.spi.FeedEntry;
import dev.sequere.spi.FeedKey;
import dev.sequere.spi.FeedQuery;
import java.sql.Connection;
import java.sql.SQLException;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What the conformance kit cannot know about: schema, prefixes, SQL-looking ids, transactions. */
class JdbcBackendTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00.000001Z");
    private static final Ref USER = Ref.of("user", "u1");

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void schemaCreationIsIdempotentAndKeepsData(TestDatabase db) {
        String prefix = TestDatabase.uniquePrefix();
        JdbcBackend first = JdbcBackend.builder(db.dataSource()).tablePrefix(prefix).build();
        try {
            first.follows().follow(USER, Ref.of("project", "p"), T0);
            // A second start (another process, a restart) migrates nothing and loses nothing.
            JdbcBackend second = JdbcBackend.builder(db.dataSource()).tablePrefix(prefix).build();
            assertThat(second.follows().exists(USER, Ref.of("project", "p"))).isTrue();
            assertThat(new SchemaMigrator(db.dataSource(), second.dialect(), second.tables()).migrate())
                    .isEqualTo(SchemaMigrator.latestVersion());
            // Applications that apply the shipped SQL themselves: build() only verifies.
            JdbcBackend verified = JdbcBackend.builder(db.dataSource()).tablePrefix(prefix).createSchema(false).build();
            assertThat(verified.follows().count(Ref.of("project", "p"), Direction.FOLLOWERS, null)).isEqualTo(1);
        } finally {
            TestDatabase.dispose(first);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void missingTablesAreReportedWhenSchemaCreationIsOff(TestDatabase db) {
        assertThatThrownBy(() -> JdbcBackend.builder(db.dataSource()).tablePrefix(TestDatabase.uniquePrefix())
                .createSchema(false).build())
                .isInstanceOf(BackendException.class).hasMessageContaining("missing").hasMessageContaining("V1__sequere.sql");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void version1TablesAreConvertedWithTheirData(TestDatabase db) throws Exception {
        // Tables a release with schema version 1 created, holding rows it wrote (tricky ids included).
        TableNames tables = new TableNames(TestDatabase.uniquePrefix());
        String tricky = "o'Brien \"x\"; DROP TABLE t --";
        Ref quoted = Ref.of("user", tricky);
        Ref project = Ref.of("project", "p");
        long micros = T0.getEpochSecond() * 1_000_000L + T0.getNano() / 1_000;
        try (Connection c = db.dataSource().getConnection()) {
            applyByHand(c, Migration.ALL.subList(0, 1), tables);
            try (var insert = c.prepareStatement("INSERT INTO " + tables.prefix() + "follows (follower_type, follower_id,"
                    + " followee_type, followee_id, since_us) VALUES (?, ?, ?, ?, ?)")) {
                for (Ref follower : List.of(USER, quoted, project)) {
                    insert.setString(1, follower.type());
                    insert.setString(2, follower.id());
                    insert.setString(3, follower.equals(project) ? USER.type() : project.type());
                    insert.setString(4, follower.equals(project) ? USER.id() : project.id());
                    insert.setLong(5, micros);
                    insert.executeUpdate();
                }
            }
            try (var insert = c.prepareStatement("INSERT INTO " + tables.prefix() + "feed_entries (owner_type, owner_id,"
                    + " feed_name, entry_id, score) VALUES (?, ?, ?, ?, ?)")) {
                for (Ref owner : List.of(USER, quoted)) {
                    insert.setString(1, owner.type());
                    insert.setString(2, owner.id());
                    insert.setString(3, "private");
                    insert.setString(4, "e'1");
                    insert.setLong(5, 7);
                    insert.executeUpdate();
                }
            }
        }
        JdbcBackend upgraded = JdbcBackend.builder(db.dataSource()).tablePrefix(tables.prefix()).build();
        try {
            assertThat(upgraded.follows().count(project, Direction.FOLLOWERS, null)).isEqualTo(2);
            assertThat(upgraded.follows().since(quoted, project)).contains(T0);
            assertThat(upgraded.follows().page(USER, Direction.FRIENDS, new EdgeQuery(null, Order.NEWEST_FIRST, null, 10)))
                    .extracting(Edge::ref).containsExactly(project);
            assertThat(upgraded.feeds().page(new FeedKey(quoted, "private"), FeedQuery.first(10)))
                    .containsExactly(new FeedEntry("e'1", 7));
            assertThat(upgraded.feeds().count(new FeedKey(USER, "private"))).isEqualTo(1);
            // The converted graph takes new writes like any other.
            assertThat(upgraded.follows().follow(quoted, project, T0)).isFalse();
            assertThat(upgraded.fanOut(project, "private", new FeedEntry("e2", 8), 10)).isEqualTo(2);
            assertThat(upgraded.feeds().count(new FeedKey(quoted, "private"))).isEqualTo(2);
            // The version-1 tables are gone.
            try (Connection c = db.dataSource().getConnection(); var s = c.createStatement()) {
                assertThatThrownBy(() -> s.executeQuery("SELECT COUNT(*) FROM " + tables.prefix() + "follows").close())
                        .isInstanceOf(java.sql.SQLException.class);
            }
        } finally {
            TestDatabase.dispose(upgraded);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void version2FeedKeyIsSwappedWithItsRows(TestDatabase db) throws Exception {
        // Tables a release with schema version 2 created: feed rows keyed (owner, feed, entry).
        TableNames tables = new TableNames(TestDatabase.uniquePrefix());
        Ref quoted = Ref.of("user", "o'Brien; --");
        try (Connection c = db.dataSource().getConnection(); var s = c.createStatement()) {
            applyByHand(c, Migration.ALL.subList(0, 2), tables);
            assertThat(primaryKey(c, tables.feedEntries())).containsExactly("owner_rid", "feed_name", "entry_id");
            s.execute("INSERT INTO " + tables.resources() + " (res_type, res_id) VALUES ('user', 'u1'), ('user', 'o''Brien; --')");
            s.execute("INSERT INTO " + tables.feedEntries() + " (owner_rid, feed_name, entry_id, score)"
                    + " SELECT rid, 'private', 'e''1', 7 FROM " + tables.resources()
                    + " UNION ALL SELECT rid, 'private', 'e2', 9 FROM " + tables.resources() + " WHERE res_id = 'u1'");
        }
        JdbcBackend upgraded = JdbcBackend.builder(db.dataSource()).tablePrefix(tables.prefix()).build();
        try {
            try (Connection c = db.dataSource().getConnection()) {
                assertThat(primaryKey(c, tables.feedEntries())).containsExactly("entry_id", "owner_rid", "feed_name");
            }
            assertThat(upgraded.feeds().page(new FeedKey(USER, "private"), FeedQuery.first(10)))
                    .containsExactly(new FeedEntry("e2", 9), new FeedEntry("e'1", 7));
            assertThat(upgraded.feeds().page(new FeedKey(quoted, "private"), FeedQuery.first(10)))
                    .containsExactly(new FeedEntry("e'1", 7));
            // The swapped key still makes a second delivery of an entry a no-op, on every path.
            assertThat(upgraded.feeds().add(new FeedEntry("e'1", 8), List.of(new FeedKey(USER, "private"),
                    new FeedKey(quoted, "other")))).isEqualTo(1);
            assertThat(upgraded.feeds().score(new FeedKey(USER, "private"), "e'1")).hasValue(7);
            upgraded.follows().follow(USER, quoted, T0);
            assertThat(upgraded.fanOut(quoted, "private", new FeedEntry("e2", 10), 10)).isZero();
            assertThat(upgraded.fanOut(quoted, "private", new FeedEntry("e3", 10), 10)).isEqualTo(1);
            assertThat(upgraded.feeds().count(new FeedKey(USER, "private"))).isEqualTo(3);
            assertThat(upgraded.feeds().remove("e'1", List.of(new FeedKey(USER, "private"), new FeedKey(quoted, "private"))))
                    .isEqualTo(2);
        } finally {
            TestDatabase.dispose(upgraded);
        }
    }

    /** Runs shipped scripts by hand, as a team that manages its own schema would. */
    private static void applyByHand(Connection c, List<Migration> migrations, TableNames tables) throws SQLException {
        String dialect = dev.sequere.jdbc.dialect.Dialect.detect(c).name();
        try (var s = c.createStatement()) {
            for (Migration migration : migrations) {
                for (String statement : migration.statements(dialect, tables)) {
                    s.execute(statement);
                }
            }
        }
    }

    /** The primary key's columns of a table, in key order, lower case. */
    private static List<String> primaryKey(Connection c, String table) throws SQLException {
        var meta = c.getMetaData();
        for (String name : List.of(table, table.toUpperCase(java.util.Locale.ROOT))) {
            java.util.TreeMap<Short, String> columns = new java.util.TreeMap<>();
            try (var rs = meta.getPrimaryKeys(c.getCatalog(), null, name)) {
                while (rs.next()) {
                    columns.put(rs.getShort("KEY_SEQ"), rs.getString("COLUMN_NAME").toLowerCase(java.util.Locale.ROOT));
                }
            }
            if (!columns.isEmpty()) {
                return List.copyOf(columns.values());
            }
        }
        throw new AssertionError("no primary key found for " + table);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void shippedScriptAppliedByHandIsAcceptedWithoutSchemaCreation(TestDatabase db) throws Exception {
        TableNames tables = new TableNames(TestDatabase.uniquePrefix());
        try (Connection c = db.dataSource().getConnection()) {
            applyByHand(c, Migration.ALL, tables);
        }
        JdbcBackend byHand = JdbcBackend.builder(db.dataSource()).tablePrefix(tables.prefix()).createSchema(false).build();
        try {
            assertThat(byHand.follows().follow(USER, Ref.of("project", "p"), T0)).isTrue();
        } finally {
            TestDatabase.dispose(byHand);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void prefixesIsolateApplicationsSharingADatabase(TestDatabase db) {
        JdbcBackend a = db.newBackend();
        JdbcBackend b = db.newBackend();
        try {
            Ref project = Ref.of("project", "shared");
            a.follows().follow(USER, project, T0);
            a.feeds().add(new FeedEntry("e", 1), List.of(new FeedKey(USER, "private")));
            assertThat(b.follows().exists(USER, project)).isFalse();
            assertThat(b.follows().count(project, Direction.FOLLOWERS, null)).isZero();
            assertThat(b.feeds().count(new FeedKey(USER, "private"))).isZero();
            assertThat(b.follows().removeAll(USER)).isZero();
            assertThat(a.follows().exists(USER, project)).isTrue();
        } finally {
            TestDatabase.dispose(a);
            TestDatabase.dispose(b);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void sqlLookingIdsRoundTripAndNeverCollide(TestDatabase db) {
        JdbcBackend backend = db.newBackend();
        try {
            String emoji = "\uD83D\uDE00";
            List<String> ids = List.of("'", "''", "a'; DROP TABLE x; --", "--", ";", "%", "_", "a%", "a_", "\\", "\\'",
                    "\"", "a", "a ", " a", "A", "e", "\u00e9", "e\u0301", "back\\slash\\\\n",
                    emoji.repeat(127) + "x", "x".repeat(255), "1:followers", "{1}", "\u4e2d\u6587");
            Instant t = T0;
            for (String id : ids) {
                t = t.plusNanos(1_000);
                assertThat(backend.follows().follow(USER, Ref.of("project", id), t)).as(id).isTrue();
            }
            assertThat(backend.follows().count(USER, Direction.FOLLOWINGS, "project")).isEqualTo(ids.size());
            List<Edge> page = backend.follows().page(USER, Direction.FOLLOWINGS, new EdgeQuery(null, Order.OLDEST_FIRST,
                    null, 100));
            assertThat(page).extracting(e -> e.ref().id()).containsExactlyElementsOf(ids);
            for (String id : ids) {
                assertThat(backend.follows().since(USER, Ref.of("project", id))).as(id).isPresent();
                FeedKey feed = new FeedKey(Ref.of("user", id), "private");
                assertThat(backend.feeds().add(new FeedEntry(id, 5), List.of(feed))).as(id).isEqualTo(1);
                assertThat(backend.feeds().putItem(id, id + " body")).as(id).isTrue();
            }
            for (String id : ids) {
                FeedKey feed = new FeedKey(Ref.of("user", id), "private");
                assertThat(backend.feeds().page(feed, FeedQuery.first(10))).as(id).extracting(FeedEntry::id).containsExactly(id);
            }
            assertThat(backend.feeds().items(ids)).hasSize(ids.size()).allSatisfy((id, body) -> assertThat(body).isEqualTo(id + " body"));
            // Trailing spaces, case and accents are distinct ids (binary, no-pad collations).
            assertThat(backend.follows().unfollow(USER, Ref.of("project", "a "))).isTrue();
            assertThat(backend.follows().exists(USER, Ref.of("project", "a"))).isTrue();
            assertThat(backend.follows().exists(USER, Ref.of("project", "A"))).isTrue();
        } finally {
            TestDatabase.dispose(backend);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void badInputIsRejectedBeforeAnyConnectionIsTaken(TestDatabase db) {
        CountingDataSource counting = new CountingDataSource(db.dataSource());
        JdbcBackend backend = JdbcBackend.builder(counting).tablePrefix(TestDatabase.uniquePrefix()).build();
        try {
            int before = counting.connections();
            FeedKey feed = new FeedKey(USER, "private");
            assertThatThrownBy(() -> backend.feeds().putItem("x".repeat(256), "b")).isInstanceOf(InvalidRefException.class);
            assertThatThrownBy(() -> backend.feeds().putItem("i", "\u00e9".repeat(40_000)))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("UTF-8 bytes");
            assertThatThrownBy(() -> backend.feeds().removeEntries(feed, List.of("ok", "y".repeat(300))))
                    .isInstanceOf(InvalidRefException.class);
            assertThatThrownBy(() -> backend.feeds().items(java.util.Arrays.asList("a", null)))
                    .isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> backend.follows().follow(USER, null, T0)).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> backend.follows().follow(USER, USER, Instant.MAX)).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> backend.feeds().trim(feed, -1)).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> backend.fanOut(USER, "Bad Name", new FeedEntry("e", 1), 10))
                    .isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> backend.fanOut(USER, "private", new FeedEntry("e", 1), 0))
                    .isInstanceOf(InvalidArgumentException.class);
            assertThat(counting.connections()).isEqualTo(before);
        } finally {
            TestDatabase.dispose(backend);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void followJoinsTheApplicationsTransaction(TestDatabase db) throws Exception {
        CountingDataSource transactional = new CountingDataSource(db.dataSource());
        JdbcBackend backend = JdbcBackend.builder(transactional).tablePrefix(TestDatabase.uniquePrefix()).build();
        Ref project = Ref.of("project", "p");
        try (Connection tx = db.dataSource().getConnection()) {
            tx.setAutoCommit(false);
            transactional.bind(tx);
            assertThat(backend.follows().follow(USER, project, T0)).isTrue();
            assertThat(backend.follows().removeAll(Ref.of("user", "nobody"))).isZero();
            tx.rollback();
            assertThat(backend.follows().exists(USER, project)).isFalse();
            assertThat(backend.follows().follow(USER, project, T0)).isTrue();
            tx.commit();
            transactional.unbind();
            tx.setAutoCommit(true);
            assertThat(backend.follows().exists(USER, project)).isTrue();
        } finally {
            transactional.unbind();
            TestDatabase.dispose(backend);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void racingFollowsAndUnfollowsOfOnePairSeeExactlyOneWinnerPerChange(TestDatabase db) throws Exception {
        JdbcBackend backend = db.newBackend();
        int threads = 12;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            Ref project = Ref.of("project", "hot");
            for (int round = 0; round < 10; round++) {
                CyclicBarrier start = new CyclicBarrier(threads);
                boolean following = round % 2 == 0;
                List<Callable<Boolean>> calls = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    calls.add(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        return following ? backend.follows().follow(USER, project, T0)
                                : backend.follows().unfollow(USER, project);
                    });
                }
                int winners = 0;
                for (Future<Boolean> f : pool.invokeAll(calls)) {
                    winners += f.get() ? 1 : 0;
                }
                assertThat(winners).as("round " + round).isEqualTo(1);
                assertThat(backend.follows().count(project, Direction.FOLLOWERS, null)).isEqualTo(following ? 1 : 0);
            }
            // Many connections, many pairs: counts always equal what the listings hold.
            List<Callable<Void>> load = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                load.add(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int n = 0; n < 150; n++) {
                        Ref a = Ref.of("user", "u" + random.nextInt(6));
                        Ref b = Ref.of("user", "u" + random.nextInt(6));
                        if (random.nextBoolean()) {
                            backend.follows().follow(a, b, T0.plusSeconds(random.nextInt(3)));
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
            for (int i = 0; i < 6; i++) {
                Ref u = Ref.of("user", "u" + i);
                for (Direction d : Direction.values()) {
                    assertThat(backend.follows().count(u, d, null))
                            .isEqualTo(backend.follows().page(u, d, new EdgeQuery(null, Order.NEWEST_FIRST, null, 100)).size());
                }
            }
        } finally {
            pool.shutdownNow();
            TestDatabase.dispose(backend);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void fanOutCountsOnlyNewDeliveriesOnEveryPath(TestDatabase db) throws Exception {
        CountingDataSource transactional = new CountingDataSource(db.dataSource());
        JdbcBackend backend = JdbcBackend.builder(transactional).tablePrefix(TestDatabase.uniquePrefix()).build();
        try {
            Ref source = Ref.of("project", "p");
            for (int i = 0; i < 50; i++) {
                backend.follows().follow(Ref.of("user", "f" + i), source, T0.plusSeconds(i));
            }
            // Some feeds already hold the entry: the plain insert fails, insert-if-absent counts the rest.
            backend.feeds().add(new FeedEntry("e1", 7), List.of(new FeedKey(Ref.of("user", "f3"), "private"),
                    new FeedKey(Ref.of("user", "f9"), "private")));
            assertThat(backend.fanOut(source, "private", new FeedEntry("e1", 7), 10)).isEqualTo(48);
            assertThat(backend.fanOut(source, "private", new FeedEntry("e1", 7), 10)).isZero();
            assertThat(backend.fanOut(source, "private", new FeedEntry("e2", 8), 10)).isEqualTo(50);
            // Inside the application's transaction: insert-if-absent only, the transaction survives.
            try (Connection tx = db.dataSource().getConnection()) {
                tx.setAutoCommit(false);
                transactional.bind(tx);
                assertThat(backend.fanOut(source, "private", new FeedEntry("e2", 8), 10)).isZero();
                assertThat(backend.fanOut(source, "private", new FeedEntry("e3", 9), 10)).isEqualTo(50);
                tx.commit();
                transactional.unbind();
                tx.setAutoCommit(true);
            }
            assertThat(backend.feeds().count(new FeedKey(Ref.of("user", "f3"), "private"))).isEqualTo(3);
            assertThat(backend.fanOutRemove(source, "private", "e1", 10)).isEqualTo(50);
        } finally {
            transactional.unbind();
            TestDatabase.dispose(backend);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void declaresItsCapabilities(TestDatabase db) {
        JdbcBackend backend = db.newBackend();
        try {
            assertThat(backend.capabilities()).contains(Capability.NATIVE_FAN_OUT);
            if (db != TestDatabase.H2) {
                assertThat(backend.capabilities()).contains(Capability.PERSISTENT, Capability.SHARED_ACROSS_PROCESSES);
            } else {
                assertThat(backend.capabilities()).doesNotContain(Capability.PERSISTENT);
            }
        } finally {
            TestDatabase.dispose(backend);
        }
    }

    @Test
    void embeddedH2OneLinersWork(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        try (JdbcBackend memory = JdbcBackend.h2InMemory("oneliner_" + ThreadLocalRandom.current().nextInt(1_000_000))) {
            assertThat(memory.follows().follow(USER, Ref.of("project", "p"), T0)).isTrue();
            assertThat(memory.capabilities()).containsExactly(Capability.NATIVE_FAN_OUT);
        }
        java.nio.file.Path file = dir.resolve("sequere");
        try (JdbcBackend persistent = JdbcBackend.h2File(file)) {
            persistent.follows().follow(USER, Ref.of("project", "p"), T0);
            assertThat(persistent.capabilities()).contains(Capability.PERSISTENT);
        }
        try (JdbcBackend reopened = JdbcBackend.h2File(file)) {
            assertThat(reopened.follows().since(USER, Ref.of("project", "p"))).contains(T0);
        }
        assertThatThrownBy(() -> JdbcBackend.h2InMemory("bad name")).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> JdbcBackend.builder(new CountingDataSource(null)).tablePrefix("Bad-Prefix"))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void everyDialectShipsTheSameTablesAndIndexes() {
        TableNames tables = new TableNames("x_");
        for (String dialect : List.of("h2", "postgresql", "mariadb", "mysql")) {
            String v1 = String.join("\n", Migration.ALL.get(0).statements(dialect, tables));
            for (String name : List.of("x_follows", "x_feed_entries", "x_items", "x_schema_version", "x_follows_followings",
                    "x_follows_followings_t", "x_follows_followers", "x_follows_followers_t", "x_feed_entries_by_score")) {
                assertThat(v1).as(dialect).contains(name);
            }
            String v2 = String.join("\n", Migration.ALL.get(1).statements(dialect, tables));
            for (String name : List.of("x_resources", "x_resources_key", "x_follow_edges", "x_follow_edges_out",
                    "x_follow_edges_out_t", "x_follow_edges_in", "x_follow_edges_in_t", "x_feed_rows",
                    "x_feed_rows_by_score", "DROP TABLE IF EXISTS x_follows, x_feed_entries")) {
                assertThat(v2).as(dialect).contains(name);
            }
            String v3 = String.join("\n", Migration.ALL.get(2).statements(dialect, tables));
            assertThat(v3).as(dialect).contains("x_feed_rows").contains("PRIMARY KEY (entry_id, owner_rid, feed_name)")
                    .contains("x_schema_version");
            String v4 = String.join("\n", Migration.ALL.get(3).statements(dialect, tables));
            for (String name : List.of("x_jobs", "x_jobs_claim", "lease_until_us, id", "x_schema_version")) {
                assertThat(v4).as(dialect).contains(name);
            }
            String v5 = String.join("\n", Migration.ALL.get(4).statements(dialect, tables));
            assertThat(v5).as(dialect).contains("x_follow_counts").contains("PRIMARY KEY (rid, direction, slot)")
                    .contains("GROUP BY followee_rid").contains("GROUP BY follower_rid").contains("x_schema_version");
            assertThat(v1 + v2 + v3 + v4 + v5).as(dialect).doesNotContain("${prefix}");
        }
    }
}
