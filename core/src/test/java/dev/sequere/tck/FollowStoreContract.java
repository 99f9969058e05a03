package dev.sequere.tck;

import static dev.sequere.tck.Times.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sequere.InvalidArgumentException;
import dev.sequere.Order;
import dev.sequere.Ref;
import dev.sequere.spi.Backend;
import dev.sequere.spi.Direction;
import dev.sequere.spi.Edge;
import dev.sequere.spi.EdgeQuery;
import dev.sequere.spi.FollowStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.jspecify.annotations.Nullable;

/**
 * The contract of {@link FollowStore}, run against a real backend. A backend's test extends it
 * and implements {@link #createBackend()} (and {@link #destroyBackend} when it must clean up a
 * shared server); everything else is inherited.
 *
 * <p>Tests are grouped by behaviour with {@link Nested}. Where the contract leaves a choice to
 * the backend (the order of refs that tie on time) only consistency is checked.
 */
public abstract class FollowStoreContract extends BackendContract {

    private static final String USER = "user";
    private static final String PROJECT = "project";
    private static final List<@Nullable String> TYPE_FILTERS = Arrays.asList(null, USER, PROJECT);

    /**
     * How many followers the large-listing test loads and pages; override to shrink it for a
     * slow backend, never to skip it.
     *
     * @return 100 000 by default
     */
    protected int largeListingSize() {
        return 100_000;
    }

    /**
     * How many threads load the large listing; network backends load faster with more.
     *
     * @return 4 by default
     */
    protected int loadThreads() {
        return 4;
    }

    /**
     * Operations per thread in the concurrency tests.
     *
     * @return 400 by default
     */
    protected int concurrentOperationsPerThread() {
        return 400;
    }

    /**
     * The follow store under test.
     *
     * @return the backend's follow store
     */
    protected final FollowStore store() {
        return backend().follows();
    }

    static Ref user(String id) {
        return Ref.of(USER, id);
    }

    static Ref project(String id) {
        return Ref.of(PROJECT, id);
    }

    /** Checks every listing, count, exists and since over {@code universe} against the model. */
    final void assertGraph(ReferenceGraph model, Collection<Ref> universe, int pageSize, String context) {
        for (Ref subject : universe) {
            for (Direction direction : Direction.values()) {
                for (String type : TYPE_FILTERS) {
                    Listings.assertListing(store(), subject, direction, type, model.listing(subject, direction, type),
                            pageSize, context);
                }
            }
            for (Ref other : universe) {
                assertThat(store().exists(subject, other)).as("%s: exists(%s, %s)", context, subject, other)
                        .isEqualTo(model.since(subject, other).isPresent());
                assertThat(store().since(subject, other)).as("%s: since(%s, %s)", context, subject, other)
                        .isEqualTo(model.since(subject, other));
            }
        }
    }

    /** follow, unfollow, exists and since: return values, idempotency, direction. */
    @Nested
    public class FollowAndUnfollow {

        @Test
        void followCreatesTheEdgeOnceAndKeepsItsFirstTime() {
            Ref a = user("a");
            Ref b = project("b");
            assertThat(store().exists(a, b)).isFalse();
            assertThat(store().since(a, b)).isEmpty();

            assertThat(store().follow(a, b, at(10))).as("first follow").isTrue();
            assertThat(store().follow(a, b, at(20))).as("repeated follow").isFalse();
            assertThat(store().follow(a, b, at(5))).as("repeated follow with an earlier time").isFalse();

            assertThat(store().exists(a, b)).isTrue();
            assertThat(store().since(a, b)).contains(at(10));
            assertThat(store().count(b, Direction.FOLLOWERS, null)).isEqualTo(1);
            assertThat(store().count(a, Direction.FOLLOWINGS, null)).isEqualTo(1);
            assertThat(store().page(b, Direction.FOLLOWERS, EdgeQuery.first(10))).containsExactly(new Edge(a, at(10)));
        }

        @Test
        void followIsDirected() {
            Ref a = user("a");
            Ref b = user("b");
            store().follow(a, b, at(1));
            assertThat(store().exists(b, a)).isFalse();
            assertThat(store().since(b, a)).isEmpty();
            assertThat(store().count(a, Direction.FOLLOWERS, null)).isZero();
            assertThat(store().count(b, Direction.FOLLOWINGS, null)).isZero();
            assertThat(store().count(a, Direction.FRIENDS, null)).isZero();
        }

        @Test
        void unfollowRemovesTheEdgeOnce() {
            Ref a = user("a");
            Ref b = project("b");
            assertThat(store().unfollow(a, b)).as("unfollow of a follow that never existed").isFalse();
            store().follow(a, b, at(1));
            assertThat(store().unfollow(a, b)).as("first unfollow").isTrue();
            assertThat(store().unfollow(a, b)).as("repeated unfollow").isFalse();
            assertThat(store().exists(a, b)).isFalse();
            assertThat(store().since(a, b)).isEmpty();
            assertThat(store().count(b, Direction.FOLLOWERS, null)).isZero();
            assertThat(store().count(a, Direction.FOLLOWINGS, null)).isZero();
            assertThat(store().page(b, Direction.FOLLOWERS, EdgeQuery.first(10))).isEmpty();
            assertThat(store().page(a, Direction.FOLLOWINGS, EdgeQuery.first(10))).isEmpty();
        }

        @Test
        void unfollowOfTheReverseEdgeLeavesTheEdgeAlone() {
            Ref a = user("a");
            Ref b = user("b");
            store().follow(a, b, at(1));
            assertThat(store().unfollow(b, a)).isFalse();
            assertThat(store().exists(a, b)).isTrue();
        }

        @Test
        void followAgainAfterUnfollowRecordsTheNewTime() {
            Ref a = user("a");
            Ref b = project("b");
            store().follow(a, b, at(1));
            store().unfollow(a, b);
            assertThat(store().follow(a, b, at(7))).isTrue();
            assertThat(store().since(a, b)).contains(at(7));
            assertThat(store().count(b, Direction.FOLLOWERS, null)).isEqualTo(1);
        }

