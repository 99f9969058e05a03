package dev.sequere.tck;

import static dev.sequere.tck.Times.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sequere.Follow;
import dev.sequere.FollowQuery;
import dev.sequere.InvalidArgumentException;
import dev.sequere.InvalidCursorException;
import dev.sequere.InvalidRefException;
import dev.sequere.Page;
import dev.sequere.Ref;
import dev.sequere.RegistrationException;
import dev.sequere.SelfFollowException;
import dev.sequere.Sequere;
import dev.sequere.UnregisteredTypeException;
import dev.sequere.event.FollowEvent;
import dev.sequere.event.SequereListener;
import dev.sequere.spi.Backend;
import dev.sequere.spi.Direction;
import dev.sequere.spi.EdgeQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.jspecify.annotations.Nullable;

/**
 * The contract of the {@link Sequere} facade over a backend: registration, validation, events,
 * time, queries, cursors and loading. A backend's test extends it and implements
 * {@link #createBackend()}; a backend passes it when it passes the SPI contracts, so this class
 * mostly guards the facade against regressions on every real backend.
 */
public abstract class SequereContract extends BackendContract {

    /** The clock every facade built by {@link #builder()} reads. */
    protected final MutableClock clock = new MutableClock(Times.BASE);
    /** Users the registered loader returns. */
    protected final Catalog<User> users = new Catalog<>(User::id);
    /** Projects the registered loader returns. */
    protected final Catalog<Project> projects = new Catalog<>(Project::id);
    /** Records every event of facades built by {@link #builder()}. */
    protected final RecordingListener events = new RecordingListener();

    private @Nullable Sequere sequere;

    /**
     * A builder over this test's backend, with {@link User} and {@link Project} registered with
     * loaders over {@link #users} and {@link #projects}, the test clock and the recording listener.
     *
     * @return a builder to complete or build
     */
    protected Sequere.Builder builder() {
        return Sequere.builder().backend(backend()).clock(clock).listener(events)
                .register(User.class, t -> t.loader(users.loader()))
                .register(Project.class, t -> t.loader(projects.loader()));
    }

    /**
     * The facade of {@link #builder()}, built once per test.
     *
     * @return the facade
     */
    protected final Sequere sequere() {
        Sequere current = sequere;
        if (current == null) {
            current = builder().build();
            sequere = current;
        }
        return current;
    }

    /** An entity subclass, as Hibernate generates for lazy proxies. */
    public static class AccountProxy extends Account {

        /**
         * Creates a proxy.
         *
         * @param id the entity id
         */
        public AccountProxy(String id) {
            super(id);
        }
    }

    /** A class nobody registers. */
    public static final class Unregistered {
    }

    /** A class whose simple name is not a valid type name. */
    public static final class Façade {
    }

    /** Asserts that the backend holds no follow at all for the given refs. */
    final void assertNothingStored(Ref... refs) {
        for (Ref ref : refs) {
            for (Direction direction : Direction.values()) {
                assertThat(backend().follows().count(ref, direction, null)).as("%s of %s", direction, ref).isZero();
            }
        }
    }

    /** Registration, lookup and the registry's errors. */
    @Nested
    public class Registration {

        @Test
        void defaultsAndOverridesAreApplied() {
            Sequere s = Sequere.builder().backend(backend())
                    .register(Project.class)
                    .register(User.class, t -> t.type("member").id(User::id))
                    .register(Account.class)
                    .build();
            assertThat(s.ref(new Project("1"))).isEqualTo(Ref.of("project", "1"));
            assertThat(s.ref(new User("1"))).isEqualTo(Ref.of("member", "1"));
            assertThat(s.ref(new Account("9"))).as("getId() by default").isEqualTo(Ref.of("account", "9"));
            assertThat(s.follow(new User("1"), new Project("1"))).isTrue();
            assertThat(backend().follows().exists(Ref.of("member", "1"), Ref.of("project", "1"))).isTrue();
        }

