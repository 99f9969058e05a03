package dev.sequere.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sequere.Ref;
import dev.sequere.spi.FeedKey;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 11, "unfollow during the followee's fan-out, other instance": one application instance (a
 * child JVM, {@link DeliveryRaceChild}, with its own connection pool) delivers entries of a source
 * to its followers in a loop, by {@code fanOutStep} and by {@code deliver}, while this one
 * unfollows every follower and purges the source's entries from its feed, as the timeline does.
 * Once both are quiet, nobody who no longer follows the source may hold one of its entries.
 *
 * <p>With the inherited per-JVM default of {@code deliver} the other instance's check of the
 * follow and its insert are not atomic with respect to this instance's purge, and on PostgreSQL a
 * run leaves stale entries in some feeds (see the README); the JDBC backend's own
 * {@code deliver}/{@code purge} order them by a lock on the source.
 */
class DeliveryRaceTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final int FOLLOWERS = 400;
    private static final int ENTRIES = 10;
    private static final String FEED = "private";

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"POSTGRES", "MARIADB"})
    void noUnfollowedFeedKeepsAnEntryDeliveredByAnotherInstance(TestDatabase db) throws Exception {
        JdbcBackend backend = db.newBackend();
        Process child = null;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Ref source = Ref.of("project", "hot");
            List<Ref> followers = new ArrayList<>();
            for (int i = 0; i < FOLLOWERS; i++) {
                Ref follower = Ref.of("user", "f" + i);
                followers.add(follower);
                backend.follows().follow(follower, source, T0.plusMillis(i));
            }
            child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), DeliveryRaceChild.class.getName(), db.jdbcUrl(),
                    backend.tables().prefix(), source.type(), source.id(), FEED, "3", Integer.toString(ENTRIES))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("ready");
            // The other instance is delivering before the first unfollow.
            FeedKey lastFeed = new FeedKey(followers.get(FOLLOWERS - 1), FEED);
            await().atMost(Duration.ofSeconds(60)).until(() -> backend.feeds().count(lastFeed) > 0);

            List<String> entryIds = new ArrayList<>();
            for (int i = 0; i < ENTRIES; i++) {
                entryIds.add("e" + i);
            }
            List<Ref> shuffled = new ArrayList<>(followers);
            Collections.shuffle(shuffled);
            ConcurrentLinkedQueue<Ref> todo = new ConcurrentLinkedQueue<>(shuffled);
            List<Future<?>> unfollowers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                unfollowers.add(pool.submit(() -> {
                    for (Ref follower = todo.poll(); follower != null; follower = todo.poll()) {
                        backend.follows().unfollow(follower, source);
                        backend.purge(follower, source, entryIds, List.of(FEED));
                    }
                    return null;
                }));
            }
            for (Future<?> f : unfollowers) {
                f.get(5, TimeUnit.MINUTES);
            }
            try (Writer in = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8)) {
                in.write("stop\n");
            }
            String summary = out.readLine();
            assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(child.exitValue()).isZero();
            assertThat(summary).startsWith("rounds ");

            List<Ref> stale = new ArrayList<>();
            for (Ref follower : followers) {
                if (backend.feeds().count(new FeedKey(follower, FEED)) > 0) {
                    stale.add(follower);
                }
            }
            System.out.println(db + ": other instance " + summary + "; stale feeds " + stale.size() + " of " + FOLLOWERS);
            assertThat(stale).as("feeds of unfollowers still holding the source's entries").isEmpty();
        } finally {
            pool.shutdownNow();
            if (child != null) {
                child.destroyForcibly();
            }
            TestDatabase.dispose(backend);
        }
    }
}