        @Test
        void timesKeepMicrosecondPrecision() {
            Instant precise = Instant.parse("2025-06-30T23:59:59.123456Z");
            Instant beforeEpoch = Instant.parse("1969-12-31T23:59:59.999999Z");
            Instant farFuture = Instant.parse("2200-01-01T00:00:00.000001Z");
            Ref target = project("t");
            store().follow(user("a"), target, precise);
            store().follow(user("b"), target, beforeEpoch);
            store().follow(user("c"), target, farFuture);
            assertThat(store().since(user("a"), target)).contains(precise);
            assertThat(store().since(user("b"), target)).contains(beforeEpoch);
            assertThat(store().since(user("c"), target)).contains(farFuture);
            assertThat(store().page(target, Direction.FOLLOWERS, new EdgeQuery(null, Order.OLDEST_FIRST, null, 10)))
                    .containsExactly(new Edge(user("b"), beforeEpoch), new Edge(user("a"), precise), new Edge(user("c"), farFuture));
        }

        @Test
        void extremeTimesRoundTripExactlyOrAreRejectedWithoutWriting() {
            // A backend may bound its time range (Redis scores are doubles), but must then say so
            // with an InvalidArgumentException and write nothing, never round silently.
            List<Instant> extremes = List.of(Instant.parse("9999-12-31T23:59:59.999999Z"), Instant.parse("0001-01-01T00:00:00.000001Z"),
                    Instant.parse("2286-11-20T17:46:39.999999Z"), Instant.parse("1653-02-10T06:13:20.000001Z"));
            for (int i = 0; i < extremes.size(); i++) {
                Instant since = extremes.get(i);
                Ref follower = user("t" + i);
                Ref target = project("extreme");
                boolean stored;
                try {
                    stored = store().follow(follower, target, since);
                } catch (InvalidArgumentException rejected) {
                    stored = false;
                }
                if (stored) {
                    assertThat(store().since(follower, target)).as("stored %s", since).contains(since);
                    assertThat(store().page(follower, Direction.FOLLOWINGS, EdgeQuery.first(5))).containsExactly(new Edge(target, since));
                } else {
                    assertThat(store().exists(follower, target)).as("rejected %s must write nothing", since).isFalse();
                    assertThat(store().count(follower, Direction.FOLLOWINGS, null)).isZero();
                }
            }
            long stored = store().count(project("extreme"), Direction.FOLLOWERS, null);
            Listings.assertTimeOrdered(Listings.walk(store(), project("extreme"), Direction.FOLLOWERS, null, Order.OLDEST_FIRST, 2),
                    Order.OLDEST_FIRST, "extreme times");
            assertThat(Listings.walk(store(), project("extreme"), Direction.FOLLOWERS, null, Order.NEWEST_FIRST, 3)).hasSize((int) stored);
        }

        @Test
        void aResourceCanFollowItselfAtStorageLevel() {
            // Refusing self-follows is the facade's policy (and optional); the store just stores them.
            Ref a = user("a");
            assertThat(store().follow(a, a, at(1))).isTrue();
            assertThat(store().exists(a, a)).isTrue();
            assertThat(store().count(a, Direction.FOLLOWERS, null)).isEqualTo(1);
            assertThat(store().count(a, Direction.FOLLOWINGS, null)).isEqualTo(1);
            assertThat(store().unfollow(a, a)).isTrue();
            assertThat(store().count(a, Direction.FOLLOWERS, null)).isZero();
        }

        @Test
        void readsOfUnknownResourcesAreEmpty() {
            Ref ghost = user("ghost");
            for (Direction direction : Direction.values()) {
                assertThat(store().count(ghost, direction, null)).isZero();
                assertThat(store().count(ghost, direction, USER)).isZero();
                assertThat(store().page(ghost, direction, EdgeQuery.first(5))).isEmpty();
            }
            assertThat(store().removeAll(ghost)).isZero();
        }
    }

    /** Counts, total and per type, in every direction, after every operation. */
    @Nested
    public class Counts {

        @Test
        void countsMatchTheModelAfterEveryOperation() {
            ReferenceGraph model = new ReferenceGraph();
            Ref alice = user("alice");
            Ref bob = user("bob");
            Ref carol = user("carol");
            Ref p1 = project("1");
            Ref u1 = user("1");
            List<Ref> universe = List.of(alice, bob, carol, p1, u1);
            List<Runnable> steps = List.of(
                    () -> step(model, alice, p1, true, 1),
                    () -> step(model, alice, p1, true, 2),
                    () -> step(model, bob, p1, true, 2),
                    () -> step(model, alice, bob, true, 3),
                    () -> step(model, bob, alice, true, 3),
                    () -> step(model, carol, alice, true, 4),
                    () -> step(model, alice, u1, true, 5),
                    () -> step(model, u1, alice, true, 5),
                    () -> step(model, p1, alice, true, 6),
                    () -> step(model, alice, p1, false, 0),
                    () -> step(model, alice, p1, false, 0),
                    () -> step(model, bob, alice, false, 0),
                    () -> step(model, carol, bob, false, 0),
                    () -> {
                        assertThat(store().removeAll(u1)).isEqualTo(model.removeAll(u1));
                    },
                    () -> step(model, bob, alice, true, 9));
            assertGraph(model, universe, 2, "initially");
            for (int i = 0; i < steps.size(); i++) {
                steps.get(i).run();
                assertGraph(model, universe, 2, "after step " + i);
            }
        }

        private void step(ReferenceGraph model, Ref follower, Ref followee, boolean follow, long micros) {
            if (follow) {
                assertThat(store().follow(follower, followee, at(micros)))
                        .as("follow(%s, %s)", follower, followee).isEqualTo(model.follow(follower, followee, at(micros)));
            } else {
                assertThat(store().unfollow(follower, followee))
                        .as("unfollow(%s, %s)", follower, followee).isEqualTo(model.unfollow(follower, followee));
            }
        }

        @Test
        void repeatedWritesNeverDriftCounts() {
            Ref target = project("p");
            Ref fan = user("fan");
            for (int i = 0; i < 20; i++) {
                store().follow(fan, target, at(i));
                store().follow(fan, target, at(i));
            }
            assertThat(store().count(target, Direction.FOLLOWERS, null)).isEqualTo(1);
            for (int i = 0; i < 5; i++) {
                store().unfollow(fan, target);
            }
            assertThat(store().count(target, Direction.FOLLOWERS, null)).as("never negative").isZero();
            assertThat(store().count(fan, Direction.FOLLOWINGS, null)).isZero();
            store().follow(fan, target, at(99));
            assertThat(store().count(target, Direction.FOLLOWERS, null)).isEqualTo(1);
            assertThat(store().count(target, Direction.FOLLOWERS, USER)).isEqualTo(1);
            assertThat(store().count(target, Direction.FOLLOWERS, PROJECT)).isZero();
        }
    }

