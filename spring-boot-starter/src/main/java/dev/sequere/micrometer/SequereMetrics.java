package dev.sequere.micrometer;

import dev.sequere.InvalidArgumentException;
import dev.sequere.Ref;
import dev.sequere.Sequere;
import dev.sequere.event.FollowEvent;
import dev.sequere.event.SequereListener;
import dev.sequere.timeline.TimelineListener;
import dev.sequere.timeline.Timelines;
import dev.sequere.timeline.action.Action;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer meters of a {@link Sequere} and, optionally, of its {@link Timelines}: a plain
 * {@link MeterBinder}, so it needs neither Spring nor Spring Boot.
 *
 * <pre>{@code
 * SequereMetrics.builder(sequere).timelines(timelines).build().bindTo(registry);
 * }</pre>
 *
 * <p>Meters (all counters are cumulative since this instance was built; "this instance" is this
 * process's {@code Sequere} / {@code Timelines}):
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>what</th></tr>
 *   <tr><td>{@code sequere.follows}</td><td>counter</td><td>follows created</td></tr>
 *   <tr><td>{@code sequere.unfollows}</td><td>counter</td><td>follows removed by unfollow</td></tr>
 *   <tr><td>{@code sequere.timeline.published}</td><td>counter</td><td>new actions published</td></tr>
 *   <tr><td>{@code sequere.timeline.deliveries}</td><td>counter</td><td>entries added to followers' feeds</td></tr>
 *   <tr><td>{@code sequere.timeline.fanouts.completed}</td><td>counter</td><td>fan-outs finished</td></tr>
 *   <tr><td>{@code sequere.timeline.retries}</td><td>counter</td><td>storage calls retried</td></tr>
 *   <tr><td>{@code sequere.timeline.jobs.takeovers}</td><td>counter</td><td>jobs taken over from a dead or stalled instance</td></tr>
 *   <tr><td>{@code sequere.timeline.failures}</td><td>counter, tag {@code kind}: {@code fanout},
 *       {@code follow_sync}, {@code delete}</td><td>failed job attempts (a worker retries them)</td></tr>
 *   <tr><td>{@code sequere.timeline.jobs.pending}</td><td>gauge</td><td>jobs queued or running in this instance</td></tr>
 *   <tr><td>{@code sequere.timeline.jobs.backlog}</td><td>gauge</td><td>jobs in the store, of every instance</td></tr>
 *   <tr><td>{@code sequere.timeline.jobs.oldest.age}</td><td>time gauge (seconds)</td><td>age of the oldest job in the
 *       store, 0 when there is none</td></tr>
 * </table>
 *
 * <p>The {@code Timelines} figures come from {@link Timelines#stats()}, whose backlog part
 * queries the store; one reading serves every meter for {@link Builder#statsMaxAge} (default
 * 1 s), so that a scrape costs one store query. While the store cannot be read, the backlog
 * gauges report {@code NaN} and the counters keep their last values.
 *
 * <p>Fan-out latency is not measured: the timeline engine reports no completion per action, only
 * the counters above; the oldest job's age is the signal of fan-out falling behind.
 */
public final class SequereMetrics implements MeterBinder {

    private final Sequere sequere;
    private final @Nullable Timelines timelines;
    private final Tags tags;
    private final @Nullable StatsReading stats;
    private final LongAdder follows = new LongAdder();
    private final LongAdder unfollows = new LongAdder();
    private final LongAdder published = new LongAdder();
    private final LongAdder fanOutFailures = new LongAdder();
    private final LongAdder followSyncFailures = new LongAdder();
    private final LongAdder deleteFailures = new LongAdder();

    private SequereMetrics(Builder builder) {
        this.sequere = builder.sequere;
        this.timelines = builder.timelines;
        this.tags = builder.tags;
        this.stats = timelines == null ? null : new StatsReading(timelines, builder.statsMaxAge);
        sequere.addListener(new FollowCounts());
        if (timelines != null) {
            timelines.addListener(new TimelineCounts());
        }
    }

    /**
     * Starts a builder. Building attaches listeners to the {@code Sequere} (and the timelines):
     * counting starts then, before any {@link #bindTo} call.
     *
     * @param sequere the instance to measure
     * @return a new builder
     * @throws InvalidArgumentException when {@code sequere} is null
     */
    public static Builder builder(Sequere sequere) {
        if (sequere == null) {
            throw new InvalidArgumentException("sequere must not be null");
        }
        return new Builder(sequere);
    }

    /**
     * Registers the meters; may be called for several registries.
     *
     * @param registry the registry
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        counter(registry, "sequere.follows", "Follows created", follows, Tags.empty());
        counter(registry, "sequere.unfollows", "Follows removed by unfollow", unfollows, Tags.empty());
        StatsReading reading = stats;
        if (reading == null) {
            return;
        }
        counter(registry, "sequere.timeline.published", "New actions published", published, Tags.empty());
        counter(registry, "sequere.timeline.failures", "Failed fan-out attempts (retried by a worker)",
                fanOutFailures, Tags.of("kind", "fanout"));
        counter(registry, "sequere.timeline.failures", "Failed imports or removals after a follow change (retried "
                + "by a worker)", followSyncFailures, Tags.of("kind", "follow_sync"));
        counter(registry, "sequere.timeline.failures", "Failed delete attempts (finished by a worker)",
                deleteFailures, Tags.of("kind", "delete"));
        statsCounter(registry, "sequere.timeline.deliveries", "Entries added to followers' feeds", reading,
                s -> s.delivered());
        statsCounter(registry, "sequere.timeline.fanouts.completed", "Fan-outs finished", reading, s -> s.completed());
        statsCounter(registry, "sequere.timeline.retries", "Storage calls retried after a backend failure", reading,
                s -> s.retries());
        statsCounter(registry, "sequere.timeline.jobs.takeovers", "Jobs taken over from an instance that died or "
                + "stalled", reading, s -> s.takenOver());
        Gauge.builder("sequere.timeline.jobs.pending", reading, r -> r.local(s -> s.pending()))
                .description("Jobs queued or running in this instance").tags(tags).register(registry);
        Gauge.builder("sequere.timeline.jobs.backlog", reading, r -> r.store(s -> s.backlog()))
                .description("Jobs waiting or running in the store, of every instance").tags(tags).register(registry);
        TimeGauge.builder("sequere.timeline.jobs.oldest.age", reading, TimeUnit.MILLISECONDS,
                        r -> r.store(s -> s.oldestJobAge(sequere.clock().instant()).toMillis()))
                .description("Age of the oldest job in the store (0 when there is none); growing means stuck "
                        + "fan-out").tags(tags).register(registry);
    }

    /**
     * The timelines measured, if any.
     *
     * @return the timelines, or {@code null} for follow meters only
     */
    public @Nullable Timelines timelines() {
        return timelines;
    }

    private void counter(MeterRegistry registry, String name, String description, LongAdder count, Tags extra) {
        FunctionCounter.builder(name, count, LongAdder::doubleValue)
                .description(description).tags(tags.and(extra)).register(registry);
    }

    private void statsCounter(MeterRegistry registry, String name, String description, StatsReading reading,
            ToDoubleFunction<dev.sequere.timeline.fanout.FanOutStats> value) {
        FunctionCounter.builder(name, reading, r -> r.local(value))
                .description(description).tags(tags).register(registry);
    }

    /** Counts follow changes; attached to the {@code Sequere}. */
    private final class FollowCounts implements SequereListener {

        @Override
        public void onFollowed(FollowEvent event) {
            follows.increment();
        }

        @Override
        public void onUnfollowed(FollowEvent event) {
            unfollows.increment();
        }
    }

    /** Counts publishes and failures; attached to the timelines. */
    private final class TimelineCounts implements TimelineListener {

        @Override
        public void onPublished(Action action) {
            published.increment();
        }

        @Override
        public void onFanOutFailed(Action action, Throwable error) {
            fanOutFailures.increment();
        }

        @Override
        public void onFollowSyncFailed(Ref follower, Ref followee, Throwable error) {
            followSyncFailures.increment();
        }

        @Override
        public void onDeleteFailed(Action action, Throwable error) {
            deleteFailures.increment();
        }
    }

    /** Configures {@link SequereMetrics}. */
    public static final class Builder {

        private final Sequere sequere;
        private @Nullable Timelines timelines;
        private Tags tags = Tags.empty();
        private Duration statsMaxAge = Duration.ofSeconds(1);

        private Builder(Sequere sequere) {
            this.sequere = sequere;
        }

        /**
         * Adds the timeline meters.
         *
         * @param timelines timelines built on the same {@code Sequere}
         * @return this builder
         * @throws InvalidArgumentException when null or built on another {@code Sequere}
         */
        public Builder timelines(Timelines timelines) {
            if (timelines == null) {
                throw new InvalidArgumentException("timelines must not be null");
            }
            if (timelines.sequere() != sequere) {
                throw new InvalidArgumentException("timelines must be built on the same Sequere as the metrics");
            }
            this.timelines = timelines;
            return this;
        }

        /**
         * Adds tags to every meter (for example the application's name).
         *
         * @param tags the tags
         * @return this builder
         * @throws InvalidArgumentException when null
         */
        public Builder tags(Iterable<Tag> tags) {
            if (tags == null) {
                throw new InvalidArgumentException("tags must not be null");
            }
            this.tags = this.tags.and(tags);
            return this;
        }

        /**
         * Sets how long one reading of {@link Timelines#stats()} serves the meters (default 1 s).
         *
         * @param maxAge zero or more; zero reads on every poll of every meter
         * @return this builder
         * @throws InvalidArgumentException when null or negative
         */
        public Builder statsMaxAge(Duration maxAge) {
            if (maxAge == null || maxAge.isNegative()) {
                throw new InvalidArgumentException("statsMaxAge must be zero or more, was " + maxAge);
            }
            this.statsMaxAge = maxAge;
            return this;
        }

        /**
         * Builds the metrics and attaches their listeners.
         *
         * @return the binder
         */
        public SequereMetrics build() {
            Objects.requireNonNull(tags, "tags");
            return new SequereMetrics(this);
        }
    }
}
