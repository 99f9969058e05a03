package dev.sequere;

import dev.sequere.event.FollowEvent;
import dev.sequere.event.SequereListener;
import dev.sequere.registry.TypeRegistration;
import dev.sequere.registry.TypeRegistry;
import dev.sequere.registry.TypeSpec;
import dev.sequere.spi.Backend;
import dev.sequere.spi.Direction;
import dev.sequere.spi.FollowStore;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The entry point: follow, unfollow and list followers, followings and friends of any registered
 * application object, over the {@link Backend} chosen at build time.
 *
 * <pre>{@code
 * Sequere sequere = Sequere.builder()
 *     .backend(MemoryBackend.create())
 *     .register(User.class, t -> t.id(User::id).loader(Long::valueOf, users::findAllById))
 *     .register(Project.class)
 *     .build();
 *
 * sequere.follow(alice, project);                      // true: state changed
 * sequere.followers(project).ofType(User.class).page(20);
 * }</pre>
 *
 * <p>Arguments may be registered application objects or {@link Ref}s of registered types.
 * Invalid arguments throw a {@link SequereException} subclass before anything is written.
 * Instances are thread-safe.
 *
 * <p>Who closes what: a {@code Sequere} owns no resource (it is not {@code AutoCloseable}); the
 * application closes what it created, in reverse order: a {@code Timelines} built on it first
 * (it stops its worker threads), then the {@link Backend} (which closes the pools or clients it
 * created itself, never a {@code DataSource} or Redis client the application passed in).
 */
public final class Sequere {

    private static final System.Logger LOG = System.getLogger(Sequere.class.getName());

    private final Backend backend;
    private final TypeRegistry registry;
    private final Clock clock;
    private final boolean allowSelfFollow;
    private final List<SequereListener> listeners;
    private final ResourceLoader loader;

    private Sequere(Builder builder) {
        this.backend = Objects.requireNonNull(builder.backend,
                "backend: call Sequere.builder().backend(...), e.g. MemoryBackend.create()");
        this.registry = new TypeRegistry(builder.registrations);
        this.clock = builder.clock;
        this.allowSelfFollow = builder.allowSelfFollow;
        this.listeners = new CopyOnWriteArrayList<>(builder.listeners);
        this.loader = new ResourceLoader(registry, this::fireMissing);
    }

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Makes {@code follower} follow {@code followee} now.
     *
     * @param follower a registered object or a ref
     * @param followee a registered object or a ref
     * @return {@code true} if the follow was created, {@code false} if it already existed
     * @throws SelfFollowException when both are the same resource and self-follows are off
     */
    public boolean follow(Object follower, Object followee) {
        return follow(follower, followee, clock.instant());
    }

    /**
     * Makes {@code follower} follow {@code followee} as of a given time (imports, migrations).
     *
     * @param follower a registered object or a ref
     * @param followee a registered object or a ref
     * @param since the time to record; kept at microsecond precision
     * @return {@code true} if the follow was created, {@code false} if it already existed (its
     *     time is left unchanged)
     */
    public boolean follow(Object follower, Object followee, Instant since) {
        Ref from = ref(follower, "follower");
        Ref to = ref(followee, "followee");
        requireArgument(since, "since");
        if (!allowSelfFollow && from.equals(to)) {
            throw new SelfFollowException(from + " cannot follow itself; allow it with "
                    + "Sequere.builder().allowSelfFollow(true)");
        }
        Instant at = since.truncatedTo(ChronoUnit.MICROS);
        boolean created;
        fireBefore(from, to);
        try {
            created = backend.follows().follow(from, to, at);
        } finally {
            fire(l -> l.afterFollowChange(from, to));
        }
        if (created) {
            FollowEvent event = new FollowEvent(from, to, at);
            fire(l -> l.onFollowed(event));
        }
        return created;
    }