        @Test
        void aSubclassInstanceFindsItsRegisteredType() {
            Sequere s = builder().register(Account.class).build();
            AccountProxy proxy = new AccountProxy("7");
            assertThat(s.ref(proxy)).isEqualTo(Ref.of("account", "7"));
            assertThat(s.follow(proxy, new User("u"))).isTrue();
            assertThat(s.isFollowing(new Account("7"), new User("u"))).isTrue();
            assertThat(s.follow(new Account("7"), new User("u"))).as("same resource, proxy or not").isFalse();
        }

        @Test
        void anUnregisteredClassIsNamedInTheError() {
            assertThatThrownBy(() -> sequere().follow(new Unregistered(), new User("u")))
                    .isInstanceOf(UnregisteredTypeException.class)
                    .hasMessageContaining(Unregistered.class.getName())
                    .hasMessageContaining("register");
            assertThatThrownBy(() -> sequere().followers(new Unregistered())).isInstanceOf(UnregisteredTypeException.class);
            assertThatThrownBy(() -> sequere().followers(new User("u")).ofType(Unregistered.class))
                    .isInstanceOf(UnregisteredTypeException.class);
            assertThatThrownBy(() -> sequere().follow(Ref.of("ghost", "1"), new User("u")))
                    .isInstanceOf(UnregisteredTypeException.class).hasMessageContaining("ghost");
            assertThatThrownBy(() -> sequere().followers(new User("u")).ofType("ghost")).isInstanceOf(UnregisteredTypeException.class);
            assertNothingStored(Ref.of("user", "u"), Ref.of("ghost", "1"));
        }

        @Test
        void duplicateTypeNamesAndClassesAreRejectedAtBuild() {
            assertThatThrownBy(() -> Sequere.builder().backend(backend())
                    .register(User.class).register(Project.class, t -> t.type("user")).build())
                    .isInstanceOf(RegistrationException.class).hasMessageContaining("user");
            assertThatThrownBy(() -> Sequere.builder().backend(backend())
                    .register(User.class).register(User.class, t -> t.type("other")).build())
                    .isInstanceOf(RegistrationException.class).hasMessageContaining(User.class.getName());
        }

        @Test
        void invalidTypeNamesAreRejected() {
            assertThatThrownBy(() -> Sequere.builder().register(Façade.class, t -> t.id(x -> "1")))
                    .isInstanceOf(RegistrationException.class).hasMessageContaining("t.type");
            assertThatThrownBy(() -> Sequere.builder().register(User.class, t -> t.type("Bad Type")))
                    .isInstanceOf(RegistrationException.class);
            assertThatThrownBy(() -> Sequere.builder().register(Unregistered.class))
                    .as("no id accessor").isInstanceOf(RegistrationException.class).hasMessageContaining("t.id(");
        }

        @Test
        void aBackendIsRequired() {
            assertThatThrownBy(() -> Sequere.builder().register(User.class).build()).isInstanceOf(RegistrationException.class);
        }
    }

    /** Bad input throws from the SequereException hierarchy and writes nothing. */
    @Nested
    public class Validation {

        @ParameterizedTest(name = "invalid id #{index}")
        @ValueSource(strings = {"", "a\nb", "a\u0000b", "\u007f", "\u0085", "x\ud800", "\udc00x", "\ud800\ud800"})
        void invalidIdsAreRejectedAndNothingIsWritten(String badId) {
            assertRejectedEverywhere(new User(badId), InvalidRefException.class);
        }

        @Test
        void idsLongerThan255CharactersAreRejected() {
            assertRejectedEverywhere(new User("x".repeat(256)), InvalidRefException.class);
            assertThat(sequere().follow(new User("x".repeat(255)), new Project("p"))).isTrue();
        }

