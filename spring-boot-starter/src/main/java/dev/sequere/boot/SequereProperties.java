package dev.sequere.boot;

import dev.sequere.timeline.feed.FilterFeeds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code sequere.*} properties. Every one has the default of the builder it feeds, so an
 * application sets only what it changes; anything not covered here goes through a
 * {@link SequereBuilderCustomizer} or {@link TimelinesBuilderCustomizer} bean, or the
 * application's own {@code Backend}, {@code Sequere} or {@code Timelines} bean.
 */
@ConfigurationProperties(prefix = "sequere")
public class SequereProperties {

    /** Which backend stores follows and timelines: auto, memory, jdbc or redis. */
    private BackendType backend = BackendType.AUTO;

    /** Whether a resource may follow itself. */
    private boolean allowSelfFollow = false;

    /**
     * Whether @Followable classes under the application's package (the one of
     * {@code @SpringBootApplication}) are registered, with their FollowableLoader beans.
     */
    private boolean scanFollowables = true;

    private final Jdbc jdbc = new Jdbc();

    private final Redis redis = new Redis();

    private final TimelineOptions timelines = new TimelineOptions();

    private final Metrics metrics = new Metrics();

    private final Health health = new Health();

    /** Created by Spring Boot's binder. */
    public SequereProperties() {
    }

    /**
     * Which backend is built.
     *
     * @return the backend type
     */
    public BackendType getBackend() {
        return backend;
    }

    /**
     * Sets which backend is built.
     *
     * @param backend the backend type
     */
    public void setBackend(BackendType backend) {
        this.backend = backend;
    }

    /**
     * Whether self-follows are allowed.
     *
     * @return {@code true} when allowed
     */
    public boolean isAllowSelfFollow() {
        return allowSelfFollow;
    }

    /**
     * Sets whether self-follows are allowed.
     *
     * @param allowSelfFollow {@code true} to allow
     */
    public void setAllowSelfFollow(boolean allowSelfFollow) {
        this.allowSelfFollow = allowSelfFollow;
    }

    /**
     * Whether {@code @Followable} classes are scanned for.
     *
     * @return {@code true} when scanned
     */
    public boolean isScanFollowables() {
        return scanFollowables;
    }

    /**
     * Sets whether {@code @Followable} classes are scanned for.
     *
     * @param scanFollowables {@code true} to scan
     */
    public void setScanFollowables(boolean scanFollowables) {
        this.scanFollowables = scanFollowables;
    }

    /**
     * The JDBC backend's options.
     *
     * @return {@code sequere.jdbc.*}
     */
    public Jdbc getJdbc() {
        return jdbc;
    }

    /**
     * The Redis backend's options.
     *
     * @return {@code sequere.redis.*}
     */
    public Redis getRedis() {
        return redis;
    }

    /**
     * The timelines' options.
     *
     * @return {@code sequere.timelines.*}
     */
    public TimelineOptions getTimelines() {
        return timelines;
    }

    /**
     * The meters' options.
     *
     * @return {@code sequere.metrics.*}
     */
    public Metrics getMetrics() {
        return metrics;
    }

    /**
     * The health indicator's options.
     *
     * @return {@code sequere.health.*}
     */
    public Health getHealth() {
        return health;
    }

    /** {@code sequere.jdbc.*}: the JDBC backend over the context's {@code DataSource}. */
    public static class Jdbc {

        /** Prefix of every table name, so that several applications share one database or schema. */
        private String tablePrefix = "sequere_";

        /**
         * Whether the backend creates and migrates its tables at start-up; turn it off when a
         * migration tool (Flyway, Liquibase) owns the DDL.
         */
        private boolean createSchema = true;

        /** Created by the binder. */
        public Jdbc() {
        }

        /**
         * The table prefix.
         *
         * @return the prefix
         */
        public String getTablePrefix() {
            return tablePrefix;
        }

        /**
         * Sets the table prefix.
         *
         * @param tablePrefix the prefix
         */
        public void setTablePrefix(String tablePrefix) {
            this.tablePrefix = tablePrefix;
        }

