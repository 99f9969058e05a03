package dev.sequere.redis.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sequere.Ref;
import dev.sequere.redis.RedisBackend;
import dev.sequere.redis.support.InheritedDelivery;
import dev.sequere.redis.support.RedisServers;
import dev.sequere.redis.support.Topology;
import dev.sequere.spi.Backend;
import dev.sequere.spi.FeedKey;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two application instances (two JVMs, two clients, one prefix): one publishes entries of a
 * source and fans them out to its followers through {@code fanOutStep}, the other meanwhile
 * unfollows random followers, purges what they got from the source, and follows them again. Once
 * both stopped, no resource that does not follow the source may hold any of its entries.
 *
 * <p>Set {@code -Dsequere.race.delivery=inherited} to run both instances on the SPI's default
 * delivery instead (a check then a write, under a lock of each JVM): it leaves stale entries, which
 * shows the test can fail; the count is printed.
 */
class DeliveryRaceTest {

    private static final Ref SOURCE = Ref.of("project", "s");
    private static final int FOLLOWERS = 12;
    private static final int CHURNERS = 4;
    private static final long RUN_MILLIS = Long.getLong("sequere.race.millis", 2_000);

    /**
     * The id of the {@code i}-th entry the deliverer publishes.
     *
     * @param i its number
     * @return the id
     */
    static String entryId(int i) {
        return "e" + i;
    }

    @ParameterizedTest
    @EnumSource(Topology.class)
    void noNonFollowerKeepsAnEntryAfterRacingUnfollowsAndFanOuts(Topology topology) throws Exception {
        RedisBackend redis = topology.create(DeliveryRaceTest.class);
        boolean inherited = "inherited".equals(System.getProperty("sequere.race.delivery"));
        Backend backend = inherited ? new InheritedDelivery(redis) : redis;
        Path log = Files.createTempFile("race-deliverer", ".log");
        try {
            List<Ref> followers = new ArrayList<>();
            for (int i = 0; i < FOLLOWERS; i++) {
                // One id needs escaping inside the hash tag, to cover the keys the scripts build.
                followers.add(Ref.of("user", i == 0 ? "f }%{0" : "f" + i));
                backend.follows().follow(followers.get(i), SOURCE, Instant.now());
            }
            Process deliverer = startDeliverer(topology, redis.keys().prefix(), inherited, log);
            // Several threads of this instance churn disjoint followers, so that unfollows and
            // purges often fall between another instance's check and write.
            AtomicInteger purges = new AtomicInteger();
            List<String> stale = Collections.synchronizedList(new ArrayList<>());
            ExecutorService churners = Executors.newFixedThreadPool(CHURNERS);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < CHURNERS; t++) {
                int first = t;
                done.add(churners.submit(() -> churn(backend, followers, first, deliverer, purges, stale)));
            }
            churners.shutdown();
            for (Future<?> f : done) {
                f.get();
            }
            assertThat(deliverer.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(deliverer.exitValue()).as(Files.readString(log)).isZero();

            for (Ref follower : followers) {
                long held = backend.feeds().count(new FeedKey(follower, "private"));
                if (!backend.follows().exists(follower, SOURCE) && held > 0) {
                    stale.add(follower.id() + " holds " + held);
                }
            }
            System.out.printf("DeliveryRaceTest %s %s: %s, %d purges, %d stale timelines%s%n", topology,
                    inherited ? "inherited delivery" : "Redis delivery", Files.readString(log).trim(), purges.get(),
                    stale.size(), stale.isEmpty() ? "" : " " + stale);
            assertThat(purges.get()).as("the workload raced unfollows with the fan-outs").isPositive();
            assertThat(stale).as("non-followers holding entries of the source").isEmpty();
        } finally {
            Files.deleteIfExists(log);
            topology.destroy(redis);
        }
    }

    /** Unfollows, purges and follows again the followers {@code first}, {@code first + CHURNERS}, ... */
    private static void churn(Backend backend, List<Ref> followers, int first, Process deliverer, AtomicInteger purges,
            List<String> stale) {
        Random random = new Random(first);
        FeedKey published = new FeedKey(SOURCE, "public");
        List<Ref> mine = new ArrayList<>();
        for (int i = first; i < followers.size(); i += CHURNERS) {
            mine.add(followers.get(i));
        }
        while (deliverer.isAlive()) {
            Ref follower = mine.get(random.nextInt(mine.size()));
            FeedKey feed = new FeedKey(follower, "private");
            if (backend.follows().unfollow(follower, SOURCE)) {
                // Every entry published so far: one whose delivery still saw the follow was
                // published before that delivery, hence before this read.
                int count = (int) backend.feeds().count(published);
                List<String> ids = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    ids.add(entryId(i));
                }
                backend.purge(follower, SOURCE, ids, List.of("private"));
                purges.incrementAndGet();
            } else {
                // Not following since its purge: anything in its timeline now was written after
                // the purge by a delivery that had seen the follow, which must not happen.
                long held = backend.feeds().count(feed);
                if (held > 0) {
                    stale.add(follower.id() + " held " + held);
                    backend.feeds().clear(feed);
                }
                backend.follows().follow(follower, SOURCE, Instant.now());
            }
        }
    }

    private static Process startDeliverer(Topology topology, String prefix, boolean inherited, Path log)
            throws Exception {
        String server = topology == Topology.CLUSTER
                ? RedisServers.clusterNodes().stream().map(n -> n.getHost() + ":" + n.getPort())
                        .collect(Collectors.joining(","))
                : RedisServers.standaloneUrl();
        String mode = switch (topology) {
            case STANDALONE -> "standalone";
            case STANDALONE_PER_SIDE -> "per-side";
            case CLUSTER -> "cluster";
        };
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), RaceDeliverer.class.getName(),
                mode, server, prefix, inherited ? "inherited" : "own", SOURCE.type(), SOURCE.id(),
                Long.toString(RUN_MILLIS), "5000")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