        @Test
        void anUnsavedEntityIsRejected() {
            Sequere s = builder().register(Account.class).build();
            assertThatThrownBy(() -> s.follow(new Account(null), new User("u")))
                    .isInstanceOf(InvalidRefException.class).hasMessageContaining("null id");
            assertNothingStored(Ref.of("user", "u"));
        }

        @Test
        void nullsAreRejected() {
            User u = new User("u");
            List<ThrowingCallable> calls = List.of(
                    () -> sequere().follow(null, u), () -> sequere().follow(u, null),
                    () -> sequere().follow(u, new Project("p"), null),
                    () -> sequere().unfollow(null, u), () -> sequere().isFollowing(u, null),
                    () -> sequere().followers(null), () -> sequere().followings(null), () -> sequere().friends(null),
                    () -> sequere().forget(null), () -> sequere().followers(u).ofType((Class<?>) null),
                    () -> sequere().followers(u).ofType((String) null));
            for (ThrowingCallable call : calls) {
                assertThatThrownBy(call).isInstanceOf(InvalidArgumentException.class);
            }
            assertNothingStored(Ref.of("user", "u"), Ref.of("project", "p"));
        }

        private void assertRejectedEverywhere(User bad, Class<? extends Throwable> error) {
            User good = users.add(new User("good"));
            Project project = new Project("p");
            List<ThrowingCallable> calls = List.of(
                    () -> sequere().follow(good, bad), () -> sequere().follow(bad, good),
                    () -> sequere().follow(bad, project, Instant.now()), () -> sequere().unfollow(good, bad),
                    () -> sequere().isFollowing(bad, good), () -> sequere().followers(bad),
                    () -> sequere().forget(bad), () -> sequere().ref(bad));
            for (ThrowingCallable call : calls) {
                assertThatThrownBy(call).isInstanceOf(error);
            }
            assertNothingStored(Ref.of("user", "good"), Ref.of("project", "p"));
            assertThat(events.followed).isEmpty();
        }
    }

    /** Self-follows: refused by default, allowed on request. */
    @Nested
    public class SelfFollow {

        @Test
        void refusedByDefault() {
            User me = new User("me");
            assertThatThrownBy(() -> sequere().follow(me, me)).isInstanceOf(SelfFollowException.class)
                    .hasMessageContaining("allowSelfFollow");
            assertThatThrownBy(() -> sequere().follow(me, Ref.of("user", "me"))).isInstanceOf(SelfFollowException.class);
            assertNothingStored(Ref.of("user", "me"));
            assertThat(events.followed).isEmpty();
            assertThat(sequere().follow(me, new Project("me"))).as("same id, other type").isTrue();
        }

        @Test
        void allowedWhenConfigured() {
            Sequere s = builder().allowSelfFollow(true).build();
            User me = new User("me");
            assertThat(s.follow(me, me)).isTrue();
            assertThat(s.isFollowing(me, me)).isTrue();
            assertThat(s.followers(me).count()).isEqualTo(1);
            assertThat(s.followings(me).count()).isEqualTo(1);
            assertThat(s.forget(me)).isEqualTo(1);
        }
    }

    /** Events fire exactly once per actual change. */
    @Nested
    public class Events {

        @Test
        void followAndUnfollowFireOncePerChange() {
            User a = new User("a");
            Project p = new Project("p");
            assertThat(sequere().follow(a, p)).isTrue();
            assertThat(sequere().follow(a, p)).isFalse();
            assertThat(events.followed).containsExactly(new FollowEvent(Ref.of("user", "a"), Ref.of("project", "p"), Times.BASE));
            clock.advance(Duration.ofSeconds(5));
            assertThat(sequere().unfollow(a, p)).isTrue();
            assertThat(sequere().unfollow(a, p)).isFalse();
            assertThat(sequere().unfollow(new User("never"), p)).isFalse();
            assertThat(events.unfollowed).containsExactly(
                    new FollowEvent(Ref.of("user", "a"), Ref.of("project", "p"), Times.BASE.plusSeconds(5)));
            assertThat(events.followed).hasSize(1);
        }