        /**
         * Whether the schema is created.
         *
         * @return {@code true} when created
         */
        public boolean isCreateSchema() {
            return createSchema;
        }

        /**
         * Sets whether the schema is created.
         *
         * @param createSchema {@code true} to create
         */
        public void setCreateSchema(boolean createSchema) {
            this.createSchema = createSchema;
        }
    }

    /** {@code sequere.redis.*}: the Redis backend over the context's {@code UnifiedJedis}. */
    public static class Redis {

        /** Prefix of every key, so that several applications share one server without seeing each other's keys. */
        private String prefix = "sequere:";

        /** Created by the binder. */
        public Redis() {
        }

        /**
         * The key prefix.
         *
         * @return the prefix
         */
        public String getPrefix() {
            return prefix;
        }

        /**
         * Sets the key prefix.
         *
         * @param prefix the prefix
         */
        public void setPrefix(String prefix) {
            this.prefix = prefix;
        }
    }

    /** {@code sequere.timelines.*}: the {@code Timelines} bean. */
    public static class TimelineOptions {

        /** Whether a Timelines bean is built (when sequere-timeline is on the class path and verbs are registered). */
        private boolean enabled = true;

        /**
         * Verbs any actor type may use; per-type verbs go through a TimelinesBuilderCustomizer
         * or SequereConfigurer bean.
         */
        private List<String> verbs = new ArrayList<>();

        /** How many followers one fan-out step covers; a job saves its progress after each step. */
        private int batchSize = 1_000;

        /** Whether following imports the followee's newest public actions into the follower's private timeline. */
        private boolean importOnFollow = true;

        /** How many of the followee's newest public actions a follow imports. */
        private int importLimit = 200;

        /** Whether unfollowing removes the unfollowed resource's actions from the follower's private timeline. */
        private boolean removeOnUnfollow = true;

        /** Whether the global timeline of every public action is kept (one more write per action). */
        private boolean globalFeed = false;

        /** Which timelines keep per-verb and per-target-type feeds: none, public-and-global or all. */
        private FilterFeeds filterFeeds = FilterFeeds.PUBLIC_AND_GLOBAL;

        /** How many entries one filtered page reads at most from a timeline without filter feeds. */
        private int filterScanLimit = 10_000;

        /**
         * Worker threads of this instance; they take over the jobs of instances that died and
         * retry failed ones. At least one instance sharing the store must run workers.
         */
        private int workers = 1;

        /** How long an instance holds a job between two progress saves; a dead instance's jobs are taken over after it. */
        private Duration lease = Duration.ofSeconds(30);

        /** How long an idle worker waits before it looks for jobs again. */
        private Duration pollInterval = Duration.ofSeconds(1);

        /** How many fan-outs this instance hands to the executor at once; beyond, the publishing thread runs them. */
        private int maxPendingFanOuts = 1_000;

        /** Where fan-out runs: task-executor (the context's) or caller (the publishing thread). */
        private FanOutExecutor fanOutExecutor = FanOutExecutor.TASK_EXECUTOR;

        /** How long closing the context waits for this instance's pending fan-out. */
        private Duration shutdownTimeout = Duration.ofSeconds(30);

        private final BoundsOptions bounds = new BoundsOptions();

        /** Created by the binder. */
        public TimelineOptions() {
        }

        /**
         * Whether the timelines bean is built.
         *
         * @return {@code true} when built
         */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Sets whether the timelines bean is built.
         *
         * @param enabled {@code true} to build it
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /**
         * The verbs of any actor type.
         *
         * @return verb names
         */
        public List<String> getVerbs() {
            return verbs;
        }

        /**
         * Sets the verbs of any actor type.
         *
         * @param verbs verb names
         */
        public void setVerbs(List<String> verbs) {
            this.verbs = verbs;
        }

        /**
         * Followers per fan-out step.
         *
         * @return the batch size
         */
        public int getBatchSize() {
            return batchSize;
        }

        /**
         * Sets the followers per fan-out step.
         *
         * @param batchSize at least 1
         */
        public void setBatchSize(int batchSize) {
            this.batchSize = batchSize;
        }