    /**
     * Makes {@code follower} stop following {@code followee}.
     *
     * @param follower a registered object or a ref
     * @param followee a registered object or a ref
     * @return {@code true} if a follow was removed, {@code false} if there was none
     */
    public boolean unfollow(Object follower, Object followee) {
        Ref from = ref(follower, "follower");
        Ref to = ref(followee, "followee");
        boolean removed;
        fireBefore(from, to);
        try {
            removed = backend.follows().unfollow(from, to);
        } finally {
            fire(l -> l.afterFollowChange(from, to));
        }
        if (removed) {
            FollowEvent event = new FollowEvent(from, to, clock.instant().truncatedTo(ChronoUnit.MICROS));
            fire(l -> l.onUnfollowed(event));
        }
        return removed;
    }

    /**
     * Whether {@code follower} follows {@code followee}.
     *
     * @param follower a registered object or a ref
     * @param followee a registered object or a ref
     * @return {@code true} if it does
     */
    public boolean isFollowing(Object follower, Object followee) {
        return backend.follows().exists(ref(follower, "follower"), ref(followee, "followee"));
    }

    /**
     * Since when {@code follower} follows {@code followee}.
     *
     * @param follower a registered object or a ref
     * @param followee a registered object or a ref
     * @return the time of the follow, empty when there is none
     */
    public Optional<Instant> followingSince(Object follower, Object followee) {
        return backend.follows().since(ref(follower, "follower"), ref(followee, "followee"));
    }

    /**
     * The resources that follow {@code resource}, newest first unless told otherwise.
     *
     * @param resource a registered object or a ref
     * @return a query to refine, count or page
     */
    public FollowQuery<Object> followers(Object resource) {
        return FollowQuery.start(this, ref(resource, "resource"), Direction.FOLLOWERS);
    }

    /**
     * The resources {@code resource} follows, newest first unless told otherwise.
     *
     * @param resource a registered object or a ref
     * @return a query to refine, count or page
     */
    public FollowQuery<Object> followings(Object resource) {
        return FollowQuery.start(this, ref(resource, "resource"), Direction.FOLLOWINGS);
    }

    /**
     * The resources that {@code resource} follows and that follow it back. An item's time is
     * when {@code resource} followed the friend.
     *
     * @param resource a registered object or a ref
     * @return a query to refine, count or page
     */
    public FollowQuery<Object> friends(Object resource) {
        return FollowQuery.start(this, ref(resource, "resource"), Direction.FRIENDS);
    }

    /**
     * Removes every follow from and to {@code resource}, e.g. when an account is deleted.
     *
     * @param resource a registered object or a ref
     * @return how many follows were removed
     */
    public long forget(Object resource) {
        Ref ref = ref(resource, "resource");
        long removed = backend.follows().removeAll(ref);
        if (removed > 0) {
            fire(l -> l.onForgotten(ref, removed));
        }
        return removed;
    }

    /**
     * The ref of a registered object (or the ref itself, after checking its type is registered).
     *
     * @param resource a registered object or a ref
     * @return its ref
     * @throws UnregisteredTypeException when its class or type is not registered
     * @throws InvalidRefException when its id is not acceptable
     */
    public Ref ref(Object resource) {
        return ref(resource, "resource");
    }

    /**
     * Loads the objects behind refs with one loader call per type. Refs whose object no longer
     * exists are absent from the result and reported to listeners.
     *
     * @param refs the refs to load
     * @return the loaded objects by ref
     * @throws RegistrationException when a type has no loader
     */
    public Map<Ref, Object> load(Collection<Ref> refs) {
        requireArgument(refs, "refs");
        return loader.load(refs);
    }

    /**
     * Adds a listener; modules such as the timeline use it to react to follows.
     *
     * @param listener the listener
     */
    public void addListener(SequereListener listener) {
        listeners.add(requireArgument(listener, "listener"));
    }

    /**
     * Removes a listener added before.
     *
     * @param listener the listener
     */
    public void removeListener(SequereListener listener) {
        listeners.remove(requireArgument(listener, "listener"));
    }

    /**
     * The backend this instance writes to.
     *
     * @return the backend
     */
    public Backend backend() {
        return backend;
    }

    /**
     * The registered types.
     *
     * @return the registry
     */
    public TypeRegistry registry() {
        return registry;
    }