        @Test
        void listenersCanBeAddedAndRemovedLater() {
            RecordingListener late = new RecordingListener();
            sequere().addListener(late);
            sequere().follow(new User("a"), new User("b"));
            sequere().removeListener(late);
            sequere().follow(new User("a"), new User("c"));
            assertThat(late.followed).hasSize(1);
            assertThat(events.followed).hasSize(2);
        }

        @Test
        void aFailingListenerNeitherUndoesTheChangeNorSilencesOthers() {
            RecordingListener second = new RecordingListener();
            Sequere s = builder().listener(new SequereListener() {
                @Override
                public void onFollowed(FollowEvent event) {
                    throw new IllegalStateException("listener failure (expected by the test)");
                }
            }).listener(second).build();
            assertThat(s.follow(new User("a"), new User("b"))).isTrue();
            assertThat(s.isFollowing(new User("a"), new User("b"))).isTrue();
            assertThat(second.followed).hasSize(1);
            assertThat(events.followed).hasSize(1);
        }

        @Test
        void underConcurrencyEventsEqualTrueReturns() throws Exception {
            long seed = Seeds.seed(424_242L);
            int threads = 8;
            List<User> people = List.of(new User("1"), new User("2"), new User("3"));
            List<Project> things = List.of(new Project("1"), new Project("2"));
            AtomicInteger trueFollows = new AtomicInteger();
            AtomicInteger trueUnfollows = new AtomicInteger();
            CyclicBarrier start = new CyclicBarrier(threads);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    Random random = new Random(seed + t);
                    done.add(pool.submit(() -> {
                        start.await(30, TimeUnit.SECONDS);
                        for (int i = 0; i < 200; i++) {
                            User u = people.get(random.nextInt(people.size()));
                            Object target = random.nextBoolean() ? things.get(random.nextInt(things.size()))
                                    : people.get(random.nextInt(people.size()));
                            if (u.equals(target)) {
                                continue;
                            }
                            if (random.nextBoolean()) {
                                if (sequere().follow(u, target)) {
                                    trueFollows.incrementAndGet();
                                }
                            } else if (sequere().unfollow(u, target)) {
                                trueUnfollows.incrementAndGet();
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
            assertThat(events.followed).as(Seeds.replay(seed)).hasSize(trueFollows.get());
            assertThat(events.unfollowed).as(Seeds.replay(seed)).hasSize(trueUnfollows.get());
            long edges = 0;
            for (User u : people) {
                edges += sequere().followings(u).count();
            }
            assertThat(edges).as(Seeds.replay(seed)).isEqualTo(trueFollows.get() - trueUnfollows.get());
        }
    }

    /** Times: from the clock, or given, at microsecond precision. */
    @Nested
    public class Time {

        @Test
        void givenTimesKeepMicrosecondPrecision() {
            Instant precise = Instant.parse("2021-04-05T06:07:08.123456789Z");
            Instant micros = Instant.parse("2021-04-05T06:07:08.123456Z");
            users.add(new User("a"));
            assertThat(sequere().follow(new User("a"), new Project("p"), precise)).isTrue();
            assertThat(sequere().followingSince(new User("a"), new Project("p"))).contains(micros);
            assertThat(sequere().followers(new Project("p")).page(10).items()).extracting(Follow::since).containsExactly(micros);
            assertThat(events.followed).extracting(FollowEvent::at).containsExactly(micros);
            assertThat(sequere().followingSince(new User("b"), new Project("p"))).isEmpty();
        }

        @Test
        void theClockDatesFollowsAndDrivesTheOrder() {
            users.add(new User("a"), new User("b"), new User("c"));
            Project p = new Project("p");
            clock.set(Instant.parse("2030-01-01T00:00:00.000000999Z"));
            sequere().follow(new User("b"), p);
            clock.advance(Duration.ofNanos(1_000));
            sequere().follow(new User("a"), p);
            clock.advance(Duration.ofMinutes(1));
            sequere().follow(new User("c"), p);
            assertThat(sequere().followingSince(new User("b"), p)).contains(Instant.parse("2030-01-01T00:00:00Z"));
            assertThat(sequere().followingSince(new User("a"), p)).contains(Instant.parse("2030-01-01T00:00:00.000001Z"));
            assertThat(sequere().followers(p).page(10).items()).extracting(f -> ((User) f.resource()).id())
                    .containsExactly("c", "a", "b");
            assertThat(sequere().followers(p).oldestFirst().page(10).items()).extracting(f -> ((User) f.resource()).id())
                    .containsExactly("b", "a", "c");
        }
    }

    /** Followers, followings and friends queries. */
    @Nested
    public class Queries {

        private final Project hub = new Project("hub");

        private void populate() {
            for (int i = 0; i < 6; i++) {
                User u = users.add(new User("u" + i));
                Project p = projects.add(new Project("p" + i));
                sequere().follow(u, hub, at(i * 10L));
                sequere().follow(p, hub, at(i * 10L + 5));
            }
            projects.add(hub);
        }

        @Test
        void countsAndTypeFilters() {
            populate();
            assertThat(sequere().followers(hub).count()).isEqualTo(12);
            assertThat(sequere().followers(hub).ofType(User.class).count()).isEqualTo(6);
            assertThat(sequere().followers(hub).ofType("project").count()).isEqualTo(6);
            assertThat(sequere().followings(new User("u1")).count()).isEqualTo(1);
            assertThat(sequere().followings(new User("u1")).ofType(User.class).count()).isZero();
            Page<Follow<User>> page = sequere().followers(hub).ofType(User.class).page(3);
            assertThat(page.items()).extracting(Follow::resource).containsExactly(new User("u5"), new User("u4"), new User("u3"));
            assertThat(page.items()).extracting(Follow::ref).containsExactly(Ref.of("user", "u5"), Ref.of("user", "u4"), Ref.of("user", "u3"));
            assertThat(page.hasNext()).isTrue();
            Page<Follow<Object>> mixed = sequere().followers(hub).oldestFirst().page(3);
            assertThat(mixed.items()).extracting(Follow::resource).containsExactly(new User("u0"), new Project("p0"), new User("u1"));
        }

        @Test
        void cursorsWalkEveryItemOnceInBothOrders() {
            populate();
            for (FollowQuery<Object> query : List.of(sequere().followers(hub), sequere().followers(hub).oldestFirst(),
                    sequere().followers(hub).ofType("user").newestFirst())) {
                List<Ref> walked = new ArrayList<>();
                String cursor = null;
                int pages = 0;
                do {
                    Page<Follow<Object>> page = query.page(cursor, 5);
                    page.items().forEach(f -> walked.add(f.ref()));
                    cursor = page.nextCursor();
                    pages++;
                    // A write between pages must not disturb the walk.
                    sequere().follow(new User("late" + pages), hub);
                } while (cursor != null);
                List<Ref> expected = query.refPage(FollowQuery.MAX_LIMIT).items().stream().map(Follow::ref)
                        .filter(r -> !r.id().startsWith("late")).collect(Collectors.toList());
                assertThat(walked.stream().filter(r -> !r.id().startsWith("late")).collect(Collectors.toList()))
                        .as("%s", query).isEqualTo(expected);
                assertThat(new HashSet<>(walked)).hasSameSizeAs(walked);
                for (int i = 1; i <= pages; i++) {
                    sequere().unfollow(new User("late" + i), hub);
                }
            }
        }

        @Test
        void theLastPageHasNoCursor() {
            populate();
            Page<Follow<Object>> all = sequere().followers(hub).page(12);
            assertThat(all.items()).hasSize(12);
            assertThat(all.hasNext()).isFalse();
            assertThat(all.next()).isEmpty();
            Page<Follow<Object>> empty = sequere().followers(new Project("nobody")).page(5);
            assertThat(empty.items()).isEmpty();
            assertThat(empty.hasNext()).isFalse();
        }

        @Test
        void aStreamWalksEveryPageLazilyInListingOrder() {
            populate();
            List<Follow<Object>> walked = sequere().followers(hub).stream(5).toList();
            assertThat(walked).containsExactlyElementsOf(sequere().followers(hub).page(12).items());
            assertThat(sequere().followers(hub).oldestFirst().stream(1).toList())
                    .containsExactlyElementsOf(sequere().followers(hub).oldestFirst().page(12).items());
            assertThat(sequere().followers(new Project("nobody")).stream(3)).isEmpty();
            assertThatThrownBy(() -> sequere().followers(hub).stream(0)).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> sequere().followers(hub).stream(FollowQuery.MAX_LIMIT + 1))
                    .isInstanceOf(InvalidArgumentException.class);
        }

        @Test
        void friendsAreMutual() {
            User a = users.add(new User("a"));
            User b = users.add(new User("b"));
            Project p = projects.add(new Project("p"));
            sequere().follow(a, b, at(1));
            sequere().follow(b, a, at(2));
            sequere().follow(a, p, at(3));
            assertThat(sequere().friends(a).count()).isEqualTo(1);
            assertThat(sequere().friends(a).page(10).items()).containsExactly(new Follow<>(b, Ref.of("user", "b"), at(1)));
            assertThat(sequere().friends(b).page(10).items()).containsExactly(new Follow<>(a, Ref.of("user", "a"), at(2)));
            assertThat(sequere().friends(a).ofType(Project.class).count()).isZero();
        }

        @Test
        void refPagesNeedNoLoader() {
            Sequere s = Sequere.builder().backend(backend()).register(User.class).register(Project.class).build();
            s.follow(new User("a"), new Project("p"), at(1));
            Page<Follow<Ref>> refs = s.followers(new Project("p")).refPage(10);
            assertThat(refs.items()).containsExactly(new Follow<>(Ref.of("user", "a"), Ref.of("user", "a"), at(1)));
            assertThatThrownBy(() -> s.followers(new Project("p")).page(10))
                    .isInstanceOf(RegistrationException.class).hasMessageContaining("loader");
        }

        @Test
        void refsOfRegisteredTypesWorkLikeObjects() {
            users.add(new User("a"));
            assertThat(sequere().follow(Ref.of("user", "a"), Ref.of("project", "p"))).isTrue();
            assertThat(sequere().isFollowing(new User("a"), new Project("p"))).isTrue();
            assertThat(sequere().followers(Ref.of("project", "p")).page(5).items()).extracting(Follow::resource)
                    .containsExactly(new User("a"));
        }

        @ParameterizedTest
        @ValueSource(ints = {0, -1, FollowQuery.MAX_LIMIT + 1})
        void limitsOutOfRangeAreRejected(int limit) {
            populate();
            assertThatThrownBy(() -> sequere().followers(hub).page(limit)).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> sequere().followers(hub).refPage(limit)).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> sequere().followers(hub).page(null, limit)).isInstanceOf(InvalidArgumentException.class);
            assertThat(sequere().followers(hub).page(FollowQuery.MAX_LIMIT).items()).hasSize(12);
        }
    }

    /** Cursors are opaque and belong to the listing that made them. */
    @Nested
    public class CursorRules {

        private String cursorOf(FollowQuery<?> query) {
            Page<? extends Follow<?>> page = query.refPage(1);
            assertThat(page.nextCursor()).isNotNull();
            return page.nextCursor();
        }

        @Test
        void aCursorFromAnotherListingIsRejected() {
            User a = users.add(new User("a"));
            User b = users.add(new User("b"));
            Project p = projects.add(new Project("p"));
            sequere().follow(a, b, at(1));
            sequere().follow(b, a, at(2));
            sequere().follow(a, p, at(3));
            sequere().follow(p, a, at(4));
            sequere().follow(a, users.add(new User("c")), at(5));
            String followers = cursorOf(sequere().followers(a));
            assertThatThrownBy(() -> sequere().followings(a).page(followers, 5)).isInstanceOf(InvalidCursorException.class);
            assertThatThrownBy(() -> sequere().friends(a).page(followers, 5)).isInstanceOf(InvalidCursorException.class);
            assertThatThrownBy(() -> sequere().followers(a).oldestFirst().page(followers, 5)).isInstanceOf(InvalidCursorException.class);
            assertThatThrownBy(() -> sequere().followers(a).ofType(User.class).page(followers, 5)).isInstanceOf(InvalidCursorException.class);
            String typed = cursorOf(sequere().followings(a).ofType("user").oldestFirst());
            assertThatThrownBy(() -> sequere().followings(a).oldestFirst().page(typed, 5)).isInstanceOf(InvalidCursorException.class);
            assertThatThrownBy(() -> sequere().followings(a).ofType("project").oldestFirst().page(typed, 5))
                    .isInstanceOf(InvalidCursorException.class);
            assertThat(sequere().followers(a).page(followers, 5).items()).hasSize(1);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "!!!", "AAAA", "not a cursor", "AQAA", "////", "e30", "Zm9vYmFy"})
        void aDamagedCursorIsRejected(String garbage) {
            users.add(new User("a"));
            sequere().follow(new User("a"), new Project("p"), at(1));
            assertThatThrownBy(() -> sequere().followers(new Project("p")).page(garbage, 5)).isInstanceOf(InvalidCursorException.class);
            assertThatThrownBy(() -> sequere().followers(new Project("p")).refPage(garbage, 5)).isInstanceOf(InvalidCursorException.class);
        }

        @Test
        void aTamperedCursorIsRejected() {
            for (int i = 0; i < 3; i++) {
                sequere().follow(users.add(new User("u" + i)), new Project("p"), at(i));
            }
            String cursor = cursorOf(sequere().followers(new Project("p")));
            byte[] bytes = Base64.getUrlDecoder().decode(cursor);
            byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 2);
            byte[] extended = java.util.Arrays.copyOf(bytes, bytes.length + 1);
            for (byte[] bad : List.of(truncated, extended)) {
                String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(bad);
                assertThatThrownBy(() -> sequere().followers(new Project("p")).page(encoded, 5)).isInstanceOf(InvalidCursorException.class);
            }
        }

