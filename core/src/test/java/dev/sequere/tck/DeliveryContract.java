package dev.sequere.tck;

import static dev.sequere.tck.Times.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sequere.InvalidArgumentException;
import dev.sequere.Ref;
import dev.sequere.spi.Backend;
import dev.sequere.spi.Capability;
import dev.sequere.spi.Delivery;
import dev.sequere.spi.Edge;
import dev.sequere.spi.FanOutStep;
import dev.sequere.spi.FeedEntry;
import dev.sequere.spi.FeedKey;
import dev.sequere.spi.FeedQuery;
import dev.sequere.spi.FeedStore;
import dev.sequere.spi.FollowStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract of conditional delivery ({@link Backend#deliver}, {@link Backend#purge},
 * {@link Backend#fanOutStep}), run against a real backend: entries land only in the feeds of
 * owners who follow the source, purges remove only after an unfollow, resumable fan-out steps
 * reach every follower once, and, the point of the SPI, deliveries racing unfollows and purges
 * never leave an entry with someone who does not follow (through two instances when the backend
 * declares {@link Capability#SHARED_ACROSS_PROCESSES}).
 */
public abstract class DeliveryContract extends BackendContract {

    /** The actor whose entries are delivered. */
    static final Ref SOURCE = Ref.of("user", "source");
    static final String HOME = "home";
    static final String OTHER = "other";
    static final String UNLISTED = "unlisted";

    /**
     * Follow/unfollow/purge cycles each follower thread runs in the race tests.
     *
     * @return 150 by default, times {@code -Dsequere.tck.soak}
     */
    protected int raceRounds() {
        return Soak.scaled(150);
    }

    /**
     * Followers that follow, unfollow and purge concurrently in the race tests, one thread each.
     *
     * @return 4 by default
     */
    protected int raceFollowers() {
        return 4;
    }

    /**
     * Threads that deliver concurrently in the race tests.
     *
     * @return 3 by default
     */
    protected int raceDeliverers() {
        return 3;
    }

    static Ref user(String id) {
        return Ref.of("user", id);
    }

    static FeedKey key(Ref owner, String name) {
        return new FeedKey(owner, name);
    }

    static FeedEntry entry(String id, long score) {
        return new FeedEntry(id, score);
    }

    final FollowStore follows() {
        return backend().follows();
    }

    final FeedStore feeds() {
        return backend().feeds();
    }

    /** {@code follower} follows {@link #SOURCE} since {@code micros}. */
    final Ref following(String id, long micros) {
        Ref follower = user(id);
        assertThat(follows().follow(follower, SOURCE, at(micros))).isTrue();
        return follower;
    }

    /** A feed's entries by id with their scores. */
    final Map<String, Long> content(FeedKey feed) {
        Map<String, Long> content = new HashMap<>();
        feeds().page(feed, FeedQuery.first(1_000)).forEach(e -> content.put(e.id(), e.score()));
        assertThat(feeds().count(feed)).as("count of %s", feed).isEqualTo(content.size());
        return content;
    }

    /** Conditional writes: only owners who follow the source receive. */
    @Nested
    public class Deliver {

        @Test
        void deliversOnlyToFeedsWhoseOwnerFollowsTheSource() {
            Ref fan = following("fan", 1);
            Ref stranger = user("stranger");
            Ref elsewhere = user("elsewhere");
            follows().follow(elsewhere, user("someone-else"), at(2));
            Ref followedBySource = user("followed");
            follows().follow(SOURCE, followedBySource, at(3));
            Ref sameIdOtherType = user("typed");
            follows().follow(sameIdOtherType, Ref.of("project", SOURCE.id()), at(4));
            List<FeedKey> feeds = List.of(key(fan, HOME), key(stranger, HOME), key(elsewhere, HOME),
                    key(followedBySource, HOME), key(sameIdOtherType, HOME), key(fan, OTHER));
            assertThat(backend().deliver(SOURCE, List.of(new Delivery(entry("e1", 100), feeds)))).isEqualTo(2);
            assertThat(content(key(fan, HOME))).isEqualTo(Map.of("e1", 100L));
            assertThat(content(key(fan, OTHER))).isEqualTo(Map.of("e1", 100L));
            for (Ref nobody : List.of(stranger, elsewhere, followedBySource, sameIdOtherType)) {
                assertThat(content(key(nobody, HOME))).as("%s does not follow the source", nobody).isEmpty();
            }
        }

        @Test
        void deliveryIsInsertIfAbsent() {
            Ref fan = following("fan", 1);
            assertThat(backend().deliver(SOURCE, List.of(new Delivery(entry("e1", 100), List.of(key(fan, HOME))))))
                    .isEqualTo(1);
            assertThat(backend().deliver(SOURCE, List.of(new Delivery(entry("e1", 500),
                    List.of(key(fan, HOME), key(fan, OTHER)))))).as("only the other feed is new").isEqualTo(1);
            assertThat(feeds().score(key(fan, HOME), "e1")).as("score unchanged").hasValue(100);
            assertThat(feeds().score(key(fan, OTHER), "e1")).hasValue(500);
            assertThat(backend().deliver(SOURCE, List.of(new Delivery(entry("e1", 700),
                    List.of(key(fan, HOME), key(fan, OTHER)))))).as("repeat").isZero();
            assertThat(feeds().score(key(fan, HOME), "e1")).hasValue(100);
        }

        @Test
        void countsAreExact() {
            Ref a = following("a", 1);
            Ref b = following("b", 2);
            Ref stranger = user("stranger");
            feeds().add(entry("old", 5), List.of(key(b, HOME)));
            List<Delivery> deliveries = List.of(
                    new Delivery(entry("e1", 10), List.of(key(a, HOME), key(b, HOME), key(stranger, HOME))),
                    new Delivery(entry("e2", 20), List.of(key(a, HOME), key(a, HOME))),
                    new Delivery(entry("old", 30), List.of(key(a, HOME), key(b, HOME))),
                    new Delivery(entry("e1", 40), List.of(key(a, HOME), key(a, OTHER))),
                    new Delivery(entry("e3", 50), List.of()));
            // e1: a, b; e2: a once; old: a only (b held it); e1 again: a.other only.
            assertThat(backend().deliver(SOURCE, deliveries)).isEqualTo(5);
            assertThat(backend().deliver(SOURCE, deliveries)).as("repeat").isZero();
            assertThat(content(key(a, HOME))).isEqualTo(Map.of("e1", 10L, "e2", 20L, "old", 30L));
            assertThat(content(key(b, HOME))).isEqualTo(Map.of("e1", 10L, "old", 5L));
            assertThat(content(key(a, OTHER))).isEqualTo(Map.of("e1", 40L));
            assertThat(content(key(stranger, HOME))).isEmpty();
        }

        @Test
        void anImportDeliversManyEntriesToOneFollowerAtOnce() {
            Ref fan = following("fan", 1);
            Ref stranger = user("stranger");
            List<String> names = List.of(HOME, OTHER, "third");
            List<Delivery> deliveries = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                List<FeedKey> feeds = new ArrayList<>();
                names.forEach(name -> feeds.add(key(fan, name)));
                feeds.add(key(stranger, HOME));
                deliveries.add(new Delivery(entry("post-" + i, 1_000 + i), feeds));
            }
            assertThat(backend().deliver(SOURCE, deliveries)).isEqualTo(60 * names.size());
            assertThat(backend().deliver(SOURCE, deliveries)).as("repeat").isZero();
            for (String name : names) {
                Map<String, Long> feed = content(key(fan, name));
                assertThat(feed).hasSize(60).containsEntry("post-0", 1_000L).containsEntry("post-59", 1_059L);
            }
            assertThat(content(key(stranger, HOME))).isEmpty();
        }

        @Test
        void nothingToDeliverWritesNothing() {
            Ref fan = following("fan", 1);
            assertThat(backend().deliver(SOURCE, List.of())).isZero();
            assertThat(backend().deliver(SOURCE, List.of(new Delivery(entry("e", 1), List.of())))).isZero();
            assertThat(content(key(fan, HOME))).isEmpty();
        }

        @Test
        void afterAnUnfollowNothingIsDelivered() {
            Ref fan = following("fan", 1);
            assertThat(follows().unfollow(fan, SOURCE)).isTrue();
            assertThat(backend().deliver(SOURCE, List.of(new Delivery(entry("e", 1), List.of(key(fan, HOME))))))
                    .isZero();
            assertThat(content(key(fan, HOME))).isEmpty();
            follows().follow(fan, SOURCE, at(2));
            assertThat(backend().deliver(SOURCE, List.of(new Delivery(entry("e", 1), List.of(key(fan, HOME))))))
                    .as("following again").isEqualTo(1);
        }
    }

    /** Cleanup after an unfollow: only when the follower does not follow (any more). */
    @Nested
    public class Purge {

        @Test
        void purgeRemovesNothingWhileTheFollowerFollows() {
            Ref fan = following("fan", 1);
            feeds().add(entry("e1", 1), List.of(key(fan, HOME), key(fan, OTHER)));
            feeds().add(entry("e2", 2), List.of(key(fan, HOME)));
            assertThat(backend().purge(fan, SOURCE, List.of("e1", "e2"), List.of(HOME, OTHER))).isZero();
            assertThat(content(key(fan, HOME))).isEqualTo(Map.of("e1", 1L, "e2", 2L));
            assertThat(content(key(fan, OTHER))).isEqualTo(Map.of("e1", 1L));
        }

        @Test
        void purgeRemovesTheListedEntriesFromTheListedFeedsOnly() {
            Ref fan = following("fan", 1);
            Ref neighbour = user("neighbour");
            feeds().add(entry("e1", 1), List.of(key(fan, HOME), key(fan, OTHER), key(fan, UNLISTED), key(neighbour, HOME)));
            feeds().add(entry("e2", 2), List.of(key(fan, HOME), key(fan, OTHER)));
            feeds().add(entry("keep", 3), List.of(key(fan, HOME)));
            assertThat(follows().unfollow(fan, SOURCE)).isTrue();
            assertThat(backend().purge(fan, SOURCE, List.of("e1"), List.of(HOME))).isEqualTo(1);
            assertThat(content(key(fan, HOME))).isEqualTo(Map.of("e2", 2L, "keep", 3L));
            assertThat(backend().purge(fan, SOURCE, List.of("e1", "e2", "missing"), List.of(HOME, OTHER))).isEqualTo(3);
            assertThat(backend().purge(fan, SOURCE, List.of("e1", "e2", "missing"), List.of(HOME, OTHER))).as("again")
                    .isZero();
            assertThat(content(key(fan, HOME))).isEqualTo(Map.of("keep", 3L));
            assertThat(content(key(fan, OTHER))).isEmpty();
            assertThat(content(key(fan, UNLISTED))).as("feed not listed").isEqualTo(Map.of("e1", 1L));
            assertThat(content(key(neighbour, HOME))).as("another owner's feed").isEqualTo(Map.of("e1", 1L));
        }

        @Test
        void purgeLooksAtTheGivenSourceOnly() {
            Ref fan = user("fan");
            follows().follow(fan, user("someone-else"), at(1));
            follows().follow(fan, Ref.of("project", SOURCE.id()), at(2));
            follows().follow(SOURCE, fan, at(3));
            feeds().add(entry("e1", 1), List.of(key(fan, HOME)));
            assertThat(backend().purge(fan, SOURCE, List.of("e1"), List.of(HOME))).isEqualTo(1);
            assertThat(content(key(fan, HOME))).isEmpty();
        }

        @Test
        void purgeOfNothingRemovesNothing() {
            Ref fan = user("fan");
            feeds().add(entry("e1", 1), List.of(key(fan, HOME)));
            assertThat(backend().purge(fan, SOURCE, List.of(), List.of(HOME))).isZero();
            assertThat(backend().purge(fan, SOURCE, List.of("e1"), List.of())).isZero();
            assertThat(backend().purge(user("nobody"), SOURCE, List.of("e1"), List.of(HOME))).isZero();
            assertThat(content(key(fan, HOME))).isEqualTo(Map.of("e1", 1L));
        }

        @Test
        void aRefollowStopsThePurge() {
            Ref fan = following("fan", 1);
            feeds().add(entry("e1", 1), List.of(key(fan, HOME)));
            follows().unfollow(fan, SOURCE);
            follows().follow(fan, SOURCE, at(2));
            assertThat(backend().purge(fan, SOURCE, List.of("e1"), List.of(HOME))).isZero();
            assertThat(content(key(fan, HOME))).isEqualTo(Map.of("e1", 1L));
        }
    }

    /** Resumable fan-out: oldest first, {@code limit} followers per step, each follower once. */
    @Nested
    public class FanOutSteps {

        private final List<String> names = List.of(HOME, OTHER);

        /** Walks a whole fan-out step by step, checking each step; returns the steps. */
        private List<FanOutStep> walk(Map<Ref, Instant> followers, FeedEntry entry, int limit) {
            List<FanOutStep> steps = new ArrayList<>();
            @Nullable Edge after = null;
            int maxSteps = followers.size() / limit + 2;
            while (true) {
                FanOutStep step = backend().fanOutStep(SOURCE, names, entry, after, limit);
                steps.add(step);
                int covered = Math.min(followers.size(), steps.size() * limit);
                List<Ref> holders = followers.keySet().stream()
                        .filter(f -> feeds().score(key(f, HOME), entry.id()).isPresent()).collect(Collectors.toList());
                assertThat(holders).as("followers reached after step %d of %d", steps.size(), limit).hasSize(covered);
                Instant newestHolder = holders.stream().map(followers::get).max(Instant::compareTo).orElse(Instant.MIN);
                for (Map.Entry<Ref, Instant> f : followers.entrySet()) {
                    if (!holders.contains(f.getKey())) {
                        assertThat(f.getValue()).as("oldest first: %s waits, yet a newer follower got the entry",
                                f.getKey()).isAfterOrEqualTo(newestHolder);
                    }
                }
                for (Ref holder : holders) {
                    assertThat(feeds().score(key(holder, OTHER), entry.id())).as("%s, other feed", holder).isPresent();
                    assertThat(feeds().count(key(holder, UNLISTED))).isZero();
                }
                if (step.last() == null) {
                    break;
                }
                assertThat(holders).contains(step.last().ref());
                assertThat(step.last().since()).isEqualTo(newestHolder);
                assertThat(steps.size()).as("steps of %d over %d followers", limit, followers.size()).isLessThan(maxSteps);
                after = step.last();
            }
            assertThat(steps.stream().mapToLong(FanOutStep::delivered).sum()).as("delivered in all")
                    .isEqualTo((long) followers.size() * names.size());
            return steps;
        }

        /** Followers of {@link #SOURCE} at the given follow times (micros), in order. */
        private Map<Ref, Instant> followers(long... times) {
            Map<Ref, Instant> followers = new LinkedHashMap<>();
            for (int i = 0; i < times.length; i++) {
                followers.put(following("f" + i, times[i]), at(times[i]));
            }
            return followers;
        }

        @Test
        void stepsWalkFollowersOldestFirst() {
            Map<Ref, Instant> followers = followers(5, 1, 3, 3, 3, 7, 7, 2, 9, 9);
            Ref stranger = user("stranger");
            follows().follow(stranger, user("someone-else"), at(4));
            List<FanOutStep> steps = walk(followers, entry("e", 42), 3);
            assertThat(steps).hasSize(4);
            assertThat(steps.get(3).delivered()).isEqualTo(2);
            assertThat(content(key(stranger, HOME))).isEmpty();
            for (Ref f : followers.keySet()) {
                assertThat(content(key(f, HOME))).isEqualTo(Map.of("e", 42L));
            }
        }

        @Test
        void followersWithEqualFollowTimesAreEachReachedOnce() {
            long[] tied = new long[11];
            java.util.Arrays.fill(tied, 7);
            Map<Ref, Instant> followers = followers(tied);
            walk(followers, entry("e", 1), 3);
            walk(followers, entry("f", 2), 1);
            walk(followers, entry("g", 3), 11);
            walk(followers, entry("h", 4), 100);
        }

        @Test
        void aFollowerCountThatIsAMultipleOfTheLimitEnds() {
            Map<Ref, Instant> followers = followers(1, 2, 2, 4, 5, 5);
            List<FanOutStep> steps = walk(followers, entry("e", 1), 3);
            assertThat(steps.size()).isBetween(2, 3);
        }

        @Test
        void noFollowersIsOneEmptyStep() {
            assertThat(backend().fanOutStep(SOURCE, names, entry("e", 1), null, 10)).isEqualTo(new FanOutStep(0, null));
        }

        @Test
        void resumingFromAnEarlierPositionRedoesNothing() {
            Map<Ref, Instant> followers = followers(1, 2, 3, 4, 5);
            walk(followers, entry("e", 1), 2);
            FanOutStep first = backend().fanOutStep(SOURCE, names, entry("e", 1), null, 2);
            assertThat(first.delivered()).isZero();
            FanOutStep again = backend().fanOutStep(SOURCE, names, entry("e", 1), first.last(), 2);
            assertThat(again.delivered()).isZero();
            for (Ref f : followers.keySet()) {
                assertThat(feeds().count(key(f, HOME))).isEqualTo(1);
            }
        }

        @Test
        void aStepResumesAfterAFollowerWhoLeftMeanwhile() {
            // A job saved the last edge of its step; that follower unfollows before the job goes on:
            // the next step must continue right after the saved position, neither restart nor skip.
            Map<Ref, Instant> followers = followers(1, 2, 3, 3, 3, 3, 4, 5);
            FeedEntry e = entry("e", 1);
            FanOutStep first = backend().fanOutStep(SOURCE, names, e, null, 4);
            Edge saved = first.last();
            assertThat(saved).isNotNull();
            assertThat(follows().unfollow(saved.ref(), SOURCE)).isTrue();
            long delivered = first.delivered();
            @Nullable Edge after = saved;
            int steps = 0;
            while (after != null) {
                FanOutStep step = backend().fanOutStep(SOURCE, names, e, after, 2);
                delivered += step.delivered();
                after = step.last();
                assertThat(++steps).as("steps after resuming").isLessThanOrEqualTo(4);
            }
            assertThat(delivered).as("every follower once, the leaver in the first step").isEqualTo(8L * names.size());
            for (Ref f : followers.keySet()) {
                assertThat(feeds().count(key(f, HOME))).as("%s", f).isEqualTo(1);
            }
        }

        @Test
        void aFollowerWhoLeftBeforeTheStepIsSkipped() {
            Map<Ref, Instant> followers = followers(1, 2, 3);
            Ref leaver = followers.keySet().iterator().next();
            follows().unfollow(leaver, SOURCE);
            followers.remove(leaver);
            walk(followers, entry("e", 1), 2);
            assertThat(content(key(leaver, HOME))).isEmpty();
        }
    }

    /** Bad arguments: a clear InvalidArgumentException, and nothing written or removed. */
    @Nested
    public class Arguments {

        @Test
        void fanOutStepRejectsBadLimitsAndNames() {
            Ref fan = following("fan", 1);
            FeedEntry e = entry("e", 1);
            assertThatThrownBy(() -> backend().fanOutStep(SOURCE, List.of(HOME), e, null, 0))
                    .isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> backend().fanOutStep(SOURCE, List.of(HOME), e, null, -1))
                    .isInstanceOf(InvalidArgumentException.class);
            for (String name : new String[] {"", "Home", "home feed", "home:1", "x".repeat(65)}) {
                assertThatThrownBy(() -> backend().fanOutStep(SOURCE, List.of(HOME, name), e, null, 10))
                        .as("feed name '%s'", name).isInstanceOf(InvalidArgumentException.class);
            }
            assertThat(content(key(fan, HOME))).isEmpty();
        }

        @Test
        void purgeRejectsBadNamesAndIdsWhetherOrNotTheFollowerFollows() {
            Ref fan = following("fan", 1);
            Ref gone = user("gone");
            feeds().add(entry("e1", 1), List.of(key(fan, HOME), key(gone, HOME)));
            for (Ref follower : List.of(fan, gone)) {
                for (String name : new String[] {"", "Home", "home feed", "x".repeat(65)}) {
                    assertThatThrownBy(() -> backend().purge(follower, SOURCE, List.of("e1"), List.of(HOME, name)))
                            .as("%s, feed name '%s'", follower, name).isInstanceOf(InvalidArgumentException.class);
                }
                for (String id : new String[] {"", "x".repeat(Ref.MAX_ID_LENGTH + 1), "a\nb"}) {
                    assertThatThrownBy(() -> backend().purge(follower, SOURCE, List.of("e1", id), List.of(HOME)))
                            .as("%s, entry id '%s'", follower, id).isInstanceOf(InvalidArgumentException.class);
                }
                assertThat(content(key(follower, HOME))).as("nothing removed").isEqualTo(Map.of("e1", 1L));
            }
        }

        @Test
        void deliveriesRejectBadFeedsBeforeWriting() {
            assertThatThrownBy(() -> new Delivery(entry("e", 1), null)).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> key(user("fan"), "Home")).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> entry("", 1)).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> entry("e", FeedEntry.MAX_EXACT_SCORE + 1)).isInstanceOf(InvalidArgumentException.class);
        }
    }

    /** The point of the SPI: deliveries racing unfollows and purges leave nothing behind. */
    @Nested
    public class Races {

        @Test
        void deliveriesRacingUnfollowsAndPurgesLeaveNoEntryWithANonFollower() throws Exception {
            race(backend(), false);
        }

        @Test
        void fanOutStepsRacingUnfollowsAndPurgesLeaveNoEntryWithANonFollower() throws Exception {
            race(backend(), true);
        }
    }

    /** Declared sharing between processes: the races through two instances. */
    @Nested
    public class SharedAcrossProcesses {

        @Test
        void deliveriesThroughAnotherInstanceRacingUnfollowsAndPurgesLeaveNothingBehind() throws Exception {
            Backend other = SharedProcesses.requireSecondProcess(backend(), DeliveryContract.this::openAnother);
            try {
                race(other, false);
            } finally {
                other.close();
            }
        }

        @Test
        void fanOutStepsThroughAnotherInstanceRacingUnfollowsAndPurgesLeaveNothingBehind() throws Exception {
            Backend other = SharedProcesses.requireSecondProcess(backend(), DeliveryContract.this::openAnother);
            try {
                race(other, true);
            } finally {
                other.close();
            }
        }
    }

    /**
     * {@link #raceFollowers()} threads each follow {@link #SOURCE}, unfollow it, purge every entry
     * of the pool from their two feeds and check that both stay empty until they follow again,
     * round after round, while {@link #raceDeliverers()} threads deliver entries of the pool from
     * {@link #SOURCE} to every racer's feeds through {@code delivering} (with {@link Backend#deliver},
     * or walking the followers with {@link Backend#fanOutStep} when {@code viaFanOutSteps}). Once all
     * is quiet, no racer that does not follow holds anything, and a last purge finds nothing to remove.
     */
    final void race(Backend delivering, boolean viaFanOutSteps) throws Exception {
        int racers = raceFollowers();
        int rounds = raceRounds();
        Race race = new Race(racers);
        int threads = racers + raceDeliverers();
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService workers = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> racing = new ArrayList<>();
            List<Future<?>> deliverers = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                Ref follower = race.followers.get(i);
                boolean endsFollowing = i % 2 == 1;
                racing.add(workers.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    for (int round = 0; round < rounds; round++) {
                        followUnfollowAndPurge(race, follower, round);
                    }
                    if (endsFollowing) {
                        follows().follow(follower, SOURCE, at(rounds));
                    }
                    return null;
                }));
            }
            for (int d = 0; d < raceDeliverers(); d++) {
                int self = d;
                deliverers.add(workers.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    try {
                        deliverUntilDone(race, delivering, viaFanOutSteps, self);
                    } finally {
                        race.deliverersStopped.set(true);
                    }
                    return null;
                }));
            }
            try {
                for (Future<?> f : racing) {
                    f.get(5, TimeUnit.MINUTES);
                }
            } finally {
                race.done.set(true);
            }
            for (Future<?> f : deliverers) {
                f.get(1, TimeUnit.MINUTES);
            }
        } finally {
            workers.shutdownNow();
        }
        for (int i = 0; i < racers; i++) {
            Ref follower = race.followers.get(i);
            boolean follows = follows().exists(follower, SOURCE);
            assertThat(follows).as("%s follows at the end", follower).isEqualTo(i % 2 == 1);
            if (!follows) {
                checkEmpty(race, follower, "when all was quiet");
                long stale = backend().purge(follower, SOURCE, race.pool, race.names);
                if (stale != 0) {
                    race.violations.add(follower + ": the final purge still removed " + stale + " entries");
                }
            }
        }
        assertThat(race.violations).as("entries left with non-followers (%d delivery calls wrote %d feeds)",
                race.calls.get(), race.delivered.get()).isEmpty();
        assertThat(race.delivered.get()).as("deliveries reached followers at all (else the race proves nothing)")
                .isPositive();
    }

    /** One round of a racer: follow, let deliveries run, unfollow, purge, check twice. */
    final void followUnfollowAndPurge(Race race, Ref follower, int round) {
        follows().follow(follower, SOURCE, at(round));
        // Let deliveries run while it follows, so that some are under way at the unfollow.
        race.awaitCalls(2);
        follows().unfollow(follower, SOURCE);
        backend().purge(follower, SOURCE, race.pool, race.names);
        checkEmpty(race, follower, "round " + round + " right after its purge");
        // A delivery that saw the follow and wrote after the purge would show now.
        race.awaitCalls(1);
        checkEmpty(race, follower, "round " + round + " a delivery later");
    }

    /** A deliverer: entries of the pool to every racer's feeds, until the racers are done. */
    static void deliverUntilDone(Race race, Backend delivering, boolean viaFanOutSteps, int self) {
        // Each deliverer its own sequence, so that they send different entries at the same moment.
        long n = self * 1_000_003L;
        while (!race.done.get()) {
            if (viaFanOutSteps) {
                FeedEntry entry = entry(race.pool.get((int) (n % race.pool.size())), n);
                @Nullable Edge after = null;
                do {
                    FanOutStep step = delivering.fanOutStep(SOURCE, race.names, entry, after, 2);
                    race.delivered.addAndGet(step.delivered());
                    race.calls.incrementAndGet();
                    after = step.last();
                } while (after != null);
            } else {
                // One to three entries per call, as a fan-out batch or an import would send.
                List<Delivery> batch = new ArrayList<>();
                for (int k = 0; k <= n % 3; k++) {
                    long seq = n * 3 + k;
                    batch.add(new Delivery(entry(race.pool.get((int) (seq % race.pool.size())), seq), race.allFeeds));
                }
                race.delivered.addAndGet(delivering.deliver(SOURCE, batch));
                race.calls.incrementAndGet();
            }
            n++;
        }
    }

    /** Records a violation when a non-follower's feeds hold anything. */
    final void checkEmpty(Race race, Ref follower, String when) {
        for (String name : race.names) {
            List<FeedEntry> held = feeds().page(key(follower, name), FeedQuery.first(5));
            if (!held.isEmpty()) {
                race.violations.add(follower + " " + when + ": feed '" + name + "' holds " + held);
            }
        }
    }

    /** What the threads of one race share. */
    static final class Race {
        final List<Ref> followers = new ArrayList<>();
        final List<FeedKey> allFeeds = new ArrayList<>();
        final List<String> names = List.of(HOME, OTHER);
        /**
         * A fixed pool of entry ids, delivered over and over: a purge lists them all, so the test
         * keeps no record of what was delivered when; insert-if-absent makes re-delivery to a
         * holder a no-op and to a purged feed a fresh write (the dangerous one).
         */
        final List<String> pool = new ArrayList<>();
        final List<String> violations = Collections.synchronizedList(new ArrayList<>());
        final AtomicBoolean done = new AtomicBoolean();
        final AtomicBoolean deliverersStopped = new AtomicBoolean();
        final AtomicLong delivered = new AtomicLong();
        final AtomicLong calls = new AtomicLong();

        Race(int racers) {
            for (int i = 0; i < racers; i++) {
                Ref follower = user("racer-" + i);
                followers.add(follower);
                names.forEach(name -> allFeeds.add(key(follower, name)));
            }
            for (int i = 0; i < 64; i++) {
                pool.add("entry-" + i);
            }
        }

        /**
         * Yields until the deliverers completed {@code count} more calls (or one of them stopped,
         * which fails the test afterwards): waits for events, not for time.
         */
        void awaitCalls(int count) {
            long target = calls.get() + count;
            while (calls.get() < target && !deliverersStopped.get()) {
                Thread.yield();
            }
        }
    }
}
