package dev.sequere.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sequere.InvalidArgumentException;
import dev.sequere.Order;
import dev.sequere.Ref;
import dev.sequere.spi.Delivery;
import dev.sequere.spi.Direction;
import dev.sequere.spi.Edge;
import dev.sequere.spi.EdgeQuery;
import dev.sequere.spi.FanOutStep;
import dev.sequere.spi.FeedEntry;
import dev.sequere.spi.FeedKey;
import dev.sequere.spi.FeedQuery;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The native {@code deliver}, {@code purge} and {@code fanOutStep} of the JDBC backend. */
class JdbcDeliveryTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final Ref SOURCE = Ref.of("project", "p");

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void fanOutStepsWalkTheFollowersInPageOrderAndDeliverToEachOnce(TestDatabase db) {
        JdbcBackend backend = db.newBackend();
        try {
            List<Ref> followers = new ArrayList<>();
            for (int i = 0; i < 23; i++) {
                Ref follower = Ref.of("user", "f" + i);
                followers.add(follower);
                // Ties on time: the order inside a tie is the backend's, and steps must agree with pages.
                backend.follows().follow(follower, SOURCE, T0.plusSeconds(i / 4));
            }
            backend.follows().follow(Ref.of("user", "other"), Ref.of("project", "q"), T0);
            // One follower already holds the entry (a step run again after a crash).
            backend.feeds().add(new FeedEntry("e1", 5), List.of(new FeedKey(followers.get(7), "home")));
            List<Edge> expected = backend.follows().page(SOURCE, Direction.FOLLOWERS,
                    new EdgeQuery(null, Order.OLDEST_FIRST, null, 100));
            List<Edge> lasts = new ArrayList<>();
            long delivered = 0;
            Edge after = null;
            int steps = 0;
            do {
                FanOutStep step = backend.fanOutStep(SOURCE, List.of("home", "all"), new FeedEntry("e1", 5), after, 5);
                delivered += step.delivered();
                after = step.last();
                if (after != null) {
                    lasts.add(after);
                }
                steps++;
            } while (after != null);
            assertThat(delivered).isEqualTo(23 * 2 - 1);
            assertThat(steps).isEqualTo(5);
            assertThat(lasts).containsExactly(expected.get(4), expected.get(9), expected.get(14), expected.get(19));
            for (Ref follower : followers) {
                assertThat(backend.feeds().page(new FeedKey(follower, "home"), FeedQuery.first(10)))
                        .containsExactly(new FeedEntry("e1", 5));
                assertThat(backend.feeds().count(new FeedKey(follower, "all"))).isEqualTo(1);
            }
            assertThat(backend.feeds().count(new FeedKey(Ref.of("user", "other"), "home"))).isZero();
            // Run again from the start (a job taken over): nothing new, same boundaries.
            FanOutStep again = backend.fanOutStep(SOURCE, List.of("home"), new FeedEntry("e1", 5), null, 20);
            assertThat(again.delivered()).isZero();
            assertThat(again.last()).isEqualTo(expected.get(19));
            // Exactly `limit` left: that step still names its last follower, the next one ends.
            assertThat(backend.fanOutStep(SOURCE, List.of("home"), new FeedEntry("e2", 6), expected.get(19), 3).last())
                    .isEqualTo(expected.get(22));
            assertThat(backend.fanOutStep(SOURCE, List.of("home"), new FeedEntry("e2", 6), expected.get(22), 3))
                    .isEqualTo(new FanOutStep(0, null));
            // A position whose ref was never stored sorts before the resources of its time.
            FanOutStep fromUnknown = backend.fanOutStep(SOURCE, List.of("home"), new FeedEntry("e3", 7),
                    new Edge(Ref.of("user", "never-stored"), expected.get(20).since()), 100);
            assertThat(fromUnknown.delivered()).isEqualTo(3);
            assertThat(backend.fanOutStep(Ref.of("project", "never-stored"), List.of("home"), new FeedEntry("e", 1), null, 5))
                    .isEqualTo(new FanOutStep(0, null));
        } finally {
            TestDatabase.dispose(backend);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void deliverWritesOnlyToFollowersAndTakesManyEntriesAtOnce(TestDatabase db) {
        JdbcBackend backend = db.newBackend();
        try {
            Ref follower = Ref.of("user", "f");
            Ref stranger = Ref.of("user", "stranger");
            backend.follows().follow(follower, SOURCE, T0);
            backend.follows().follow(stranger, Ref.of("project", "q"), T0);
            // An import: one follower, 300 entries, two feeds (600 rows, more than one statement's worth).
            List<Delivery> imports = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                imports.add(new Delivery(new FeedEntry("a" + i, i), List.of(new FeedKey(follower, "home"),
                        new FeedKey(follower, "all"), new FeedKey(stranger, "home"), new FeedKey(Ref.of("user", "ghost"), "home"))));
            }
            assertThat(backend.deliver(SOURCE, imports)).isEqualTo(600);
            assertThat(backend.feeds().count(new FeedKey(follower, "home"))).isEqualTo(300);
            assertThat(backend.feeds().count(new FeedKey(follower, "all"))).isEqualTo(300);
            assertThat(backend.feeds().count(new FeedKey(stranger, "home"))).isZero();
            assertThat(backend.deliver(SOURCE, imports)).isZero();
            // The first of two deliveries of one entry to one feed wins, as with add.
            assertThat(backend.deliver(SOURCE, List.of(new Delivery(new FeedEntry("b", 1), List.of(new FeedKey(follower, "home"))),
                    new Delivery(new FeedEntry("b", 2), List.of(new FeedKey(follower, "home")))))).isEqualTo(1);
            assertThat(backend.feeds().score(new FeedKey(follower, "home"), "b")).hasValue(1);
            assertThat(backend.deliver(Ref.of("project", "never-stored"), imports)).isZero();
            assertThat(backend.deliver(SOURCE, List.of())).isZero();
        } finally {
            TestDatabase.dispose(backend);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void purgeRemovesOnlyWhenTheFollowIsGone(TestDatabase db) {
        JdbcBackend backend = db.newBackend();
        try {
            Ref follower = Ref.of("user", "f");
            backend.follows().follow(follower, SOURCE, T0);
            List<String> ids = new ArrayList<>();
            List<Delivery> deliveries = new ArrayList<>();
            for (int i = 0; i < 700; i++) {
                ids.add("a" + i);
                deliveries.add(new Delivery(new FeedEntry("a" + i, i), List.of(new FeedKey(follower, "home"),
                        new FeedKey(follower, "all"))));
            }
            backend.deliver(SOURCE, deliveries);
            backend.feeds().add(new FeedEntry("mine", 1), List.of(new FeedKey(follower, "home")));
            // Still following (a re-follow won the race): nothing goes.
            assertThat(backend.purge(follower, SOURCE, ids, List.of("home", "all"))).isZero();
            backend.follows().unfollow(follower, SOURCE);
            assertThat(backend.purge(follower, SOURCE, ids.subList(0, 10), List.of("all"))).isEqualTo(10);
            assertThat(backend.purge(follower, SOURCE, ids, List.of("home", "all"))).isEqualTo(700 + 690);
            assertThat(backend.feeds().page(new FeedKey(follower, "home"), FeedQuery.first(10)))
                    .containsExactly(new FeedEntry("mine", 1));
            assertThat(backend.purge(Ref.of("user", "never-stored"), SOURCE, ids, List.of("home"))).isZero();
            assertThat(backend.purge(follower, SOURCE, List.of(), List.of("home"))).isZero();
            // A source never stored was never followed: its entries simply go.
            backend.feeds().add(new FeedEntry("x", 1), List.of(new FeedKey(follower, "home")));
            assertThat(backend.purge(follower, Ref.of("project", "never-stored"), List.of("x"), List.of("home"))).isEqualTo(1);
            assertThatThrownBy(() -> backend.purge(follower, SOURCE, List.of("x"), List.of("Bad Name")))
                    .isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> backend.fanOutStep(SOURCE, List.of("home"), new FeedEntry("x", 1), null, 0))
                    .isInstanceOf(InvalidArgumentException.class);
        } finally {
            TestDatabase.dispose(backend);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aDeliveryInsideTheApplicationsTransactionCommitsWithIt(TestDatabase db) throws Exception {
        CountingDataSource transactional = new CountingDataSource(db.dataSource());
        JdbcBackend backend = JdbcBackend.builder(transactional).tablePrefix(TestDatabase.uniquePrefix()).build();
        Ref follower = Ref.of("user", "f");
        try (Connection tx = db.dataSource().getConnection()) {
            backend.follows().follow(follower, SOURCE, T0);
            backend.feeds().add(new FeedEntry("e1", 1), List.of(new FeedKey(follower, "home")));
            tx.setAutoCommit(false);
            transactional.bind(tx);
            // The plain insert fails on the row that exists; the savepoint keeps the transaction usable.
            assertThat(backend.fanOutStep(SOURCE, List.of("home"), new FeedEntry("e1", 1), null, 10).delivered()).isZero();
            assertThat(backend.fanOutStep(SOURCE, List.of("home"), new FeedEntry("e2", 2), null, 10).delivered()).isEqualTo(1);
            tx.rollback();
            transactional.unbind();
            tx.setAutoCommit(true);
            assertThat(backend.feeds().count(new FeedKey(follower, "home"))).isEqualTo(1);
        } finally {
            transactional.unbind();
            TestDatabase.dispose(backend);
        }
    }
}