    /** The total order {@code (since, ref)} and its two directions. */
    @Nested
    public class Ordering {

        @Test
        void listingsAreOrderedByTimeNotByInsertion() {
            Ref target = project("p");
            store().follow(user("late"), target, at(300));
            store().follow(user("early"), target, at(100));
            store().follow(user("middle"), target, at(200));
            assertThat(refs(store().page(target, Direction.FOLLOWERS, EdgeQuery.first(10))))
                    .containsExactly(user("late"), user("middle"), user("early"));
            assertThat(refs(store().page(target, Direction.FOLLOWERS, new EdgeQuery(null, Order.OLDEST_FIRST, null, 10))))
                    .containsExactly(user("early"), user("middle"), user("late"));
            assertThat(store().page(target, Direction.FOLLOWERS, EdgeQuery.first(1))).containsExactly(new Edge(user("late"), at(300)));
        }

        @ParameterizedTest
        @EnumSource(Direction.class)
        void tiesAreTotallyOrderedAndNewestFirstIsTheExactReverse(Direction direction) {
            Ref subject = user("subject");
            ReferenceGraph model = new ReferenceGraph();
            // Groups of equal times, mixed types and tricky ids, so the tie-break is exercised.
            List<Ref> others = new ArrayList<>();
            for (String id : List.of("b", "a", "c", "1", "10", "2", "A", "😀", "a b", "1:x")) {
                others.add(user(id));
                others.add(project(id));
            }
            for (int i = 0; i < others.size(); i++) {
                Ref other = others.get(i);
                Instant since = at((i % 3) * 10);
                if (direction != Direction.FOLLOWERS) {
                    store().follow(subject, other, since);
                    model.follow(subject, other, since);
                }
                if (direction != Direction.FOLLOWINGS) {
                    store().follow(other, subject, at(500 + i));
                    model.follow(other, subject, at(500 + i));
                }
            }
            if (direction == Direction.FOLLOWERS) {
                for (int i = 0; i < others.size(); i++) {
                    // Re-date followers into tie groups: unfollow and follow again.
                    store().unfollow(others.get(i), subject);
                    model.unfollow(others.get(i), subject);
                    store().follow(others.get(i), subject, at((i % 3) * 10));
                    model.follow(others.get(i), subject, at((i % 3) * 10));
                }
            }
            for (String type : TYPE_FILTERS) {
                List<Edge> reference = Listings.assertListing(store(), subject, direction, type,
                        model.listing(subject, direction, type), 3, "ties");
                for (int pageSize : new int[] {1, 2, 5, 7, 40}) {
                    assertThat(Listings.walk(store(), subject, direction, type, Order.OLDEST_FIRST, pageSize))
                            .as("page size %d must not change the tie order (type %s)", pageSize, type).isEqualTo(reference);
                    assertThat(Listings.walk(store(), subject, direction, type, Order.NEWEST_FIRST, pageSize))
                            .as("newest first, page size %d (type %s)", pageSize, type).isEqualTo(Listings.reversed(reference));
                }
            }
        }

        @Test
        void tieOrderDoesNotChangeWhenOthersJoinOrLeave() {
            Ref target = project("p");
            for (int i = 0; i < 12; i++) {
                store().follow(user("u" + i), target, at(5));
            }
            List<Edge> before = Listings.walk(store(), target, Direction.FOLLOWERS, null, Order.OLDEST_FIRST, 4);
            store().follow(user("extra1"), target, at(5));
            store().follow(user("u99"), target, at(5));
            store().unfollow(user("u3"), target);
            List<Edge> after = Listings.walk(store(), target, Direction.FOLLOWERS, null, Order.OLDEST_FIRST, 4);
            List<Edge> expected = new ArrayList<>(before);
            expected.remove(new Edge(user("u3"), at(5)));
            List<Edge> kept = new ArrayList<>(after);
            kept.removeIf(e -> e.ref().equals(user("extra1")) || e.ref().equals(user("u99")));
            assertThat(kept).as("relative order of refs that stayed").isEqualTo(expected);
        }
    }

    /** Keyset paging: limits, positions, and writes between pages. */
    @Nested
    public class Paging {

        @Test
        void pagesRespectTheLimitAndEnd() {
            Ref target = project("p");
            for (int i = 0; i < 7; i++) {
                store().follow(user("u" + i), target, at(i));
            }
            List<Edge> first = store().page(target, Direction.FOLLOWERS, EdgeQuery.first(3));
            assertThat(first).extracting(Edge::since).containsExactly(at(6), at(5), at(4));
            List<Edge> second = store().page(target, Direction.FOLLOWERS, new EdgeQuery(null, Order.NEWEST_FIRST, first.get(2), 3));
            assertThat(second).extracting(Edge::since).containsExactly(at(3), at(2), at(1));
            List<Edge> third = store().page(target, Direction.FOLLOWERS, new EdgeQuery(null, Order.NEWEST_FIRST, second.get(2), 3));
            assertThat(third).containsExactly(new Edge(user("u0"), at(0)));
            assertThat(store().page(target, Direction.FOLLOWERS, new EdgeQuery(null, Order.NEWEST_FIRST, third.get(0), 3))).isEmpty();
            assertThat(store().page(target, Direction.FOLLOWERS, EdgeQuery.first(100))).hasSize(7);
            assertThat(store().page(target, Direction.FOLLOWERS, EdgeQuery.first(1))).hasSize(1);
        }

        @Test
        void invalidQueriesAreRejected() {
            assertThatThrownBy(() -> new EdgeQuery(null, Order.NEWEST_FIRST, null, 0)).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> new EdgeQuery("Bad Type", Order.NEWEST_FIRST, null, 1)).isInstanceOf(InvalidArgumentException.class);
        }