        @Test
        void aCursorStaysValidWhenItsItemIsUnfollowed() {
            for (int i = 0; i < 4; i++) {
                sequere().follow(users.add(new User("u" + i)), new Project("p"), at(i));
            }
            Page<Follow<Object>> first = sequere().followers(new Project("p")).page(2);
            sequere().unfollow(new User("u2"), new Project("p"));
            Page<Follow<Object>> second = sequere().followers(new Project("p")).page(first.nextCursor(), 2);
            assertThat(second.items()).extracting(Follow::resource).containsExactly(new User("u1"), new User("u0"));
        }
    }

    /** Resources come back through loaders: batched, and never as null. */
    @Nested
    public class Loading {

        @Test
        void oneLoaderCallPerTypePerPage() {
            for (int i = 0; i < 5; i++) {
                sequere().follow(users.add(new User("u" + i)), new Project("hub"), at(i * 2L));
                sequere().follow(projects.add(new Project("p" + i)), new Project("hub"), at(i * 2L + 1));
            }
            users.resetCalls();
            projects.resetCalls();
            Page<Follow<Object>> page = sequere().followers(new Project("hub")).page(10);
            assertThat(page.items()).hasSize(10);
            assertThat(users.calls()).hasSize(1);
            assertThat(users.calls().get(0)).hasSize(5);
            assertThat(projects.calls()).hasSize(1);
            sequere().followers(new Project("hub")).ofType(User.class).page(3);
            assertThat(users.calls()).hasSize(2);
            assertThat(users.calls().get(1)).hasSize(3);
            assertThat(projects.calls()).as("no call for a type not on the page").hasSize(1);
        }

