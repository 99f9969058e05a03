package dev.sequere.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sequere.InvalidArgumentException;
import dev.sequere.spi.Job;
import dev.sequere.spi.JobBacklog;
import dev.sequere.spi.JobStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The outbox table behind {@link JdbcBackend#jobs()}: what another instance over the same tables
 * sees, leases on the database's clock, claims that never hand one job to two workers.
 */
class JdbcJobStoreTest {

    private static final Duration LONG = Duration.ofMinutes(10);

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aJobWhoseLeaseEndsIsTakenOverByAnotherInstanceWithItsProgress(TestDatabase db) {
        JdbcBackend first = db.newBackend();
        JdbcBackend second = db.reopen(first);
        try {
            JobStore a = first.jobs();
            JobStore b = second.jobs();
            Job created = a.create("fan-out", "{\"action\":\"a1\"}", "worker-a", Duration.ofMillis(400));
            assertThat(created.attempts()).isEqualTo(1);
            assertThat(created.takenOver()).isFalse();
            assertThat(a.checkpoint(created, "user:u42@1700000000000000", Duration.ofMillis(400))).isTrue();
            // Held: nobody else gets it while the lease runs.
            assertThat(b.claim("worker-b", 10, LONG)).isEmpty();

            // Worker A "dies": once its lease ends (database clock), the other instance takes it.
            List<Job> taken = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> taken.addAll(b.claim("worker-b", 10, LONG)));
            Job job = taken.get(0);
            assertThat(taken).hasSize(1);
            assertThat(job.id()).isEqualTo(created.id());
            assertThat(job.kind()).isEqualTo("fan-out");
            assertThat(job.payload()).isEqualTo("{\"action\":\"a1\"}");
            assertThat(job.progress()).isEqualTo("user:u42@1700000000000000");
            assertThat(job.attempts()).isEqualTo(2);
            assertThat(job.takenOver()).isTrue();
            assertThat(job.owner()).isEqualTo("worker-b");
            assertThat(job.createdAt()).isEqualTo(created.createdAt());

            // The old holder lost it: it can neither save progress nor give it back.
            assertThat(a.checkpoint(created, "stale", LONG)).isFalse();
            a.release(created, Duration.ZERO);
            assertThat(a.claim("worker-a", 10, LONG)).isEmpty();
            // Even a worker reusing B's id with A's copy cannot write: the copy is the token.
            Job sameIdOldCopy = new Job(created.id(), created.kind(), created.payload(), null, 1, created.createdAt(),
                    "worker-b");
            assertThat(b.checkpoint(sameIdOldCopy, "stale", LONG)).isFalse();

            assertThat(b.checkpoint(job, null, LONG)).isTrue();
            assertThat(b.checkpoint(job, "user:u99@1700000000000001", LONG)).isTrue();
            b.release(job, Duration.ZERO);
            List<Job> again = a.claim("worker-a", 10, LONG);
            assertThat(again).extracting(Job::attempts).containsExactly(3);
            assertThat(again.get(0).progress()).isEqualTo("user:u99@1700000000000001");

            JobBacklog backlog = b.backlog();
            assertThat(backlog.jobs()).isEqualTo(1);
            assertThat(backlog.oldestCreatedAt()).isEqualTo(created.createdAt());
            assertThat(b.complete(again.get(0))).isTrue();
            assertThat(a.complete(again.get(0))).isFalse();
            assertThat(a.backlog()).isEqualTo(JobBacklog.EMPTY);
        } finally {
            second.close();
            TestDatabase.dispose(first);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void timesComeFromTheDatabaseClock(TestDatabase db) throws Exception {
        JdbcBackend backend = db.newBackend();
        try {
            Instant before = databaseNow(db, backend);
            Job job = backend.jobs().create("k", "", "w", LONG);
            Instant after = databaseNow(db, backend);
            assertThat(job.createdAt()).isBetween(before.minusMillis(1), after.plusMillis(1));
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT lease_until_us - created_us FROM " + backend.tables().jobs())) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(LONG.toNanos() / 1_000);
            }
        } finally {
            TestDatabase.dispose(backend);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void concurrentClaimsOfTwoInstancesNeverShareAJob(TestDatabase db) throws Exception {
        JdbcBackend first = db.newBackend();
        JdbcBackend second = db.reopen(first);
        int jobs = 120;
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int i = 0; i < jobs; i++) {
                // Created with a 1 ms lease, so that all are claimable at once.
                first.jobs().create("k", "p" + i, "creator", Duration.ofMillis(1));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> !second.jobs().claim("probe", 1, Duration.ofMillis(1)).isEmpty());
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Callable<List<Job>>> claims = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                JobStore store = (t % 2 == 0 ? first : second).jobs();
                String worker = "w" + t;
                claims.add(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    List<Job> mine = new ArrayList<>();
                    for (List<Job> got = store.claim(worker, 7, LONG); !got.isEmpty(); got = store.claim(worker, 7, LONG)) {
                        mine.addAll(got);
                    }
                    return mine;
                });
            }
            Set<String> seen = new HashSet<>();
            int total = 0;
            for (Future<List<Job>> f : pool.invokeAll(claims)) {
                for (Job job : f.get()) {
                    total++;
                    assertThat(seen.add(job.id())).as("job " + job.id() + " handed out twice").isTrue();
                }
            }
            assertThat(total).isEqualTo(jobs);
            assertThat(first.jobs().backlog().jobs()).isEqualTo(jobs);
        } finally {
            pool.shutdownNow();
            second.close();
            TestDatabase.dispose(first);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void largestPayloadAndProgressRoundTripAndBadInputIsRejected(TestDatabase db) {
        CountingDataSource counting = new CountingDataSource(db.dataSource());
        JdbcBackend backend = JdbcBackend.builder(counting).tablePrefix(TestDatabase.uniquePrefix()).build();
        try {
            JobStore jobs = backend.jobs();
            // 65 535 characters of 3- and 4-byte UTF-8 (an emoji is two chars): more than TEXT's 64 KiB on MariaDB.
            String payload = "\u4e2d\uD83D\uDE00".repeat(JobStore.MAX_PAYLOAD_CHARS / 3);
            String progress = "\u00e9'\"; --".repeat(JobStore.MAX_PROGRESS_CHARS / 8);
            Job job = jobs.create("import", payload, "w".repeat(64), LONG);
            assertThat(jobs.checkpoint(job, progress, Duration.ofMillis(1))).isTrue();
            List<Job> claimed = new ArrayList<>();
            await().atMost(Duration.ofSeconds(10)).until(() -> claimed.addAll(jobs.claim("x", 1, LONG)));
            assertThat(claimed.get(0).payload()).isEqualTo(payload);
            assertThat(claimed.get(0).progress()).isEqualTo(progress);

            int before = counting.connections();
            assertThatThrownBy(() -> jobs.create("Bad Kind", "", "w", LONG)).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> jobs.create("k", "x".repeat(JobStore.MAX_PAYLOAD_CHARS + 1), "w", LONG))
                    .isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> jobs.create("k", "", "", LONG)).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> jobs.create("k", "", "w", Duration.ZERO)).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> jobs.claim("w", 0, LONG)).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> jobs.checkpoint(job, "x".repeat(JobStore.MAX_PROGRESS_CHARS + 1), LONG))
                    .isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> jobs.release(job, Duration.ofMillis(-1))).isInstanceOf(InvalidArgumentException.class);
            assertThat(counting.connections()).isEqualTo(before);
            // An id this store never handed out is simply unknown.
            Job foreign = new Job("not-a-number", "k", "", null, 1, Instant.EPOCH, "w");
            assertThat(jobs.complete(foreign)).isFalse();
            assertThat(jobs.checkpoint(foreign, null, LONG)).isFalse();
        } finally {
            TestDatabase.dispose(backend);
        }
    }

    /** The database's clock, read the way the store reads it. */
    private static Instant databaseNow(TestDatabase db, JdbcBackend backend) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT " + backend.dialect().nowMicros())) {
            rs.next();
            return dev.sequere.spi.EpochMicros.toInstant(rs.getLong(1));
        }
    }
}