        /**
         * Whether follows import.
         *
         * @return {@code true} when they do
         */
        public boolean isImportOnFollow() {
            return importOnFollow;
        }

        /**
         * Sets whether follows import.
         *
         * @param importOnFollow {@code true} to import
         */
        public void setImportOnFollow(boolean importOnFollow) {
            this.importOnFollow = importOnFollow;
        }

        /**
         * Actions imported per follow.
         *
         * @return the limit
         */
        public int getImportLimit() {
            return importLimit;
        }

        /**
         * Sets the actions imported per follow.
         *
         * @param importLimit at least 0
         */
        public void setImportLimit(int importLimit) {
            this.importLimit = importLimit;
        }

        /**
         * Whether unfollows remove.
         *
         * @return {@code true} when they do
         */
        public boolean isRemoveOnUnfollow() {
            return removeOnUnfollow;
        }

        /**
         * Sets whether unfollows remove.
         *
         * @param removeOnUnfollow {@code true} to remove
         */
        public void setRemoveOnUnfollow(boolean removeOnUnfollow) {
            this.removeOnUnfollow = removeOnUnfollow;
        }

        /**
         * Whether the global timeline is kept.
         *
         * @return {@code true} when kept
         */
        public boolean isGlobalFeed() {
            return globalFeed;
        }

        /**
         * Sets whether the global timeline is kept.
         *
         * @param globalFeed {@code true} to keep it
         */
        public void setGlobalFeed(boolean globalFeed) {
            this.globalFeed = globalFeed;
        }

        /**
         * Which timelines keep filter feeds.
         *
         * @return the mode
         */
        public FilterFeeds getFilterFeeds() {
            return filterFeeds;
        }

        /**
         * Sets which timelines keep filter feeds.
         *
         * @param filterFeeds the mode
         */
        public void setFilterFeeds(FilterFeeds filterFeeds) {
            this.filterFeeds = filterFeeds;
        }

        /**
         * Entries a filtered page scans at most.
         *
         * @return the limit
         */
        public int getFilterScanLimit() {
            return filterScanLimit;
        }

        /**
         * Sets the entries a filtered page scans at most.
         *
         * @param filterScanLimit at least 1
         */
        public void setFilterScanLimit(int filterScanLimit) {
            this.filterScanLimit = filterScanLimit;
        }

        /**
         * Worker threads.
         *
         * @return the count
         */
        public int getWorkers() {
            return workers;
        }

        /**
         * Sets the worker threads.
         *
         * @param workers at least 0
         */
        public void setWorkers(int workers) {
            this.workers = workers;
        }

        /**
         * The job lease.
         *
         * @return the lease
         */
        public Duration getLease() {
            return lease;
        }

        /**
         * Sets the job lease.
         *
         * @param lease at least 100 ms
         */
        public void setLease(Duration lease) {
            this.lease = lease;
        }

        /**
         * The idle workers' poll interval.
         *
         * @return the interval
         */
        public Duration getPollInterval() {
            return pollInterval;
        }

        /**
         * Sets the idle workers' poll interval.
         *
         * @param pollInterval at least 1 ms
         */
        public void setPollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
        }

        /**
         * Fan-outs handed to the executor at once.
         *
         * @return the limit
         */
        public int getMaxPendingFanOuts() {
            return maxPendingFanOuts;
        }

        /**
         * Sets the fan-outs handed to the executor at once.
         *
         * @param maxPendingFanOuts at least 1
         */
        public void setMaxPendingFanOuts(int maxPendingFanOuts) {
            this.maxPendingFanOuts = maxPendingFanOuts;
        }

        /**
         * Where fan-out runs.
         *
         * @return the choice
         */
        public FanOutExecutor getFanOutExecutor() {
            return fanOutExecutor;
        }

        /**
         * Sets where fan-out runs.
         *
         * @param fanOutExecutor the choice
         */
        public void setFanOutExecutor(FanOutExecutor fanOutExecutor) {
            this.fanOutExecutor = fanOutExecutor;
        }