        @Test
        void aVanishedResourceIsSkippedReportedAndTheCursorStillAdvances() {
            List<User> fans = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                User u = users.add(new User("u" + i));
                fans.add(u);
                sequere().follow(u, new Project("hub"), at(i));
            }
            users.delete(fans.get(5));
            users.delete(fans.get(4));
            users.delete(fans.get(2));
            Page<Follow<Object>> first = sequere().followers(new Project("hub")).page(2);
            assertThat(first.items()).as("both items vanished").isEmpty();
            assertThat(first.hasNext()).as("the listing continues").isTrue();
            assertThat(events.missing).containsExactly(Ref.of("user", "u5"), Ref.of("user", "u4"));
            Page<Follow<Object>> second = sequere().followers(new Project("hub")).page(first.nextCursor(), 2);
            assertThat(second.items()).extracting(Follow::resource).containsExactly(new User("u3"));
            assertThat(second.items()).doesNotContainNull();
            Page<Follow<Object>> third = sequere().followers(new Project("hub")).page(second.nextCursor(), 2);
            assertThat(third.items()).extracting(Follow::resource).containsExactly(new User("u1"), new User("u0"));
            assertThat(third.hasNext()).isFalse();
            assertThat(sequere().followers(new Project("hub")).count()).as("counts are the store's").isEqualTo(6);
        }

