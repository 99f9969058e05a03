package dev.sequere.timeline.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sequere.InvalidArgumentException;
import dev.sequere.InvalidCursorException;
import dev.sequere.Page;
import dev.sequere.Ref;
import dev.sequere.Sequere;
import dev.sequere.SequereException;
import dev.sequere.spi.Backend;
import dev.sequere.spi.Direction;
import dev.sequere.spi.Edge;
import dev.sequere.spi.EdgeQuery;
import dev.sequere.spi.EpochMicros;
import dev.sequere.spi.FeedEntry;
import dev.sequere.spi.FeedKey;
import dev.sequere.timeline.Timeline;
import dev.sequere.timeline.TimelineItem;
import dev.sequere.timeline.TimelineListener;
import dev.sequere.timeline.TimelineQuery;
import dev.sequere.timeline.Timelines;
import dev.sequere.timeline.action.Action;
import dev.sequere.timeline.action.InvalidActionException;
import dev.sequere.timeline.action.UnregisteredVerbException;
import dev.sequere.timeline.action.Verb;
import dev.sequere.timeline.fanout.FanOutStats;
import dev.sequere.timeline.fanout.RetryPolicy;
import dev.sequere.timeline.feed.Bounds;
import dev.sequere.timeline.feed.FeedNames;
import dev.sequere.timeline.feed.FilterFeeds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The timeline conformance kit: django-sequere's timeline behaviours, the defects it had that
 * Sequere fixes, fan-out with failures, and concurrency, run against a real backend through the
 * timeline module. Groups that involve filters run once in the default {@link FilterFeeds} mode
 * and again in the other modes (nested subclasses at the end), since each mode answers filters
 * from different storage. A backend's test is a few lines:
 *
 * <pre>{@code
 * class RedisTimelineTest extends TimelineContract {
 *     protected Backend createBackend() { return RedisBackend.builder(jedis).keyPrefix(uniquePrefix()).build(); }
 *     protected void destroyBackend(Backend backend) { dropKeys(); backend.close(); }
 * }
 * }</pre>
 */
public abstract class TimelineContract {

    /** Persons join. */
    protected static final Verb JOIN = Verb.of("join");
    /** Persons like projects. */
    protected static final Verb LIKE = Verb.of("like");
    /** Persons post (no target). */
    protected static final Verb POST = Verb.of("post");
    /** Registered for projects only. */
    protected static final Verb RELEASE = Verb.of("release");

    /** The backend of the current test. */
    protected Backend backend;
    /** The application's database of the current test. */
    protected Directory directory;
    /** The clock of the current test. */
    protected SteppingClock clock;
    /** The Sequere of the current test. */
    protected Sequere sequere;
    /** The timelines of the current test. */
    protected Timelines timelines;
    /** New actions, reported to the listener's {@code onPublished}. */
    protected final List<Action> published = new CopyOnWriteArrayList<>();

    /** Actions skipped in listings, reported to the listener. */
    protected final List<Ref> skipped = new CopyOnWriteArrayList<>();

    private final List<ExecutorService> executors = new ArrayList<>();

    /** The filter feed mode {@link #configure} sets, or {@code null} for the builder's default. */
    private @Nullable FilterFeeds filterFeeds;

    /**
     * A fresh, EMPTY backend in its own namespace (unique key prefix, schema or table prefix)
     * for each test method.
     *
     * @return the backend
     */
    protected abstract Backend createBackend();

    /**
     * Called after each test with the backend {@link #createBackend()} returned: drop only what
     * it made, then close it.
     *
     * @param backend the backend
     */
    protected void destroyBackend(Backend backend) {
        backend.close();
    }

    @BeforeEach
    void setUpTimelines() {
        backend = createBackend();
        directory = new Directory();
        clock = new SteppingClock(Instant.parse("2026-01-01T00:00:00Z"));
        sequere = sequereOver(backend);
        timelines = configure(Timelines.builder(sequere)).build();
    }

    @AfterEach
    void tearDownTimelines() throws InterruptedException {
        if (backend == null) {
            // createBackend() failed or skipped the test: nothing was made.
            return;
        }
        try {
            if (timelines != null) {
                timelines.awaitFanOut(Duration.ofSeconds(60));
                timelines.close();
            }
            for (ExecutorService executor : executors) {
                executor.shutdownNow();
                executor.awaitTermination(10, TimeUnit.SECONDS);
            }
        } finally {
            destroyBackend(backend);
        }
    }

    /**
     * A Sequere over a backend with the kit's types, loaders and clock.
     *
     * @param over the backend
     * @return the instance
     */
    protected Sequere sequereOver(Backend over) {
        return Sequere.builder()
                .backend(over)
                .clock(clock)
                .register(Person.class, t -> t.type("person").id(Person::id).loader(directory::loadPersons))
                .register(Project.class, t -> t.type("project").id(Project::id).loader(directory::loadProjects))
                .build();
    }

    /**
     * The kit's default timeline configuration; tests change it with {@link #rebuild}.
     *
     * @param builder a fresh builder
     * @return the configured builder
     */
    protected Timelines.Builder configure(Timelines.Builder builder) {
        if (filterFeeds != null) {
            builder.filterFeeds(filterFeeds);
        }
        return builder
                .verbs(Person.class, JOIN, LIKE, POST)
                .verbs(Project.class, RELEASE)
                .retry(new RetryPolicy(5, Duration.ofMillis(1), Duration.ofMillis(20)))
                .listener(new TimelineListener() {
                    @Override
                    public void onPublished(Action action) {
                        published.add(action);
                    }

                    @Override
                    public void onActionSkipped(Action action, Ref missing) {
                        skipped.add(missing);
                    }
                });
    }

    /**
     * Operations each of the 8 threads of the concurrency test runs (publish, follow, unfollow
     * at random). Backends that serialise writers (H2's table locks) may lower it.
     *
     * @return the operations per thread, 60 by default
     */
    protected int concurrencyOpsPerThread() {
        return 60;
    }

    /**
     * Replaces the current timelines with differently configured ones on the same Sequere.
     *
     * @param change applied after the default configuration
     * @return the new timelines (also in {@link #timelines})
     */
    protected Timelines rebuild(UnaryOperator<Timelines.Builder> change) {
        timelines.close();
        timelines = change.apply(configure(Timelines.builder(sequere))).build();
        return timelines;
    }

    /**
     * Switches the rest of the test to a filter feed mode (this and every later rebuild).
     *
     * @param mode the mode
     */
    protected void useFilterFeeds(FilterFeeds mode) {
        filterFeeds = mode;
        rebuild(UnaryOperator.identity());
    }

    /**
     * The filter feed mode in use.
     *
     * @return the mode
     */
    protected FilterFeeds filterFeedsMode() {
        return filterFeeds == null ? FilterFeeds.PUBLIC_AND_GLOBAL : filterFeeds;
    }

    /**
     * A thread pool closed after the test.
     *
     * @param threads its size
     * @return the pool
     */
    protected ExecutorService pool(int threads) {
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        executors.add(executor);
        return executor;
    }