        @ParameterizedTest
        @EnumSource(Order.class)
        void writesBetweenPagesNeverRepeatOrSkipWhatExistedThroughout(Order order) {
            long seed = Seeds.seed(7_2024L);
            Random random = new Random(seed);
            Ref subject = project("walked");
            Set<Ref> stable = new HashSet<>();
            List<Ref> volatileOnes = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Ref r = user("s" + i);
                store().follow(r, subject, at((i / 4) * 10L));
                stable.add(r);
            }
            for (int i = 0; i < 20; i++) {
                Ref r = user("v" + i);
                // Half between the stable times, half tying with them.
                store().follow(r, subject, at((i / 2) * 10L + (i % 2 == 0 ? 5 : 0)));
                volatileOnes.add(r);
            }
            List<Edge> seen = new ArrayList<>();
            Set<Ref> added = new HashSet<>();
            Edge after = null;
            int fresh = 0;
            for (int pages = 0; pages < 1000; pages++) {
                List<Edge> page = store().page(subject, Direction.FOLLOWERS, new EdgeQuery(null, order, after, 3));
                seen.addAll(page);
                if (page.size() < 3) {
                    break;
                }
                after = page.get(page.size() - 1);
                // Writes anywhere in the listing, before and after the position, and elsewhere.
                if (!volatileOnes.isEmpty()) {
                    store().unfollow(volatileOnes.remove(random.nextInt(volatileOnes.size())), subject);
                }
                Ref newcomer = user("n" + fresh++);
                store().follow(newcomer, subject, at(random.nextInt(11) * 10L + (random.nextBoolean() ? 0 : 5)));
                added.add(newcomer);
                if (random.nextBoolean() && !added.isEmpty()) {
                    store().unfollow(newcomer, subject);
                }
                store().follow(subject, user("s" + random.nextInt(40)), at(random.nextInt(100)));
                store().follow(user("s" + random.nextInt(40)), project("other"), at(random.nextInt(100)));
            }
            String what = Seeds.replay(seed) + ", " + order;
            Map<Ref, Instant> seenMap = Listings.asMap(seen, what);
            Listings.assertTimeOrdered(seen, order, what);
            assertThat(seenMap.keySet()).as(what + ": every follower that existed throughout the walk").containsAll(stable);
            for (Ref ref : seenMap.keySet()) {
                assertThat(stable.contains(ref) || ref.id().startsWith("v") || added.contains(ref))
                        .as(what + ": %s was never a follower", ref).isTrue();
            }
            List<Ref> finalOrder = refs(Listings.walk(store(), subject, Direction.FOLLOWERS, null, order, 50));
            List<Ref> seenStable = refs(seen).stream().filter(stable::contains).collect(Collectors.toList());
            List<Ref> finalStable = finalOrder.stream().filter(stable::contains).collect(Collectors.toList());
            assertThat(seenStable).as(what + ": the walk's order of stable followers equals a fresh listing's").isEqualTo(finalStable);
        }

        @ParameterizedTest
        @EnumSource(Order.class)
        void aPositionWhoseEdgeWasDeletedStillWorks(Order order) {
            Ref target = project("p");
            for (int i = 0; i < 15; i++) {
                store().follow(user("u" + i), target, at((i / 3) * 10L));
            }
            List<Edge> full = Listings.walk(store(), target, Direction.FOLLOWERS, null, order, 100);
            for (int k : new int[] {0, 1, 4, 7, 13, 14}) {
                Edge position = full.get(k);
                store().unfollow(position.ref(), target);
                List<Edge> rest = store().page(target, Direction.FOLLOWERS, new EdgeQuery(null, order, position, 100));
                List<Edge> expected = full.subList(k + 1, full.size()).stream()
                        .filter(e -> store().exists(e.ref(), target)).collect(Collectors.toList());
                assertThat(rest).as("%s after deleted position %d (%s)", order, k, position).isEqualTo(expected);
                store().follow(position.ref(), target, position.since());
            }
        }

        @ParameterizedTest
        @EnumSource(Order.class)
        void aPositionThatNeverExistedStillWorks(Order order) {
            Ref target = project("p");
            for (int i = 0; i < 10; i++) {
                store().follow(user("u" + i), target, at(i * 10L));
            }
            Edge between = new Edge(project("never"), at(45));
            List<Edge> rest = store().page(target, Direction.FOLLOWERS, new EdgeQuery(null, order, between, 100));
            assertThat(rest).extracting(Edge::since).containsExactlyElementsOf(order == Order.OLDEST_FIRST
                    ? List.of(at(50), at(60), at(70), at(80), at(90))
                    : List.of(at(40), at(30), at(20), at(10), at(0)));
            Edge beyond = new Edge(user("zzz"), at(order == Order.OLDEST_FIRST ? 1_000 : -1_000));
            assertThat(store().page(target, Direction.FOLLOWERS, new EdgeQuery(null, order, beyond, 100))).isEmpty();
        }
    }

    /** Listings and counts restricted to one type. */
    @Nested
    public class TypeFilters {

        @Test
        void filtersListAndCountOnlyTheirType() {
            Ref hub = user("hub");
            ReferenceGraph model = new ReferenceGraph();
            for (int i = 0; i < 9; i++) {
                Ref other = i % 3 == 0 ? project("p" + i) : i % 3 == 1 ? user("u" + i) : Ref.of("team", "t" + i);
                Instant since = at((i / 2) * 10L);
                store().follow(other, hub, since);
                model.follow(other, hub, since);
                store().follow(hub, other, since);
                model.follow(hub, other, since);
            }
            for (Direction direction : Direction.values()) {
                for (String type : List.of(USER, PROJECT, "team", "nobody")) {
                    Listings.assertListing(store(), hub, direction, type, model.listing(hub, direction, type), 2, "filter " + type);
                }
                Listings.assertListing(store(), hub, direction, null, model.listing(hub, direction, null), 2, "no filter");
            }
            assertThat(store().count(hub, Direction.FOLLOWERS, "team")).isEqualTo(3);
        }

        @Test
        void theFilterAppliesToTheOtherSideNotTheSubject() {
            Ref p = project("p");
            store().follow(user("u"), p, at(1));
            assertThat(store().count(p, Direction.FOLLOWERS, PROJECT)).isZero();
            assertThat(store().count(p, Direction.FOLLOWERS, USER)).isEqualTo(1);
            assertThat(store().count(user("u"), Direction.FOLLOWINGS, PROJECT)).isEqualTo(1);
            assertThat(store().count(user("u"), Direction.FOLLOWINGS, USER)).isZero();
        }
    }

    /** Mutual follows. */
    @Nested
    public class Friends {

        @Test
        void friendsAreMutualFollowsDatedByTheSubjectsFollow() {
            Ref a = user("a");
            Ref b = user("b");
            Ref c = project("c");
            Ref d = user("d");
            store().follow(a, b, at(10));
            store().follow(b, a, at(50));
            store().follow(a, c, at(20));
            store().follow(c, a, at(5));
            store().follow(a, d, at(30));
            store().follow(d, b, at(40));

            assertThat(store().page(a, Direction.FRIENDS, new EdgeQuery(null, Order.OLDEST_FIRST, null, 10)))
                    .containsExactly(new Edge(b, at(10)), new Edge(c, at(20)));
            assertThat(store().page(b, Direction.FRIENDS, EdgeQuery.first(10))).containsExactly(new Edge(a, at(50)));
            assertThat(store().page(c, Direction.FRIENDS, EdgeQuery.first(10))).containsExactly(new Edge(a, at(5)));
            assertThat(store().count(a, Direction.FRIENDS, null)).isEqualTo(2);
            assertThat(store().count(a, Direction.FRIENDS, USER)).isEqualTo(1);
            assertThat(store().count(a, Direction.FRIENDS, PROJECT)).isEqualTo(1);
            assertThat(store().count(d, Direction.FRIENDS, null)).isZero();

            assertThat(store().unfollow(b, a)).isTrue();
            assertThat(store().count(a, Direction.FRIENDS, null)).isEqualTo(1);
            assertThat(store().count(b, Direction.FRIENDS, null)).isZero();
            assertThat(store().page(b, Direction.FRIENDS, EdgeQuery.first(10))).isEmpty();
            assertThat(store().page(a, Direction.FRIENDS, EdgeQuery.first(10))).containsExactly(new Edge(c, at(20)));

            store().follow(d, a, at(60));
            assertThat(store().page(a, Direction.FRIENDS, EdgeQuery.first(10)))
                    .as("newest first by the subject's follow time").containsExactly(new Edge(d, at(30)), new Edge(c, at(20)));
        }

        @ParameterizedTest
        @EnumSource(Order.class)
        void friendsPageWithPositions(Order order) {
            Ref me = user("me");
            ReferenceGraph model = new ReferenceGraph();
            for (int i = 0; i < 20; i++) {
                Ref other = i % 2 == 0 ? user("f" + i) : project("f" + i);
                store().follow(me, other, at((i / 3) * 10L));
                model.follow(me, other, at((i / 3) * 10L));
                if (i % 4 != 3) {
                    store().follow(other, me, at(1_000 - i));
                    model.follow(other, me, at(1_000 - i));
                }
            }
            List<Edge> all = Listings.assertListing(store(), me, Direction.FRIENDS, null,
                    model.listing(me, Direction.FRIENDS, null), 4, "friends");
            List<Edge> walked = Listings.walk(store(), me, Direction.FRIENDS, null, order, 3);
            assertThat(walked).isEqualTo(order == Order.OLDEST_FIRST ? all : Listings.reversed(all));
            Listings.assertListing(store(), me, Direction.FRIENDS, PROJECT, model.listing(me, Direction.FRIENDS, PROJECT), 2, "friends of type project");
        }
    }

    /** removeAll: forgetting a resource. */
    @Nested
    public class RemoveAll {

        @Test
        void removesBothDirectionsAndOnlyThose() {
            Ref gone = user("gone");
            Ref a = user("a");
            Ref b = project("b");
            Ref c = user("c");
            store().follow(gone, a, at(1));
            store().follow(gone, b, at(2));
            store().follow(a, gone, at(3));
            store().follow(c, gone, at(4));
            store().follow(a, b, at(5));
            store().follow(c, a, at(6));

            assertThat(store().removeAll(gone)).isEqualTo(4);

            for (Direction direction : Direction.values()) {
                assertThat(store().count(gone, direction, null)).isZero();
                assertThat(store().page(gone, direction, EdgeQuery.first(10))).isEmpty();
            }
            assertThat(store().exists(a, gone)).isFalse();
            assertThat(store().exists(gone, a)).isFalse();
            assertThat(store().count(a, Direction.FOLLOWERS, null)).isEqualTo(1);
            assertThat(store().count(a, Direction.FOLLOWINGS, null)).isEqualTo(1);
            assertThat(store().count(b, Direction.FOLLOWERS, null)).isEqualTo(1);
            assertThat(store().count(c, Direction.FOLLOWINGS, null)).isEqualTo(1);
            assertThat(store().page(a, Direction.FOLLOWERS, EdgeQuery.first(10))).containsExactly(new Edge(c, at(6)));
            assertThat(store().exists(a, b)).isTrue();
            assertThat(store().removeAll(gone)).as("second removeAll").isZero();
            assertThat(store().follow(gone, a, at(9))).as("a forgotten resource can follow again").isTrue();
        }

        @Test
        void aSelfFollowCountsOnce() {
            Ref self = user("self");
            store().follow(self, self, at(1));
            store().follow(self, user("x"), at(2));
            store().follow(user("y"), self, at(3));
            assertThat(store().removeAll(self)).isEqualTo(3);
            assertThat(store().exists(self, self)).isFalse();
            assertThat(store().count(user("x"), Direction.FOLLOWERS, null)).isZero();
            assertThat(store().count(user("y"), Direction.FOLLOWINGS, null)).isZero();
        }

        @Test
        void friendsOfOthersAreUpdated() {
            Ref gone = user("gone");
            Ref a = user("a");
            store().follow(gone, a, at(1));
            store().follow(a, gone, at(2));
            store().follow(a, user("b"), at(3));
            store().follow(user("b"), a, at(4));
            store().removeAll(gone);
            assertThat(store().count(a, Direction.FRIENDS, null)).isEqualTo(1);
            assertThat(refs(store().page(a, Direction.FRIENDS, EdgeQuery.first(10)))).containsExactly(user("b"));
        }

        @Test
        void sameIdOfAnotherTypeIsUntouched() {
            store().follow(user("1"), project("9"), at(1));
            store().follow(project("1"), project("9"), at(2));
            store().follow(project("9"), project("1"), at(3));
            assertThat(store().removeAll(user("1"))).isEqualTo(1);
            assertThat(store().exists(project("1"), project("9"))).isTrue();
            assertThat(store().exists(project("9"), project("1"))).isTrue();
            assertThat(store().count(project("9"), Direction.FOLLOWERS, null)).isEqualTo(1);
        }
    }

    /** Ids are stored exactly and never collide, whatever syntax they hold. */
    @Nested
    public class Ids {

        @Test
        void trickyIdsRoundTripExactly() {
            Ref hub = project("hub");
            List<String> ids = TrickyIds.all();
            Map<Ref, Instant> expectedFollowers = new LinkedHashMap<>();
            for (int i = 0; i < ids.size(); i++) {
                Ref tricky = user(ids.get(i));
                assertThat(store().follow(tricky, hub, at(i))).as("follow by '%s'", ids.get(i)).isTrue();
                assertThat(store().follow(hub, tricky, at(i))).as("follow of '%s'", ids.get(i)).isTrue();
                expectedFollowers.put(tricky, at(i));
            }
            List<Edge> followers = Listings.walk(store(), hub, Direction.FOLLOWERS, null, Order.OLDEST_FIRST, 7);
            assertThat(followers).extracting(e -> e.ref().id()).containsExactlyElementsOf(ids);
            assertThat(Listings.asMap(followers, "followers")).isEqualTo(expectedFollowers);
            assertThat(Listings.walk(store(), hub, Direction.FRIENDS, USER, Order.OLDEST_FIRST, 5))
                    .extracting(e -> e.ref().id()).containsExactlyElementsOf(ids);
            for (String id : ids) {
                Ref tricky = user(id);
                assertThat(store().exists(tricky, hub)).as("exists for '%s'", id).isTrue();
                assertThat(store().page(tricky, Direction.FOLLOWINGS, EdgeQuery.first(5))).as("followings of '%s'", id)
                        .containsExactly(new Edge(hub, expectedFollowers.get(tricky)));
                assertThat(store().count(tricky, Direction.FOLLOWERS, null)).as("followers of '%s'", id).isEqualTo(1);
                assertThat(store().count(tricky, Direction.FRIENDS, PROJECT)).isEqualTo(1);
            }
        }

        @Test
        void eachTrickyIdOwnsItsDataAlone() {
            List<String> ids = TrickyIds.all();
            for (int i = 0; i < ids.size(); i++) {
                store().follow(user("fan-of-" + i), user(ids.get(i)), at(i));
            }
            for (int i = 0; i < ids.size(); i++) {
                Ref tricky = user(ids.get(i));
                assertThat(store().page(tricky, Direction.FOLLOWERS, EdgeQuery.first(5))).as("followers of '%s'", ids.get(i))
                        .containsExactly(new Edge(user("fan-of-" + i), at(i)));
                assertThat(store().count(tricky, Direction.FOLLOWINGS, null)).isZero();
                assertThat(store().count(project(ids.get(i)), Direction.FOLLOWERS, null)).isZero();
            }
            for (int i = 0; i < ids.size(); i += 5) {
                assertThat(store().removeAll(user(ids.get(i)))).as("removeAll of '%s'", ids.get(i)).isEqualTo(1);
            }
            for (int i = 0; i < ids.size(); i++) {
                assertThat(store().count(user(ids.get(i)), Direction.FOLLOWERS, null)).as("after removals: '%s'", ids.get(i))
                        .isEqualTo(i % 5 == 0 ? 0 : 1);
            }
        }

        @Test
        void idsThatLookLikeSyntaxNeverReachAnotherResource() {
            for (List<String> pair : TrickyIds.confusablePairs()) {
                Ref plain = user(pair.get(0));
                Ref lookalike = user(pair.get(1));
                Ref fan = user("fan");
                store().follow(fan, plain, at(1));
                store().follow(plain, project("x"), at(2));
                String what = "'" + pair.get(1) + "' vs '" + pair.get(0) + "'";
                assertThat(store().exists(fan, lookalike)).as(what).isFalse();
                assertThat(store().exists(lookalike, project("x"))).as(what).isFalse();
                for (Direction direction : Direction.values()) {
                    assertThat(store().count(lookalike, direction, null)).as(what + " " + direction).isZero();
                    assertThat(store().page(lookalike, direction, EdgeQuery.first(5))).as(what + " " + direction).isEmpty();
                }
                assertThat(store().removeAll(lookalike)).as(what).isZero();
                assertThat(store().unfollow(fan, lookalike)).as(what).isFalse();
                assertThat(store().count(plain, Direction.FOLLOWERS, null)).as(what).isEqualTo(1);
                store().follow(fan, lookalike, at(3));
                assertThat(store().since(fan, plain)).as(what).contains(at(1));
                assertThat(store().since(fan, lookalike)).as(what).contains(at(3));
                assertThat(store().count(fan, Direction.FOLLOWINGS, USER)).as(what).isEqualTo(2);
                store().removeAll(plain);
                store().removeAll(lookalike);
                assertThat(store().count(fan, Direction.FOLLOWINGS, null)).as(what).isZero();
            }
        }

        @Test
        void typeAndIdBoundariesNeverCollide() {
            // A backend joining type and id with '-', '_', ':' or '/' must still keep these apart.
            List<Ref> refs = List.of(Ref.of("a", "b-c"), Ref.of("a-b", "c"), Ref.of("a", "b_c"), Ref.of("a_b", "c"),
                    Ref.of("a", "b:c"), Ref.of("a", "b/c"), Ref.of("ab", "c"), Ref.of("a", "bc"));
            for (int i = 0; i < refs.size(); i++) {
                store().follow(user("fan" + i), refs.get(i), at(i));
            }
            for (int i = 0; i < refs.size(); i++) {
                assertThat(store().page(refs.get(i), Direction.FOLLOWERS, EdgeQuery.first(5))).as("followers of %s", refs.get(i))
                        .containsExactly(new Edge(user("fan" + i), at(i)));
                assertThat(store().page(user("fan" + i), Direction.FOLLOWINGS, EdgeQuery.first(5)))
                        .containsExactly(new Edge(refs.get(i), at(i)));
            }
        }

        @Test
        void equalIdsOfDifferentTypesNeverCollide() {
            store().follow(user("1"), project("1"), at(1));
            store().follow(project("1"), user("2"), at(2));
            assertThat(store().exists(user("1"), project("1"))).isTrue();
            assertThat(store().exists(project("1"), project("1"))).isFalse();
            assertThat(store().exists(user("1"), user("1"))).isFalse();
            assertThat(store().count(user("1"), Direction.FOLLOWERS, null)).isZero();
            assertThat(store().count(project("1"), Direction.FOLLOWINGS, null)).isEqualTo(1);
            assertThat(store().count(user("1"), Direction.FOLLOWINGS, null)).isEqualTo(1);
            assertThat(store().page(user("2"), Direction.FOLLOWERS, EdgeQuery.first(5))).containsExactly(new Edge(project("1"), at(2)));
            store().unfollow(user("1"), project("1"));
            assertThat(store().exists(project("1"), user("2"))).isTrue();
        }
    }

    /** Many threads on few pairs: atomic state changes, agreeing directions, exact counts. */
    @Nested
    public class Concurrency {

        @Test
        void randomFollowsAndUnfollowsFromManyThreadsLeaveAConsistentGraph() throws Exception {
            long seed = Seeds.seed(2026_11_23L);
            List<Ref> refs = List.of(user("1"), user("2"), user("3"), user("4"), project("1"), project("2"));
            List<List<Ref>> pairs = new ArrayList<>();
            for (Ref a : refs) {
                for (Ref b : refs) {
                    if (!a.equals(b)) {
                        pairs.add(List.of(a, b));
                    }
                }
            }
            Map<List<Ref>, AtomicInteger> net = new ConcurrentHashMap<>();
            pairs.forEach(p -> net.put(p, new AtomicInteger()));
            int threads = 8;
            int operations = concurrentOperationsPerThread();
            CyclicBarrier start = new CyclicBarrier(threads);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    Random random = new Random(seed + t);
                    done.add(pool.submit(() -> {
                        start.await(30, TimeUnit.SECONDS);
                        for (int i = 0; i < operations; i++) {
                            List<Ref> pair = pairs.get(random.nextInt(pairs.size()));
                            if (random.nextBoolean()) {
                                if (store().follow(pair.get(0), pair.get(1), at(random.nextInt(20)))) {
                                    net.get(pair).incrementAndGet();
                                }
                            } else if (store().unfollow(pair.get(0), pair.get(1))) {
                                net.get(pair).decrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(5, TimeUnit.MINUTES);
                }
            } finally {
                pool.shutdownNow();
            }
            String what = Seeds.replay(seed);
            ReferenceGraph model = new ReferenceGraph();
            for (List<Ref> pair : pairs) {
                int changes = net.get(pair).get();
                boolean exists = store().exists(pair.get(0), pair.get(1));
                assertThat(changes).as(what + ": true follows minus true unfollows of %s", pair).isEqualTo(exists ? 1 : 0);
                store().since(pair.get(0), pair.get(1)).ifPresent(since -> model.follow(pair.get(0), pair.get(1), since));
                assertThat(store().since(pair.get(0), pair.get(1)).isPresent()).isEqualTo(exists);
            }
            assertGraph(model, refs, 2, what);
            for (Ref a : refs) {
                for (Edge friend : Listings.walk(store(), a, Direction.FRIENDS, null, Order.OLDEST_FIRST, 10)) {
                    assertThat(refs(Listings.walk(store(), friend.ref(), Direction.FRIENDS, null, Order.OLDEST_FIRST, 10)))
                            .as(what + ": friends are symmetric").contains(a);
                }
            }
        }

        @Test
        void removeAllRacingWithFollowsKeepsEveryCountExact() throws Exception {
            long seed = Seeds.seed(99_1234L);
            List<Ref> refs = List.of(user("1"), user("2"), user("3"), project("1"), project("2"));
            int threads = 8;
            int operations = concurrentOperationsPerThread();
            java.util.concurrent.atomic.AtomicLong balance = new java.util.concurrent.atomic.AtomicLong();
            CyclicBarrier start = new CyclicBarrier(threads);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    Random random = new Random(seed + t);
                    done.add(pool.submit(() -> {
                        start.await(30, TimeUnit.SECONDS);
                        for (int i = 0; i < operations; i++) {
                            Ref a = refs.get(random.nextInt(refs.size()));
                            Ref b = refs.get(random.nextInt(refs.size()));
                            int op = random.nextInt(20);
                            if (op == 0) {
                                balance.addAndGet(-store().removeAll(a));
                            } else if (op < 13) {
                                if (store().follow(a, b, at(random.nextInt(5)))) {
                                    balance.incrementAndGet();
                                }
                            } else if (store().unfollow(a, b)) {
                                balance.decrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(5, TimeUnit.MINUTES);
                }
            } finally {
                pool.shutdownNow();
            }
            String what = Seeds.replay(seed);
            ReferenceGraph model = new ReferenceGraph();
            long edges = 0;
            for (Ref a : refs) {
                for (Ref b : refs) {
                    java.util.Optional<Instant> since = store().since(a, b);
                    if (since.isPresent()) {
                        model.follow(a, b, since.get());
                        edges++;
                    }
                }
            }
            assertThat(balance.get()).as(what + ": created minus unfollowed minus removeAll counts equals the edges left")
                    .isEqualTo(edges);
            assertGraph(model, refs, 3, what);
        }

        @Test
        void exactlyOneCallerWinsEachChangeOfOnePair() throws Exception {
            int threads = 8;
            int rounds = Math.max(10, concurrentOperationsPerThread() / 8);
            Ref a = user("racer");
            Ref b = project("prize");
            CyclicBarrier barrier = new CyclicBarrier(threads);
            AtomicInteger followWins = new AtomicInteger();
            AtomicInteger unfollowWins = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int self = t;
                    done.add(pool.submit(() -> {
                        for (int round = 0; round < rounds; round++) {
                            barrier.await(30, TimeUnit.SECONDS);
                            if (store().follow(a, b, at(round * 10L + self))) {
                                followWins.incrementAndGet();
                            }
                            barrier.await(30, TimeUnit.SECONDS);
                            if (store().unfollow(a, b)) {
                                unfollowWins.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(5, TimeUnit.MINUTES);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(followWins.get()).as("one winning follow per round").isEqualTo(rounds);
            assertThat(unfollowWins.get()).as("one winning unfollow per round").isEqualTo(rounds);
            assertThat(store().exists(a, b)).isFalse();
            assertThat(store().count(b, Direction.FOLLOWERS, null)).isZero();
            assertThat(store().count(a, Direction.FOLLOWINGS, null)).isZero();
        }
    }

    /** A long random sequence of operations, compared with {@link ReferenceGraph} as it goes. */
    @Nested
    public class AgainstTheReferenceModel {

        @Test
        void aSeededRandomSequenceMatchesTheModel() {
            long seed = Seeds.seed(0x5E9_0E4EL);
            Random random = new Random(seed);
            List<Ref> universe = List.of(user("1"), user("2"), user("1:followers"), user("{2}"), project("1"),
                    project("2"), project("1'--"), user("ü 😀"));
            ReferenceGraph model = new ReferenceGraph();
            int steps = 400;
            for (int step = 1; step <= steps; step++) {
                Ref a = universe.get(random.nextInt(universe.size()));
                Ref b = universe.get(random.nextInt(universe.size()));
                int op = random.nextInt(100);
                String what = Seeds.replay(seed) + ", step " + step;
                if (op < 55) {
                    if (a.equals(b)) {
                        continue;
                    }
                    Instant since = at(random.nextInt(30));
                    assertThat(store().follow(a, b, since)).as("%s: follow(%s, %s)", what, a, b).isEqualTo(model.follow(a, b, since));
                } else if (op < 95) {
                    assertThat(store().unfollow(a, b)).as("%s: unfollow(%s, %s)", what, a, b).isEqualTo(model.unfollow(a, b));
                } else {
                    assertThat(store().removeAll(a)).as("%s: removeAll(%s)", what, a).isEqualTo(model.removeAll(a));
                }
                if (step % 25 == 0) {
                    assertGraph(model, universe, 1 + random.nextInt(4), what);
                }
            }
        }
    }

    /** One resource with a very large number of followers, paged end to end. */
    @Nested
    public class LargeListing {

        @Test
        void aHundredThousandFollowersPageEndToEnd() throws Exception {
            int size = largeListingSize();
            Ref star = project("star");
            int threads = Math.max(1, loadThreads());
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int first = t;
                    done.add(pool.submit(() -> {
                        for (int i = first; i < size; i += threads) {
                            // Three followers per microsecond: ties all along the listing.
                            if (!store().follow(user("f" + i), star, at(i / 3))) {
                                throw new AssertionError("follow of f" + i + " returned false");
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(10, TimeUnit.MINUTES);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(store().count(star, Direction.FOLLOWERS, null)).isEqualTo(size);
            assertThat(store().count(star, Direction.FOLLOWERS, USER)).isEqualTo(size);

            List<Edge> oldest = Listings.walk(store(), star, Direction.FOLLOWERS, null, Order.OLDEST_FIRST, 1_000);
            List<Edge> newest = Listings.walk(store(), star, Direction.FOLLOWERS, null, Order.NEWEST_FIRST, 1_000);
            assertThat(oldest).hasSize(size);
            Map<Ref, Instant> byRef = new HashMap<>(size * 2);
            for (Edge edge : oldest) {
                if (byRef.put(edge.ref(), edge.since()) != null) {
                    throw new AssertionError(edge.ref() + " listed twice");
                }
                int i = Integer.parseInt(edge.ref().id().substring(1));
                if (!edge.since().equals(at(i / 3))) {
                    throw new AssertionError(edge + " has the wrong time");
                }
            }
            Listings.assertTimeOrdered(oldest, Order.OLDEST_FIRST, "large listing");
            assertThat(newest).as("newest first is the exact reverse").isEqualTo(Listings.reversed(oldest));
            assertThat(store().page(star, Direction.FOLLOWERS, EdgeQuery.first(1)))
                    .extracting(Edge::since).containsExactly(at((size - 1) / 3));
        }
    }

    /** Declared persistence or sharing, checked through a second instance over the same data. */
    @Nested
    public class SharedAcrossInstances {

        @Test
        void writesThroughOneInstanceAreSeenByTheOther() {
            Backend other = SharedStorage.requireSecondInstance(backend(), FollowStoreContract.this::openAnother);
            try {
                FollowStore second = other.follows();
                assertThat(store().follow(user("a"), project("p"), at(1))).isTrue();
                assertThat(second.exists(user("a"), project("p"))).isTrue();
                assertThat(second.since(user("a"), project("p"))).contains(at(1));
                assertThat(second.follow(user("a"), project("p"), at(2))).as("already there").isFalse();
                assertThat(second.follow(user("b"), project("p"), at(3))).isTrue();
                assertThat(store().count(project("p"), Direction.FOLLOWERS, null)).isEqualTo(2);
                assertThat(second.page(project("p"), Direction.FOLLOWERS, EdgeQuery.first(10)))
                        .isEqualTo(store().page(project("p"), Direction.FOLLOWERS, EdgeQuery.first(10)));
                assertThat(second.unfollow(user("a"), project("p"))).isTrue();
                assertThat(store().exists(user("a"), project("p"))).isFalse();
                assertThat(second.removeAll(project("p"))).isEqualTo(1);
                assertThat(store().count(project("p"), Direction.FOLLOWERS, null)).isZero();
            } finally {
                other.close();
            }
        }

        @Test
        void concurrentWritesThroughBothInstancesStayAtomic() throws Exception {
            Backend other = SharedStorage.requireSecondInstance(backend(), FollowStoreContract.this::openAnother);
            int threads = 8;
            int rounds = Math.max(10, concurrentOperationsPerThread() / 8);
            Ref a = user("racer");
            Ref b = project("prize");
            CyclicBarrier barrier = new CyclicBarrier(threads);
            AtomicInteger followWins = new AtomicInteger();
            AtomicInteger unfollowWins = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    FollowStore mine = t % 2 == 0 ? store() : other.follows();
                    int self = t;
                    done.add(pool.submit(() -> {
                        for (int round = 0; round < rounds; round++) {
                            barrier.await(30, TimeUnit.SECONDS);
                            if (mine.follow(a, b, at(round * 10L + self))) {
                                followWins.incrementAndGet();
                            }
                            barrier.await(30, TimeUnit.SECONDS);
                            if (mine.unfollow(a, b)) {
                                unfollowWins.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(5, TimeUnit.MINUTES);
                }
            } finally {
                pool.shutdownNow();
                other.close();
            }
            assertThat(followWins.get()).as("one winning follow per round across instances").isEqualTo(rounds);
            assertThat(unfollowWins.get()).as("one winning unfollow per round across instances").isEqualTo(rounds);
            assertThat(store().count(b, Direction.FOLLOWERS, null)).isZero();
        }
    }

    static List<Ref> refs(List<Edge> edges) {
        return edges.stream().map(Edge::ref).collect(Collectors.toList());
    }
}