    /**
     * The clock that dates follows.
     *
     * @return the clock
     */
    public Clock clock() {
        return clock;
    }

    FollowStore follows() {
        return backend.follows();
    }

    ResourceLoader loader() {
        return loader;
    }

    Ref ref(Object resource, String what) {
        requireArgument(resource, what);
        if (resource instanceof Ref ref) {
            registry.forType(ref.type());
            return ref;
        }
        TypeRegistration<?> registration = registry.forClass(resource.getClass());
        String id = registration.idOf(resource);
        if (id == null) {
            throw new InvalidRefException(what + " " + resource.getClass().getSimpleName()
                    + " has a null id; save it before following it");
        }
        return new Ref(registration.type(), id);
    }

    static <T> T requireArgument(T value, String what) {
        if (value == null) {
            throw new InvalidArgumentException(what + " must not be null");
        }
        return value;
    }

    private void fireMissing(Ref ref) {
        fire(l -> l.onMissingResource(ref));
    }

    /** Before-hooks may veto: their exceptions reach the caller, and nothing is changed. */
    private void fireBefore(Ref follower, Ref followee) {
        for (SequereListener listener : listeners) {
            listener.beforeFollowChange(follower, followee);
        }
    }

    private void fire(Consumer<SequereListener> call) {
        for (SequereListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Sequere listener " + listener + " failed; the change stands", e);
            }
        }
    }

    /**
     * Configures a {@link Sequere}. Only {@link #backend(Backend)} is required.
     */
    public static final class Builder {

        private @Nullable Backend backend;
        private final List<TypeRegistration<?>> registrations = new ArrayList<>();
        private final List<SequereListener> listeners = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private boolean allowSelfFollow;

        private Builder() {
        }

        /**
         * Sets the storage backend.
         *
         * @param backend for example {@code MemoryBackend.create()}
         * @return this builder
         */
        public Builder backend(Backend backend) {
            this.backend = requireArgument(backend, "backend");
            return this;
        }

        /**
         * Registers a class with every default: type name from the simple class name in lower
         * case, id from {@code id()} or {@code getId()}, no loader.
         *
         * @param type the class
         * @return this builder
         */
        public Builder register(Class<?> type) {
            return register(type, spec -> { });
        }

        /**
         * Registers a class, configured by a callback.
         *
         * @param type the class
         * @param spec sets type name, id accessor and loader
         * @param <T> the class
         * @return this builder
         * @throws RegistrationException when the spec is invalid (checked at once)
         */
        public <T> Builder register(Class<T> type, Consumer<TypeSpec<T>> spec) {
            requireArgument(type, "type");
            requireArgument(spec, "spec");
            TypeSpec<T> typeSpec = new TypeSpec<>(type);
            spec.accept(typeSpec);
            registrations.add(typeSpec.build());
            return this;
        }

        /**
         * Adds a ready-made registration (integrations such as Hibernate build these).
         *
         * @param registration the registration
         * @return this builder
         */
        public Builder register(TypeRegistration<?> registration) {
            registrations.add(requireArgument(registration, "registration"));
            return this;
        }

        /**
         * Sets the clock that dates follows; defaults to the UTC system clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = requireArgument(clock, "clock");
            return this;
        }

        /**
         * Allows a resource to follow itself; refused by default with {@link SelfFollowException}.
         *
         * @param allow whether self-follows are allowed
         * @return this builder
         */
        public Builder allowSelfFollow(boolean allow) {
            this.allowSelfFollow = allow;
            return this;
        }

        /**
         * Adds a listener.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(SequereListener listener) {
            listeners.add(requireArgument(listener, "listener"));
            return this;
        }

        /**
         * Builds the instance.
         *
         * @return the configured {@link Sequere}
         * @throws RegistrationException when two registrations share a type name or a class
         */
        public Sequere build() {
            if (backend == null) {
                throw new RegistrationException("no backend: call Sequere.builder().backend(...), "
                        + "e.g. MemoryBackend.create() for the in-memory default");
            }
            return new Sequere(this);
        }
    }
}