    /**
     * Every action id a query lists, walking its pages with cursors.
     *
     * @param query the query
     * @return the ids in page order
     */
    protected static List<String> ids(TimelineQuery query) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            Page<Action> page = query.actions(cursor, 7);
            page.items().forEach(a -> ids.add(a.id()));
            cursor = page.nextCursor();
        } while (cursor != null);
        return ids;
    }

    private void awaitFanOut() {
        try {
            assertThat(timelines.awaitFanOut(Duration.ofSeconds(60))).as("fan-out finished").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Nested
    @DisplayName("publishing")
    class Publishing {

        @Test
        void actorsActionCountsOnceInPrivateAndPublicAlsoUnderFilters() {
            Person thoas = directory.person("thoas");
            Project sequereProject = directory.project("sequere");
            Timeline mine = timelines.of(thoas);
            Action like = mine.save(Action.of(thoas, LIKE).target(sequereProject));

            for (TimelineQuery feed : List.of(mine.privateFeed(), mine.publicFeed())) {
                assertThat(feed.count()).isEqualTo(1);
                assertThat(feed.verb(LIKE).count()).isEqualTo(1);
                assertThat(feed.verb("like").targetType(Project.class).count()).isEqualTo(1);
                assertThat(feed.targetType("project").count()).isEqualTo(1);
                assertThat(feed.verb(JOIN).count()).isZero();
                assertThat(feed.targetType(Person.class).count()).isZero();
                assertThat(ids(feed)).containsExactly(like.id());
            }
        }

        @Test
        void followerGetsItInPrivateOnly() {
            Person thoas = directory.person("thoas");
            Person alice = directory.person("alice");
            sequere.follow(alice, thoas);
            Action join = timelines.of(thoas).save(Action.of(thoas, JOIN));
            awaitFanOut();

            Timeline hers = timelines.of(alice);
            assertThat(ids(hers.privateFeed())).containsExactly(join.id());
            assertThat(hers.privateFeed().verb(JOIN).count()).isEqualTo(1);
            assertThat(hers.publicFeed().count()).isZero();
            assertThat(hers.publicFeed().verb(JOIN).count()).isZero();
        }

        @Test
        void savingTheSameForeignIdTwiceChangesNothing() {
            Person thoas = directory.person("thoas");
            Person alice = directory.person("alice");
            sequere.follow(alice, thoas);
            Action first = timelines.of(thoas).save(Action.of(thoas, POST).id("post-42").data(Map.of("v", "1")));
            Action again = timelines.of(thoas).save(Action.of(thoas, POST).id("post-42").data(Map.of("v", "2")));
            awaitFanOut();

            assertThat(again).isEqualTo(first);
            assertThat(timelines.action("post-42")).contains(first);
            assertThat(timelines.of(thoas).privateFeed().count()).isEqualTo(1);
            assertThat(timelines.of(thoas).publicFeed().verb(POST).count()).isEqualTo(1);
            assertThat(timelines.of(alice).privateFeed().count()).isEqualTo(1);
            assertThat(ids(timelines.of(alice).privateFeed())).containsExactly("post-42");
        }

        @Test
        void generatedIdsSortByCreationTime() {
            Person thoas = directory.person("thoas");
            Action first = timelines.of(thoas).save(Action.of(thoas, JOIN));
            clock.advance(Duration.ofMillis(2));
            Action second = timelines.of(thoas).save(Action.of(thoas, POST));

            assertThat(List.of(first.id(), second.id())).allMatch(id -> id.matches("[-0-9A-Z_a-z]{16}"));
            assertThat(first.id().compareTo(second.id())).isNegative();
            assertThat(ids(timelines.of(thoas).publicFeed())).containsExactly(second.id(), first.id());
        }

        @Test
        void aTakenGeneratedIdIsDrawnAgainNeverMerged() {
            Iterator<String> drawn = List.of("dup-1", "dup-1", "dup-1", "fresh-2").iterator();
            rebuild(b -> b.actionIds(drawn::next));
            Person thoas = directory.person("thoas");
            Action first = timelines.of(thoas).save(Action.of(thoas, POST).data(Map.of("v", "1")));
            Action second = timelines.of(thoas).save(Action.of(thoas, POST).data(Map.of("v", "2")));

            assertThat(first.id()).isEqualTo("dup-1");
            assertThat(second.id()).isEqualTo("fresh-2");
            assertThat(second.data()).containsEntry("v", "2");
            assertThat(timelines.action("dup-1")).contains(first);
            assertThat(timelines.action("fresh-2")).contains(second);
            assertThat(ids(timelines.of(thoas).publicFeed())).containsExactlyInAnyOrder("dup-1", "fresh-2");
            assertThat(published).extracting(Action::id).containsExactly("dup-1", "fresh-2");

            rebuild(b -> b.actionIds(() -> "dup-1"));
            assertThatThrownBy(() -> timelines.of(thoas).save(Action.of(thoas, JOIN)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("8 ids in a row").hasMessageContaining("dup-1");
            assertThat(timelines.of(thoas).publicFeed().count()).isEqualTo(2);
        }

        @Test
        void listenersHearOfEachNewActionOnceNotOfARepeatedId() {
            Person thoas = directory.person("thoas");
            Action first = timelines.of(thoas).save(Action.of(thoas, POST).id("post-7"));
            timelines.of(thoas).save(Action.of(thoas, POST).id("post-7").data(Map.of("v", "2")));
            Action other = timelines.of(thoas).save(Action.of(thoas, JOIN));

            assertThat(published).containsExactly(first, other);
        }

        @Test
        void actionsRoundTripExactly() {
            Person odd = directory.person("1:followers {x} 'é' \"q\" %*");
            Project target = directory.project("{1}'--");
            Map<String, String> data = Map.of("stars", "5", "note", "a:b|c\n'\"{}");
            Action saved = timelines.publish(Action.of(odd, LIKE).target(target).data(data)
                    .id("id with spaces:{and} 'quotes'"));

            Action read = timelines.action(saved.id()).orElseThrow();
            assertThat(read).isEqualTo(saved);
            assertThat(read.actor()).isEqualTo(new Ref("person", odd.id()));
            assertThat(read.target()).isEqualTo(new Ref("project", target.id()));
            assertThat(read.data()).isEqualTo(data);
            assertThat(read.time()).isEqualTo(clock.peek().minusMillis(1));
            Page<TimelineItem> page = timelines.of(odd).publicFeed().page(10);
            assertThat(page.items()).singleElement().satisfies(item -> {
                assertThat(item.actor()).isEqualTo(odd);
                assertThat(item.target()).isEqualTo(target);
            });
        }

        @Test
        void unregisteredVerbIsRefusedAndNothingIsWritten() {
            Person thoas = directory.person("thoas");
            Project project = directory.project("p");
            assertThatThrownBy(() -> timelines.of(thoas).save(Action.of(thoas, RELEASE)))
                    .isInstanceOf(UnregisteredVerbException.class)
                    .hasMessageContaining("release").hasMessageContaining("person");
            assertThatThrownBy(() -> timelines.publish(Action.of(project, LIKE)))
                    .isInstanceOf(UnregisteredVerbException.class);
            assertThatThrownBy(() -> timelines.of(thoas).privateFeed().verb("unknown"))
                    .isInstanceOf(UnregisteredVerbException.class);
            assertThat(timelines.of(thoas).privateFeed().count()).isZero();
            assertThat(timelines.publish(Action.of(project, RELEASE)).verb()).isEqualTo(RELEASE);
        }

        @Test
        void badInputIsRefusedWithClearExceptions() {
            Person thoas = directory.person("thoas");
            Person alice = directory.person("alice");
            assertThatThrownBy(() -> timelines.of(thoas).save(Action.of(alice, JOIN)))
                    .isInstanceOf(InvalidActionException.class).hasMessageContaining("timelines.of(actor)");
            Map<String, String> tooMany = new HashMap<>();
            for (int i = 0; i <= Action.MAX_DATA_ENTRIES; i++) {
                tooMany.put("k" + i, "v");
            }
            assertThatThrownBy(() -> Action.of(thoas, POST).data(tooMany)).isInstanceOf(InvalidActionException.class);
            assertThatThrownBy(() -> Action.of(thoas, POST).data(Map.of("k", "x".repeat(Action.MAX_VALUE_LENGTH + 1))))
                    .isInstanceOf(InvalidActionException.class);
            assertThatThrownBy(() -> Action.of(thoas, POST).data(Map.of("bad key", "v")))
                    .isInstanceOf(InvalidActionException.class);
            assertThatThrownBy(() -> Action.of(thoas, POST).id("")).isInstanceOf(SequereException.class);
            assertThatThrownBy(() -> Verb.of("Not A Verb")).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> timelines.of(thoas).privateFeed().page(0)).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> timelines.of(new Object())).isInstanceOf(SequereException.class);
            assertThat(timelines.of(thoas).privateFeed().count()).isZero();
            assertThat(timelines.of(alice).privateFeed().count()).isZero();
        }

        @Test
        void globalTimelineIsOptInAndHoldsEveryPublicActionOnce() {
            assertThatThrownBy(() -> timelines.globalFeed()).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("globalFeed(true)");
            rebuild(b -> b.globalFeed(true));
            Person thoas = directory.person("thoas");
            Person alice = directory.person("alice");
            sequere.follow(alice, thoas);
            Action a = timelines.publish(Action.of(thoas, JOIN));
            Action b = timelines.publish(Action.of(alice, LIKE).target(directory.project("p")));
            timelines.publish(Action.of(alice, LIKE).target(directory.project("p")).id(b.id()));
            awaitFanOut();

            assertThat(ids(timelines.globalFeed())).containsExactly(b.id(), a.id());
            assertThat(timelines.globalFeed().count()).isEqualTo(2);
            assertThat(timelines.globalFeed().verb(LIKE).count()).isEqualTo(1);
            assertThat(timelines.globalFeed().targetType(Project.class).count()).isEqualTo(1);
            assertThat(timelines.globalFeed().unreadCount()).isEqualTo(2);
        }
    }

    @Nested
    @DisplayName("following and unfollowing")
    class Following {

        @Test
        void afterUnfollowTheFollowersPrivateTimelineNoLongerHoldsIt() {
            Person thoas = directory.person("thoas");
            Person alice = directory.person("alice");
            sequere.follow(alice, thoas);
            Action like = timelines.publish(Action.of(thoas, LIKE).target(directory.project("p")));
            Action own = timelines.publish(Action.of(alice, POST));
            awaitFanOut();
            assertThat(ids(timelines.of(alice).privateFeed())).containsExactly(own.id(), like.id());

            sequere.unfollow(alice, thoas);
            assertThat(ids(timelines.of(alice).privateFeed())).containsExactly(own.id());
            assertThat(timelines.of(alice).privateFeed().verb(LIKE).count()).isZero();
            assertThat(timelines.of(alice).privateFeed().targetType(Project.class).count()).isZero();
            assertThat(timelines.of(thoas).publicFeed().count()).isEqualTo(1);
        }

        @Test
        void anActionSavedBeforeAFollowShowsUpAfterItUnreadAndInTimeOrder() {
            Person thoas = directory.person("thoas");
            Person alice = directory.person("alice");
            Action first = timelines.publish(Action.of(thoas, JOIN));
            Action mine = timelines.publish(Action.of(alice, POST));
            Action second = timelines.publish(Action.of(thoas, LIKE).target(directory.project("p")));
            assertThat(timelines.of(alice).unreadCount()).isEqualTo(1);

            sequere.follow(alice, thoas);
            assertThat(ids(timelines.of(alice).privateFeed())).containsExactly(second.id(), mine.id(), first.id());
            assertThat(timelines.of(alice).unreadCount()).isEqualTo(3);
            assertThat(timelines.of(alice).privateFeed().verb(JOIN).unreadCount()).isEqualTo(1);
            assertThat(timelines.of(alice).privateFeed().targetType(Project.class).count()).isEqualTo(1);
        }

        @Test
        void importIsLimitedToTheNewestActions() {
            rebuild(b -> b.importLimit(3));
            Person thoas = directory.person("thoas");
            Person alice = directory.person("alice");
            List<String> published = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                published.add(timelines.publish(Action.of(thoas, POST)).id());
            }
            sequere.follow(alice, thoas);
            assertThat(ids(timelines.of(alice).privateFeed()))
                    .containsExactly(published.get(4), published.get(3), published.get(2));
        }

        @Test
        void importAndRemovalCanBeSwitchedOff() {
            rebuild(b -> b.importOnFollow(false).removeOnUnfollow(false));
            Person thoas = directory.person("thoas");
            Person alice = directory.person("alice");
            timelines.publish(Action.of(thoas, JOIN));
            sequere.follow(alice, thoas);
            assertThat(timelines.of(alice).privateFeed().count()).isZero();
            Action later = timelines.publish(Action.of(thoas, POST));
            awaitFanOut();
            sequere.unfollow(alice, thoas);
            assertThat(ids(timelines.of(alice).privateFeed())).containsExactly(later.id());
        }

        @Test
        void followUnfollowFollowAgainEndsWithTheLastState() {
            Person thoas = directory.person("thoas");
            Person alice = directory.person("alice");
            Action join = timelines.publish(Action.of(thoas, JOIN));
            for (int i = 0; i < 3; i++) {
                sequere.follow(alice, thoas);
                sequere.unfollow(alice, thoas);
            }
            assertThat(timelines.of(alice).privateFeed().count()).isZero();
            sequere.follow(alice, thoas);
            assertThat(ids(timelines.of(alice).privateFeed())).containsExactly(join.id());
        }

        @Test
        void forgetRemovesTheResourcesActionsEverywhere() {
            Person thoas = directory.person("thoas");
            Person alice = directory.person("alice");
            sequere.follow(alice, thoas);
            sequere.follow(thoas, alice);
            Action gone = timelines.publish(Action.of(thoas, POST));
            Action kept = timelines.publish(Action.of(alice, POST));
            awaitFanOut();

            assertThat(timelines.forget(thoas)).isEqualTo(2);
            assertThat(ids(timelines.of(alice).privateFeed())).containsExactly(kept.id());
            assertThat(timelines.action(gone.id())).isEmpty();
            assertThat(timelines.of(thoas).privateFeed().count()).isZero();
            assertThat(timelines.of(thoas).publicFeed().count()).isZero();
            assertThat(timelines.of(thoas).privateFeed().verb(POST).count()).isZero();
            assertThat(sequere.followers(thoas).count()).isZero();
        }
    }

    @Nested
    @DisplayName("read markers")
    class ReadMarkers {

        @Test
        void unreadCountIsZeroAfterMarkingReadLater() {
            Person thoas = directory.person("thoas");
            Person alice = directory.person("alice");
            sequere.follow(alice, thoas);
            timelines.publish(Action.of(thoas, JOIN));
            timelines.publish(Action.of(thoas, LIKE).target(directory.project("p")));
            awaitFanOut();
            Timeline hers = timelines.of(alice);
            assertThat(hers.readAt()).isEmpty();
            assertThat(hers.unreadCount()).isEqualTo(2);

            clock.advance(Duration.ofMinutes(1));
            hers.markRead();
            assertThat(hers.unreadCount()).isZero();
            assertThat(hers.privateFeed().verb(LIKE).unreadCount()).isZero();

            timelines.publish(Action.of(thoas, LIKE).target(directory.project("q")));
            awaitFanOut();
            assertThat(hers.unreadCount()).isEqualTo(1);
            assertThat(hers.privateFeed().verb(LIKE).unreadCount()).isEqualTo(1);
            assertThat(hers.privateFeed().verb(JOIN).unreadCount()).isZero();
            assertThat(hers.privateFeed().targetType(Project.class).unreadCount()).isEqualTo(1);
        }

        @Test
        void markersOnlyMoveForwardAndKeepMicroseconds() {
            Timeline mine = timelines.of(directory.person("thoas"));
            Instant later = Instant.parse("2026-02-01T10:00:00.123456Z");
            mine.markRead(later);
            mine.markRead(later.minusSeconds(3600));
            assertThat(mine.readAt()).contains(later);
            mine.markRead(later.plusNanos(1_000));
            assertThat(mine.readAt()).contains(later.plusNanos(1_000));
        }

        @Test
        void anActionAtTheMarkerIsRead() {
            Person thoas = directory.person("thoas");
            Instant at = Instant.parse("2026-03-01T00:00:00Z");
            timelines.publish(Action.of(thoas, POST).at(at));
            timelines.of(thoas).markRead(at);
            assertThat(timelines.of(thoas).unreadCount()).isZero();
            timelines.publish(Action.of(thoas, POST).at(at.plusNanos(1_000)));
            assertThat(timelines.of(thoas).unreadCount()).isEqualTo(1);
        }
    }

    @Nested
    @DisplayName("filters")
    class Filters {

        @Test
        void aTargetFilteredCountSeesOnlyActionsWithThatTargetType() {
            Person thoas = directory.person("thoas");
            Person alice = directory.person("alice");
            Project project = directory.project("p");
            Timeline mine = timelines.of(thoas);
            mine.save(Action.of(thoas, JOIN));
            mine.save(Action.of(thoas, LIKE).target(project));
            mine.save(Action.of(thoas, LIKE).target(alice));
            mine.save(Action.of(thoas, POST).target(project));

            assertThat(mine.privateFeed().count()).isEqualTo(4);
            assertThat(mine.privateFeed().targetType(Project.class).count()).isEqualTo(2);
            assertThat(mine.privateFeed().targetTypeOf(alice).count()).isEqualTo(1);
            assertThat(mine.privateFeed().targetType("project").verb(LIKE).count()).isEqualTo(1);
            assertThat(mine.privateFeed().verb(LIKE).count()).isEqualTo(2);
            assertThat(mine.publicFeed().verb(POST).targetType(Project.class).count()).isEqualTo(1);
            for (TimelineQuery q : List.of(mine.privateFeed().targetType(Project.class),
                    mine.privateFeed().verb(LIKE), mine.privateFeed().verb(LIKE).targetType(Person.class))) {
                List<Action> all = new ArrayList<>();
                String cursor = null;
                do {
                    Page<Action> page = q.actions(cursor, 1);
                    all.addAll(page.items());
                    cursor = page.nextCursor();
                } while (cursor != null);
                assertThat((long) all.size()).isEqualTo(q.count());
            }
        }

        @Test
        void onlyTheTimelinesTheModeCoversKeepFilterFeedsAndEveryFilterIsAnswered() {
            Person thoas = directory.person("thoas");
            Person alice = directory.person("alice");
            sequere.follow(alice, thoas);
            Action join = timelines.publish(Action.of(thoas, JOIN));
            awaitFanOut();
            FilterFeeds mode = filterFeedsMode();
            Ref me = sequere.ref(thoas);
            Ref her = sequere.ref(alice);
            assertThat(backend.feeds().count(new FeedKey(me, "public.v.join"))).isEqualTo(mode.covers("public") ? 1 : 0);
            assertThat(backend.feeds().count(new FeedKey(me, "private.v.join"))).isEqualTo(mode.covers("private") ? 1 : 0);
            assertThat(backend.feeds().count(new FeedKey(her, "private.v.join"))).isEqualTo(mode.covers("private") ? 1 : 0);
            for (TimelineQuery feed : List.of(timelines.of(thoas).privateFeed(), timelines.of(thoas).publicFeed(),
                    timelines.of(alice).privateFeed())) {
                assertThat(feed.verb(JOIN).count()).isEqualTo(1);
                assertThat(feed.verb(JOIN).unreadCount()).isEqualTo(1);
                assertThat(ids(feed.verb(JOIN))).containsExactly(join.id());
                assertThat(feed.verb(POST).count()).isZero();
                assertThat(feed.targetType(Project.class).count()).isZero();
                assertThat(feed.verb(POST).page(5).items()).isEmpty();
            }
        }

        @Test
        void filteredPagesWalkEveryMatchOnceWhateverTheScanLimit() {
            rebuild(b -> b.filterScanLimit(3));
            Person thoas = directory.person("thoas");
            Project project = directory.project("p");
            List<String> likes = new ArrayList<>();
            List<String> all = new ArrayList<>();
            for (int i = 0; i < 14; i++) {
                Action action = i % 5 == 2
                        ? timelines.publish(Action.of(thoas, LIKE).target(project))
                        : timelines.publish(Action.of(thoas, POST));
                all.add(action.id());
                if (action.verb().equals(LIKE)) {
                    likes.add(action.id());
                }
            }
            for (TimelineQuery feed : List.of(timelines.of(thoas).privateFeed(), timelines.of(thoas).publicFeed())) {
                TimelineQuery liked = feed.verb(LIKE);
                assertThat(ids(liked)).containsExactlyElementsOf(reversed(likes));
                assertThat(ids(liked.oldestFirst())).containsExactlyElementsOf(likes);
                assertThat(ids(feed.targetType(Project.class).verb(LIKE))).containsExactlyElementsOf(reversed(likes));
                assertThat(liked.count()).isEqualTo(likes.size());
                assertThat(feed.verb(POST).count()).isEqualTo(all.size() - likes.size());
                assertThat(ids(feed)).containsExactlyElementsOf(reversed(all));
                // A page never holds more than asked, and pages shorter than asked still lead on.
                List<String> walked = new ArrayList<>();
                String cursor = null;
                do {
                    Page<Action> page = liked.actions(cursor, 2);
                    assertThat(page.items().size()).isLessThanOrEqualTo(2);
                    page.items().forEach(a -> walked.add(a.id()));
                    cursor = page.nextCursor();
                } while (cursor != null);
                assertThat(walked).containsExactlyElementsOf(reversed(likes));
            }
            Timeline mine = timelines.of(thoas);
            mine.markRead(timelines.action(likes.get(1)).orElseThrow().time());
            assertThat(mine.privateFeed().verb(LIKE).unreadCount()).isEqualTo(1);
            assertThat(mine.privateFeed().verb(POST).unreadCount()).isEqualTo(all.size() - all.indexOf(likes.get(1)) - 2);
        }

        @Test
        void aCursorStaysValidWhenTheFilterFeedModeChanges() {
            Person thoas = directory.person("thoas");
            List<String> posts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                posts.add(timelines.publish(Action.of(thoas, POST)).id());
            }
            String cursor = timelines.of(thoas).publicFeed().verb(POST).actions(2).nextCursor();
            assertThat(cursor).isNotNull();
            // Read on (NONE) or from the filter feeds it wrote: a mode switched on later lacks older entries.
            for (FilterFeeds mode : List.of(FilterFeeds.NONE, filterFeedsMode())) {
                rebuild(b -> b.filterFeeds(mode));
                assertThat(timelines.of(thoas).publicFeed().verb(POST).actions(cursor, 10).items())
                        .extracting(Action::id).containsExactly(posts.get(1), posts.get(0));
            }
            assertThatThrownBy(() -> timelines.of(thoas).publicFeed().verb(JOIN).actions(cursor, 10))
                    .isInstanceOf(InvalidCursorException.class);
        }
    }

    @Nested
    @DisplayName("listings")
    class Listings {

        @Test
        void aStreamWalksTheWholeTimelineLikeItsCursors() {
            Person thoas = directory.person("thoas");
            for (int i = 0; i < 11; i++) {
                timelines.publish(Action.of(thoas, POST));
            }
            TimelineQuery feed = timelines.of(thoas).privateFeed();
            assertThat(feed.streamActions(4).map(Action::id).toList()).containsExactlyElementsOf(ids(feed));
            assertThat(feed.stream(3).map(item -> item.action().id()).toList()).containsExactlyElementsOf(ids(feed));
            assertThat(feed.oldestFirst().streamActions(5).map(Action::id).toList())
                    .containsExactlyElementsOf(ids(feed.oldestFirst()));
            assertThatThrownBy(() -> feed.stream(0)).isInstanceOf(InvalidArgumentException.class);
        }

        @Test
        void pagesWalkEveryActionOnceInBothOrdersWithOneLoaderCallPerTypePerPage() {
            Person thoas = directory.person("thoas");
            List<String> published = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                Person actor = directory.person("p" + (i % 5));
                if (i % 5 != 0) {
                    sequere.follow(thoas, actor);
                }
                published.add(timelines.publish(Action.of(actor, LIKE).target(directory.project("x" + i))).id());
            }
            awaitFanOut();
            List<String> thoasSees = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                if (i % 5 != 0) {
                    thoasSees.add(published.get(i));
                }
            }
            TimelineQuery feed = timelines.of(thoas).privateFeed();
            assertThat(ids(feed.oldestFirst())).containsExactlyElementsOf(thoasSees);
            assertThat(ids(feed)).containsExactlyElementsOf(reversed(thoasSees));

            int persons = directory.personLoads();
            int projects = directory.projectLoads();
            Page<TimelineItem> first = feed.page(8);
            assertThat(first.items()).hasSize(8);
            assertThat(directory.personLoads() - persons).isEqualTo(1);
            assertThat(directory.projectLoads() - projects).isEqualTo(1);
            Page<TimelineItem> second = feed.page(first.nextCursor(), 8);
            assertThat(second.items().get(0).action().id()).isEqualTo(reversed(thoasSees).get(8));
            assertThat(second.items().get(0).target()).isInstanceOf(Project.class);
        }

        @Test
        void equalTimesHaveATotalOrder() {
            Person thoas = directory.person("thoas");
            Instant at = Instant.parse("2026-05-05T05:05:05Z");
            for (String id : List.of("c", "a", "b")) {
                timelines.publish(Action.of(thoas, POST).id(id).at(at));
            }
            List<String> newest = ids(timelines.of(thoas).publicFeed());
            List<String> oldest = ids(timelines.of(thoas).publicFeed().oldestFirst());
            assertThat(newest).containsExactlyInAnyOrder("a", "b", "c");
            assertThat(oldest).containsExactlyElementsOf(reversed(newest));
            assertThat(ids(timelines.of(thoas).publicFeed())).isEqualTo(newest);
        }

        @Test
        void aCursorOfAnotherQueryIsRefused() {
            Person thoas = directory.person("thoas");
            for (int i = 0; i < 3; i++) {
                timelines.publish(Action.of(thoas, POST));
            }
            String cursor = timelines.of(thoas).publicFeed().actions(1).nextCursor();
            assertThat(cursor).isNotNull();
            assertThatThrownBy(() -> timelines.of(thoas).privateFeed().actions(cursor, 1))
                    .isInstanceOf(InvalidCursorException.class);
            assertThatThrownBy(() -> timelines.of(thoas).publicFeed().oldestFirst().actions(cursor, 1))
                    .isInstanceOf(InvalidCursorException.class);
            assertThatThrownBy(() -> timelines.of(thoas).publicFeed().actions("garbage!", 1))
                    .isInstanceOf(InvalidCursorException.class);
        }

        @Test
        void aDamagedOrDanglingEntryIsSkippedNotThrown() {
            Person thoas = directory.person("thoas");
            Action kept = timelines.publish(Action.of(thoas, POST));
            FeedKey home = new FeedKey(sequere.ref(thoas), "private");
            backend.feeds().putItem("junk", "not an action");
            backend.feeds().add(new FeedEntry("junk", EpochMicros.of(clock.peek())), List.of(home));
            backend.feeds().add(new FeedEntry("dangling", EpochMicros.of(clock.peek()) + 1), List.of(home));

            assertThat(timelines.of(thoas).privateFeed().page(10).items())
                    .extracting(i -> i.action().id()).containsExactly(kept.id());
            assertThat(ids(timelines.of(thoas).privateFeed())).containsExactly(kept.id());
            backend.feeds().removeItem("junk");
        }

        @Test
        void actionsWhoseActorOrTargetIsGoneAreSkippedAndReported() {
            Person thoas = directory.person("thoas");
            Person gone = directory.person("gone");
            Project deleted = directory.project("deleted");
            sequere.follow(thoas, gone);
            Action kept = timelines.publish(Action.of(thoas, POST));
            timelines.publish(Action.of(gone, POST));
            timelines.publish(Action.of(thoas, LIKE).target(deleted));
            awaitFanOut();
            directory.delete(gone);
            directory.delete(deleted);

            Page<TimelineItem> page = timelines.of(thoas).privateFeed().page(10);
            assertThat(page.items()).extracting(i -> i.action().id()).containsExactly(kept.id());
            assertThat(page.hasNext()).isFalse();
            assertThat(skipped).contains(new Ref("person", "gone"), new Ref("project", "deleted"));
            assertThat(timelines.of(thoas).privateFeed().count()).isEqualTo(3);
        }
    }

    @Nested
    @DisplayName("deletion")
    class Deletion {

        @Test
        void deletingAnActionRemovesItFromEveryTimelineThatHoldsIt() {
            rebuild(b -> b.globalFeed(true));
            Person thoas = directory.person("thoas");
            List<Person> followers = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                Person follower = directory.person("f" + i);
                sequere.follow(follower, thoas);
                followers.add(follower);
            }
            Action like = timelines.publish(Action.of(thoas, LIKE).target(directory.project("p")));
            Action kept = timelines.publish(Action.of(thoas, POST));
            awaitFanOut();

            assertThat(timelines.delete(like.id())).isTrue();
            assertThat(timelines.delete(like.id())).isFalse();
            assertThat(timelines.action(like.id())).isEmpty();
            assertThat(ids(timelines.of(thoas).privateFeed())).containsExactly(kept.id());
            assertThat(ids(timelines.of(thoas).publicFeed())).containsExactly(kept.id());
            assertThat(timelines.of(thoas).publicFeed().verb(LIKE).count()).isZero();
            assertThat(ids(timelines.globalFeed())).containsExactly(kept.id());
            assertThat(timelines.globalFeed().targetType(Project.class).count()).isZero();
            for (Person follower : followers) {
                assertThat(ids(timelines.of(follower).privateFeed())).containsExactly(kept.id());
                assertThat(timelines.of(follower).privateFeed().verb(LIKE).count()).isZero();
                assertThat(timelines.of(follower).privateFeed().targetType(Project.class).count()).isZero();
            }
        }
    }

    @Nested
    @DisplayName("bounds")
    class Bounded {

        @Test
        void feedsKeepTheNewestN() {
            rebuild(b -> b.bounds(new Bounds(5, null, 1)).batchSize(3));
            Person thoas = directory.person("thoas");
            List<Person> followers = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                Person follower = directory.person("f" + i);
                sequere.follow(follower, thoas);
                followers.add(follower);
            }
            List<String> published = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                published.add(timelines.publish(Action.of(thoas, POST)).id());
            }
            awaitFanOut();
            List<String> newest = reversed(published.subList(4, 9));
            assertThat(ids(timelines.of(thoas).privateFeed())).containsExactlyElementsOf(newest);
            assertThat(ids(timelines.of(thoas).publicFeed())).containsExactlyElementsOf(newest);
            assertThat(timelines.of(thoas).publicFeed().verb(POST).count()).isEqualTo(5);
            for (Person follower : followers) {
                assertThat(ids(timelines.of(follower).privateFeed())).containsExactlyElementsOf(newest);
                assertThat(timelines.of(follower).privateFeed().count()).isEqualTo(5);
            }
        }

        @Test
        void entriesOlderThanTheRetentionWindowAreDroppedOnTheNextWrite() {
            rebuild(b -> b.bounds(new Bounds(0, Duration.ofDays(7), 1)));
            Person thoas = directory.person("thoas");
            timelines.publish(Action.of(thoas, POST).at(clock.peek().minus(Duration.ofDays(30))));
            timelines.publish(Action.of(thoas, POST).at(clock.peek().minus(Duration.ofDays(8))));
            Action recent = timelines.publish(Action.of(thoas, POST).at(clock.peek().minus(Duration.ofDays(1))));
            assertThat(ids(timelines.of(thoas).publicFeed())).containsExactly(recent.id());
            assertThat(timelines.of(thoas).publicFeed().verb(POST).count()).isEqualTo(1);
        }
        @Test
        void entriesPastTheRetentionWindowAreNeitherListedNorCountedEvenWithoutAWrite() {
            rebuild(b -> b.bounds(new Bounds(0, Duration.ofHours(1), 1)));
            Person thoas = directory.person("thoas");
            Person fan = directory.person("fan");
            sequere.follow(fan, thoas);
            timelines.publish(Action.of(thoas, POST));
            clock.advance(Duration.ofMinutes(30));
            timelines.publish(Action.of(thoas, POST));
            // Two hours later, nobody wrote anything: both actions are older than the window.
            clock.advance(Duration.ofHours(2));
            for (Timeline timeline : List.of(timelines.of(thoas), timelines.of(fan))) {
                assertThat(timeline.privateFeed().count()).isZero();
                assertThat(timeline.unreadCount()).isZero();
                assertThat(ids(timeline.privateFeed())).isEmpty();
                assertThat(timeline.privateFeed().verb(POST).count()).isZero();
            }
            assertThat(timelines.of(thoas).publicFeed().count()).isZero();
        }

        @Test
        void aCountBoundIsExactOnReadWhenWritesTrimOnlyNowAndThen() {
            rebuild(b -> b.bounds(new Bounds(3, null, 1_000_000)));
            Person thoas = directory.person("thoas");
            List<String> published = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                published.add(timelines.publish(Action.of(thoas, POST)).id());
            }
            List<String> newest = reversed(published.subList(3, 6));
            assertThat(timelines.of(thoas).privateFeed().count()).isEqualTo(3);
            assertThat(ids(timelines.of(thoas).privateFeed())).containsExactlyElementsOf(newest);
            assertThat(timelines.of(thoas).unreadCount()).isEqualTo(3);
        }
    }

    @Nested
    @DisplayName("fan-out")
    class FanOut {

        @Test
        void asynchronousFanOutInBatchesReachesEveryFollowerAndIsCounted() {
            rebuild(b -> b.executor(pool(3)).batchSize(7));
            Person star = directory.person("star");
            int followerCount = 150;
            for (int i = 0; i < followerCount; i++) {
                sequere.follow(directory.person("fan" + i), star);
            }
            Action post = timelines.publish(Action.of(star, POST));
            awaitFanOut();
            // One entry per follower, plus the per-verb feed where private timelines keep filter feeds.
            long perFollower = new FeedNames(filterFeedsMode()).of(FeedNames.PRIVATE, post).size();
            FanOutStats stats = timelines.stats();
            assertThat(stats.pending()).isZero();
            assertThat(stats.failed()).isZero();
            assertThat(stats.completed()).isEqualTo(1);
            assertThat(stats.delivered()).isEqualTo(perFollower * followerCount);
            for (int i = 0; i < followerCount; i++) {
                assertThat(ids(timelines.of(directory.person("fan" + i)).privateFeed())).containsExactly(post.id());
            }
            timelines.publish(Action.of(star, POST).id(post.id()));
            awaitFanOut();
            assertThat(timelines.stats().delivered()).as("a repeated publish delivers nothing new")
                    .isEqualTo(perFollower * followerCount);
        }

        @Test
        void transientBackendErrorsAreRetriedWithoutDuplicates() {
            FlakyBackend flaky = new FlakyBackend(backend);
            timelines.close();
            sequere = sequereOver(flaky);
            timelines = configure(Timelines.builder(sequere)).batchSize(4).build();
            Person star = directory.person("star");
            for (int i = 0; i < 10; i++) {
                sequere.follow(directory.person("fan" + i), star);
            }
            flaky.failNextAddsTo(sequere.ref(directory.person("fan0")), 3);
            Action post = timelines.publish(Action.of(star, POST));
            awaitFanOut();
            assertThat(timelines.stats().retries()).isGreaterThanOrEqualTo(3);
            assertThat(timelines.stats().failed()).isZero();
            for (int i = 0; i < 10; i++) {
                assertThat(ids(timelines.of(directory.person("fan" + i)).privateFeed())).containsExactly(post.id());
            }
        }

        @Test
        void aGeneratedIdWhoseFirstWriteLostItsReplyIsKept() {
            FlakyBackend flaky = new FlakyBackend(backend);
            timelines.close();
            sequere = sequereOver(flaky);
            Iterator<String> drawn = List.of("first-1", "second-2").iterator();
            timelines = configure(Timelines.builder(sequere)).actionIds(drawn::next).build();
            Person star = directory.person("star");
            Person fan = directory.person("fan");
            sequere.follow(fan, star);
            flaky.loseNextPutItemReply();
            Action post = timelines.publish(Action.of(star, POST).data(Map.of("v", "1")));
            awaitFanOut();

            assertThat(timelines.stats().retries()).as("the lost reply was retried").isEqualTo(1);
            assertThat(post.id()).as("the id its own write took").isEqualTo("first-1");
            assertThat(timelines.action("first-1")).contains(post);
            assertThat(timelines.action("second-2")).isEmpty();
            assertThat(ids(timelines.of(star).publicFeed())).containsExactly(post.id());
            assertThat(ids(timelines.of(fan).privateFeed())).containsExactly(post.id());
            assertThat(published).extracting(Action::id).containsExactly(post.id());
        }

        @Test
        void aFanOutThatExhaustsItsRetriesIsReportedAndCompletedByPublishingAgain() {
            FlakyBackend flaky = new FlakyBackend(backend);
            List<Action> failed = new CopyOnWriteArrayList<>();
            timelines.close();
            sequere = sequereOver(flaky);
            timelines = configure(Timelines.builder(sequere))
                    .retry(new RetryPolicy(2, Duration.ZERO, Duration.ZERO))
                    .listener(new TimelineListener() {
                        @Override
                        public void onFanOutFailed(Action action, Throwable error) {
                            failed.add(action);
                        }
                    })
                    .build();
            Person star = directory.person("star");
            Person fan = directory.person("fan");
            sequere.follow(fan, star);
            flaky.failNextAddsTo(sequere.ref(fan), 2);
            Action post = timelines.publish(Action.of(star, POST));
            awaitFanOut();
            assertThat(failed).containsExactly(post);
            assertThat(timelines.stats().failed()).isEqualTo(1);
            assertThat(timelines.of(fan).privateFeed().count()).isZero();
            assertThat(timelines.of(star).publicFeed().count()).isEqualTo(1);

            assertThat(timelines.publish(Action.of(star, POST).id(post.id()))).isEqualTo(post);
            awaitFanOut();
            assertThat(ids(timelines.of(fan).privateFeed())).containsExactly(post.id());
            assertThat(timelines.of(star).publicFeed().count()).isEqualTo(1);
        }

        @Test
        void awaitReturnsFalseWhileWorkIsPending() throws InterruptedException {
            java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
            ExecutorService pool = pool(1);
            rebuild(b -> b.executor(task -> pool.execute(() -> {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                task.run();
            })));
            Person star = directory.person("star");
            sequere.follow(directory.person("fan"), star);
            timelines.publish(Action.of(star, POST));
            assertThat(timelines.stats().pending()).isEqualTo(1);
            assertThat(timelines.awaitFanOut(Duration.ofMillis(50))).isFalse();
            gate.countDown();
            assertThat(timelines.awaitFanOut(Duration.ofSeconds(30))).isTrue();
            assertThat(timelines.of(directory.person("fan")).privateFeed().count()).isEqualTo(1);
        }
    }

    @Nested
    @DisplayName("concurrency")
    class Concurrency {

        int opsPerThread() {
            return concurrencyOpsPerThread();
        }

        @Test
        void manyThreadsPublishingFollowingAndUnfollowingLeaveExactTimelines() throws Exception {
            rebuild(b -> b.executor(pool(3)).batchSize(3).importLimit(10_000));
            int people = 10;
            int threads = 8;
            int opsPerThread = opsPerThread();
            List<Person> persons = new ArrayList<>();
            for (int i = 0; i < people; i++) {
                persons.add(directory.person("u" + i));
            }
            List<Project> projects = List.of(directory.project("a"), directory.project("b"));
            ConcurrentLinkedQueue<Action> published = new ConcurrentLinkedQueue<>();
            ExecutorService workers = pool(threads);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Random random = new Random(4242L + t);
                futures.add(workers.submit(() -> {
                    for (int op = 0; op < opsPerThread; op++) {
                        Person a = persons.get(random.nextInt(people));
                        Person b = persons.get(random.nextInt(people));
                        int kind = random.nextInt(10);
                        if (kind < 4) {
                            published.add(random.nextBoolean()
                                    ? timelines.publish(Action.of(a, POST))
                                    : timelines.publish(Action.of(a, LIKE).target(projects.get(random.nextInt(2)))));
                        } else if (a.equals(b)) {
                            continue;
                        } else if (kind < 7) {
                            sequere.follow(a, b);
                        } else {
                            sequere.unfollow(a, b);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(5, TimeUnit.MINUTES);
            }
            awaitFanOut();
            assertThat(timelines.stats().failed()).isZero();

            Map<Ref, Set<String>> byActor = new HashMap<>();
            Map<String, Action> actions = new HashMap<>();
            for (Action action : published) {
                byActor.computeIfAbsent(action.actor(), k -> new HashSet<>()).add(action.id());
                actions.put(action.id(), action);
            }
            for (Person person : persons) {
                Ref me = sequere.ref(person);
                Set<String> expected = new HashSet<>(byActor.getOrDefault(me, Set.of()));
                for (Edge edge : backend.follows().page(me, Direction.FOLLOWINGS, EdgeQuery.first(1_000))) {
                    expected.addAll(byActor.getOrDefault(edge.ref(), Set.of()));
                }
                Timeline timeline = timelines.of(person);
                List<String> privateIds = ids(timeline.privateFeed());
                assertThat(privateIds).as("private timeline of %s", me).doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(expected);
                assertThat(timeline.privateFeed().count()).isEqualTo(privateIds.size());
                assertThat(ids(timeline.publicFeed())).containsExactlyInAnyOrderElementsOf(byActor.getOrDefault(me, Set.of()));
                long likes = expected.stream().filter(id -> actions.get(id).verb().equals(LIKE)).count();
                assertThat(timeline.privateFeed().verb(LIKE).count()).isEqualTo(likes);
                assertThat(ids(timeline.privateFeed().verb(LIKE))).hasSize((int) likes);
                assertThat(timeline.privateFeed().targetType(Project.class).count()).isEqualTo(likes);
                assertThat(timeline.privateFeed().verb(POST).count()).isEqualTo(expected.size() - likes);
            }
        }
    }

    @Nested
    @DisplayName("durability: jobs, takeover, races")
    class Durability {

        @Test
        void aPublishWhoseProcessDiedBeforeItsFanOutIsDeliveredByAnotherInstance() {
            Person star = directory.person("star");
            List<Person> fans = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                Person fan = directory.person("fan" + i);
                sequere.follow(fan, star);
                fans.add(fan);
            }
            // The first instance "dies" right after publish returned: its executor never runs the job.
            Timelines dying = configure(Timelines.builder(sequere)).executor(task -> { }).workers(0)
                    .lease(Duration.ofMillis(300)).build();
            Action post = dying.publish(Action.of(star, POST));
            assertThat(ids(dying.of(star).publicFeed())).containsExactly(post.id());
            dying.close();
            assertThat(timelines.of(fans.get(0)).privateFeed().count()).as("nothing delivered yet").isZero();

            Timelines survivor = rebuild(b -> b.workers(1).pollInterval(Duration.ofMillis(20)));
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(survivor.stats().backlog()).isZero());
            for (Person fan : fans) {
                assertThat(ids(survivor.of(fan).privateFeed())).containsExactly(post.id());
            }
            assertThat(survivor.stats().takenOver()).isGreaterThanOrEqualTo(1);
        }

        @Test
        void aFollowWhoseReplyWasLostStillImports() {
            FlakyBackend flaky = new FlakyBackend(backend);
            timelines.close();
            sequere = sequereOver(flaky);
            timelines = configure(Timelines.builder(sequere)).build();
            Person star = directory.person("star");
            Person fan = directory.person("fan");
            Action post = timelines.publish(Action.of(star, POST));
            flaky.loseNextFollowReply();
            assertThatThrownBy(() -> sequere.follow(fan, star)).isInstanceOf(dev.sequere.BackendException.class);
            // The caller retries: the follow is there already, so nothing changes and no event fires...
            assertThat(sequere.follow(fan, star)).isFalse();
            // ...but the import recorded before the first attempt happened all the same.
            assertThat(ids(timelines.of(fan).privateFeed())).containsExactly(post.id());

            flaky.loseNextFollowReply();
            assertThatThrownBy(() -> sequere.unfollow(fan, star)).isInstanceOf(dev.sequere.BackendException.class);
            assertThat(sequere.unfollow(fan, star)).isFalse();
            assertThat(timelines.of(fan).privateFeed().count()).isZero();
        }

        @Test
        void aFailedImportIsReportedAndRetriedByAWorker() {
            FlakyBackend flaky = new FlakyBackend(backend);
            List<Ref> failedSyncs = new CopyOnWriteArrayList<>();
            timelines.close();
            sequere = sequereOver(flaky);
            timelines = configure(Timelines.builder(sequere))
                    .retry(new RetryPolicy(2, Duration.ZERO, Duration.ZERO))
                    .pollInterval(Duration.ofMillis(20))
                    .listener(new TimelineListener() {
                        @Override
                        public void onFollowSyncFailed(Ref follower, Ref followee, Throwable error) {
                            failedSyncs.add(follower);
                        }
                    })
                    .build();
            Person star = directory.person("star");
            Person fan = directory.person("fan");
            Action post = timelines.publish(Action.of(star, POST));
            flaky.failNextAddsTo(sequere.ref(fan), 2);
            assertThat(sequere.follow(fan, star)).isTrue();
            assertThat(failedSyncs).containsExactly(sequere.ref(fan));
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(ids(timelines.of(fan).privateFeed())).containsExactly(post.id()));
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(timelines.stats().backlog()).isZero());
        }

        @Test
        void aDeleteThatFailedMidwayIsFinishedByAWorker() {
            FlakyBackend flaky = new FlakyBackend(backend);
            timelines.close();
            sequere = sequereOver(flaky);
            timelines = configure(Timelines.builder(sequere))
                    .retry(new RetryPolicy(2, Duration.ZERO, Duration.ZERO))
                    .pollInterval(Duration.ofMillis(20))
                    .build();
            Person star = directory.person("star");
            Person fan = directory.person("fan");
            sequere.follow(fan, star);
            Action post = timelines.publish(Action.of(star, POST));
            assertThat(ids(timelines.of(fan).privateFeed())).containsExactly(post.id());
            flaky.failNextRemoves(2);
            assertThatThrownBy(() -> timelines.delete(post.id())).isInstanceOf(dev.sequere.BackendException.class);
            // The item is gone, so a retry finds nothing to delete; the recorded job finishes the rest.
            assertThat(timelines.delete(post.id())).isFalse();
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(timelines.of(fan).privateFeed().count()).isZero();
                assertThat(timelines.of(star).publicFeed().count()).isZero();
                assertThat(timelines.of(star).privateFeed().count()).isZero();
            });
        }

        @Test
        void deletesRacingUnfollowsLeaveNoDanglingEntry() throws Exception {
            Person star = directory.person("star");
            int fansPerRound = 4;
            ExecutorService threads = pool(fansPerRound + 1);
            int rounds = 100;
            for (int round = 0; round < rounds; round++) {
                List<Person> fans = new ArrayList<>();
                for (int i = 0; i < fansPerRound; i++) {
                    Person fan = directory.person("fan" + round + "-" + i);
                    sequere.follow(fan, star);
                    fans.add(fan);
                }
                Action post = timelines.publish(Action.of(star, POST));
                java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(fansPerRound + 1);
                List<Future<?>> racing = new ArrayList<>();
                racing.add(threads.submit(() -> {
                    start.await();
                    return timelines.delete(post.id());
                }));
                for (Person fan : fans) {
                    racing.add(threads.submit(() -> {
                        start.await();
                        return sequere.unfollow(fan, star);
                    }));
                }
                for (Future<?> future : racing) {
                    future.get(30, TimeUnit.SECONDS);
                }
            }
            awaitFanOut();
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < fansPerRound; i++) {
                    Timeline fan = timelines.of(directory.person("fan" + round + "-" + i));
                    assertThat(ids(fan.privateFeed())).as("private timeline of fan%d-%d", round, i).isEmpty();
                    assertThat(fan.privateFeed().count()).isZero();
                }
            }
        }

        @Test
        void checkFindsDriftAndRebuildRepairsIt() {
            Person star = directory.person("star");
            Person other = directory.person("other");
            Person fan = directory.person("fan");
            sequere.follow(fan, star);
            Action a = timelines.publish(Action.of(star, POST));
            Action b = timelines.publish(Action.of(star, POST));
            Action stray = timelines.publish(Action.of(other, POST));
            Action mine = timelines.publish(Action.of(fan, POST));
            Timeline timeline = timelines.of(fan);
            assertThat(timeline.check().consistent()).isTrue();

            // Drift as a lost delivery and a stale entry would leave it.
            FeedKey home = new FeedKey(sequere.ref(fan), FeedNames.PRIVATE);
            backend.feeds().removeEntries(home, List.of(a.id(), mine.id()));
            backend.feeds().add(new FeedEntry(stray.id(), EpochMicros.of(stray.time())), List.of(home));
            var found = timeline.check();
            assertThat(found.missing()).containsExactlyInAnyOrder(a.id(), mine.id());
            assertThat(found.extra()).containsExactly(stray.id());
            assertThat(ids(timeline.privateFeed())).as("check changes nothing").containsExactly(stray.id(), b.id());

            assertThat(timeline.rebuild()).isEqualTo(found);
            assertThat(ids(timeline.privateFeed())).containsExactly(mine.id(), b.id(), a.id());
            assertThat(timeline.check().consistent()).isTrue();
        }

        @Test
        void aFullLocalQueueMakesPublishersRunTheirFanOut() {
            java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
            ExecutorService pool = pool(1);
            rebuild(b -> b.maxPendingFanOuts(2).executor(task -> pool.execute(() -> {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                task.run();
            })));
            Person star = directory.person("star");
            Person fan = directory.person("fan");
            sequere.follow(fan, star);
            for (int i = 0; i < 5; i++) {
                timelines.publish(Action.of(star, POST));
            }
            // Two wait on the gated executor; the other three were delivered by their publishers.
            assertThat(timelines.stats().pending()).isEqualTo(2);
            assertThat(timelines.of(fan).privateFeed().count()).isEqualTo(3);
            gate.countDown();
            awaitFanOut();
            assertThat(timelines.of(fan).privateFeed().count()).isEqualTo(5);
        }
    }

    // The groups again with filter feeds on private timelines too (fan-out writes them), and
    // with none at all (public and global filtered on read).

    @Nested
    @DisplayName("publishing, filter feeds everywhere")
    class PublishingAllFilterFeeds extends Publishing {
        @BeforeEach
        void mode() {
            useFilterFeeds(FilterFeeds.ALL);
        }
    }

    @Nested
    @DisplayName("following and unfollowing, filter feeds everywhere")
    class FollowingAllFilterFeeds extends Following {
        @BeforeEach
        void mode() {
            useFilterFeeds(FilterFeeds.ALL);
        }
    }

    @Nested
    @DisplayName("read markers, filter feeds everywhere")
    class ReadMarkersAllFilterFeeds extends ReadMarkers {
        @BeforeEach
        void mode() {
            useFilterFeeds(FilterFeeds.ALL);
        }
    }

    @Nested
    @DisplayName("filters, filter feeds everywhere")
    class FiltersAllFilterFeeds extends Filters {
        @BeforeEach
        void mode() {
            useFilterFeeds(FilterFeeds.ALL);
        }
    }

    @Nested
    @DisplayName("deletion, filter feeds everywhere")
    class DeletionAllFilterFeeds extends Deletion {
        @BeforeEach
        void mode() {
            useFilterFeeds(FilterFeeds.ALL);
        }
    }

    @Nested
    @DisplayName("bounds, filter feeds everywhere")
    class BoundedAllFilterFeeds extends Bounded {
        @BeforeEach
        void mode() {
            useFilterFeeds(FilterFeeds.ALL);
        }
    }

    @Nested
    @DisplayName("fan-out, filter feeds everywhere")
    class FanOutAllFilterFeeds extends FanOut {
        @BeforeEach
        void mode() {
            useFilterFeeds(FilterFeeds.ALL);
        }
    }

    @Nested
    @DisplayName("concurrency, filter feeds everywhere")
    class ConcurrencyAllFilterFeeds extends Concurrency {
        @BeforeEach
        void mode() {
            useFilterFeeds(FilterFeeds.ALL);
        }

        @Override
        int opsPerThread() {
            // The default-mode run above covers the races at full length; this one the filter feeds' removal paths.
            return Math.max(10, concurrencyOpsPerThread() / 2);
        }
    }

    @Nested
    @DisplayName("publishing, no filter feeds")
    class PublishingNoFilterFeeds extends Publishing {
        @BeforeEach
        void mode() {
            useFilterFeeds(FilterFeeds.NONE);
        }
    }

    @Nested
    @DisplayName("filters, no filter feeds")
    class FiltersNoFilterFeeds extends Filters {
        @BeforeEach
        void mode() {
            useFilterFeeds(FilterFeeds.NONE);
        }
    }

    @Nested
    @DisplayName("deletion, no filter feeds")
    class DeletionNoFilterFeeds extends Deletion {
        @BeforeEach
        void mode() {
            useFilterFeeds(FilterFeeds.NONE);
        }
    }

    @Nested
    @DisplayName("bounds, no filter feeds")
    class BoundedNoFilterFeeds extends Bounded {
        @BeforeEach
        void mode() {
            useFilterFeeds(FilterFeeds.NONE);
        }
    }

    /**
     * A reversed copy.
     *
     * @param list the list
     * @param <T> element type
     * @return a new list in the opposite order
     */
    protected static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }
}