        @Test
        void loadResolvesRefsInBatches() {
            users.add(new User("a"), new User("b"));
            Map<Ref, Object> loaded = sequere().load(List.of(Ref.of("user", "a"), Ref.of("user", "b"), Ref.of("user", "gone")));
            assertThat(loaded).isEqualTo(Map.of(Ref.of("user", "a"), new User("a"), Ref.of("user", "b"), new User("b")));
            assertThat(users.calls()).hasSize(1);
            assertThat(events.missing).containsExactly(Ref.of("user", "gone"));
        }
    }

    /** forget: account deletion. */
    @Nested
    public class Forget {

        @Test
        void forgetRemovesBothDirectionsAndReportsIt() {
            User gone = new User("gone");
            sequere().follow(gone, new User("a"), at(1));
            sequere().follow(new User("a"), gone, at(2));
            sequere().follow(new User("b"), gone, at(3));
            sequere().follow(gone, new Project("p"), at(4));
            sequere().follow(new User("a"), new Project("p"), at(5));
            assertThat(sequere().forget(gone)).isEqualTo(4);
            assertThat(events.forgotten).containsExactly(Map.entry(Ref.of("user", "gone"), 4L));
            assertThat(sequere().followers(gone).count()).isZero();
            assertThat(sequere().followings(gone).count()).isZero();
            assertThat(sequere().followers(new Project("p")).count()).isEqualTo(1);
            assertThat(sequere().followings(new User("a")).count()).isEqualTo(1);
            assertThat(sequere().forget(gone)).isZero();
            assertThat(events.forgotten).as("no event when nothing was removed").hasSize(1);
        }
    }

    /** The contract holds on whatever the backend under test declares. */
    @Nested
    public class Declarations {

        @Test
        void capabilitiesAreDeclaredAndStable() {
            Backend b = backend();
            assertThat(b.capabilities()).isNotNull().isEqualTo(b.capabilities());
            assertThat(b.follows()).isSameAs(b.follows());
            assertThat(b.feeds()).isSameAs(b.feeds());
            assertThat(b.follows().page(Ref.of("user", "x"), Direction.FOLLOWERS, EdgeQuery.first(1))).isEmpty();
        }
    }
}