        /**
         * How long shutdown waits for pending fan-out.
         *
         * @return the timeout
         */
        public Duration getShutdownTimeout() {
            return shutdownTimeout;
        }

        /**
         * Sets how long shutdown waits for pending fan-out.
         *
         * @param shutdownTimeout the timeout
         */
        public void setShutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = shutdownTimeout;
        }

        /**
         * How long timeline feeds may grow.
         *
         * @return {@code sequere.timelines.bounds.*}
         */
        public BoundsOptions getBounds() {
            return bounds;
        }
    }

    /** {@code sequere.timelines.bounds.*}: how long timeline feeds may grow (unbounded by default). */
    public static class BoundsOptions {

        /** Entries kept per feed, newest first; 0 for no count bound. */
        private int keepNewest = 0;

        /** Age beyond which entries are dropped; unset for none. */
        private @Nullable Duration retention;

        /** 1 to trim a feed on every write, k to trim it on about one write in k (cheaper big fan-outs, small overshoot). */
        private int trimEvery = 1;

        /** Created by the binder. */
        public BoundsOptions() {
        }

        /**
         * Entries kept per feed.
         *
         * @return the count, 0 for none
         */
        public int getKeepNewest() {
            return keepNewest;
        }

        /**
         * Sets the entries kept per feed.
         *
         * @param keepNewest the count, 0 for none
         */
        public void setKeepNewest(int keepNewest) {
            this.keepNewest = keepNewest;
        }

        /**
         * The retention.
         *
         * @return the age, or {@code null} for none
         */
        public @Nullable Duration getRetention() {
            return retention;
        }

        /**
         * Sets the retention.
         *
         * @param retention the age, or {@code null} for none
         */
        public void setRetention(@Nullable Duration retention) {
            this.retention = retention;
        }

        /**
         * How often writes trim.
         *
         * @return 1 for every write
         */
        public int getTrimEvery() {
            return trimEvery;
        }

        /**
         * Sets how often writes trim.
         *
         * @param trimEvery at least 1
         */
        public void setTrimEvery(int trimEvery) {
            this.trimEvery = trimEvery;
        }
    }

    /** {@code sequere.metrics.*}: the Micrometer meters. */
    public static class Metrics {

        /** Whether the Sequere meters are registered (when Micrometer and a MeterRegistry bean are present). */
        private boolean enabled = true;

        /**
         * How long one reading of the timeline statistics (whose backlog figures query the store)
         * serves the meters, so that one scrape costs one store query, not one per meter.
         */
        private Duration statsMaxAge = Duration.ofSeconds(1);

        /** Created by the binder. */
        public Metrics() {
        }

        /**
         * Whether meters are registered.
         *
         * @return {@code true} when registered
         */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Sets whether meters are registered.
         *
         * @param enabled {@code true} to register
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /**
         * How long a statistics reading is reused.
         *
         * @return the age
         */
        public Duration getStatsMaxAge() {
            return statsMaxAge;
        }

        /**
         * Sets how long a statistics reading is reused.
         *
         * @param statsMaxAge the age, zero to read on every meter poll
         */
        public void setStatsMaxAge(Duration statsMaxAge) {
            this.statsMaxAge = statsMaxAge;
        }
    }

    /** {@code sequere.health.*}: the {@code sequere} health indicator. */
    public static class Health {

        /**
         * When set, the indicator reports OUT_OF_SERVICE while the oldest job of the store is
         * older than this (stuck fan-out: no worker running, or a job failing again and again).
         */
        private @Nullable Duration maxOldestJobAge;

        /** Created by the binder. */
        public Health() {
        }

        /**
         * The oldest-job threshold.
         *
         * @return the age, or {@code null} when off
         */
        public @Nullable Duration getMaxOldestJobAge() {
            return maxOldestJobAge;
        }

        /**
         * Sets the oldest-job threshold.
         *
         * @param maxOldestJobAge the age, or {@code null} for off
         */
        public void setMaxOldestJobAge(@Nullable Duration maxOldestJobAge) {
            this.maxOldestJobAge = maxOldestJobAge;
        }
    }
}
