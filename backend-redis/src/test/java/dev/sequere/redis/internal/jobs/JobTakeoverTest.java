package dev.sequere.redis.internal.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sequere.redis.RedisBackend;
import dev.sequere.redis.support.Topology;
import dev.sequere.spi.Job;
import dev.sequere.spi.JobBacklog;
import dev.sequere.spi.JobStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Redis job store between two backend instances on one prefix (two clients, as two
 * application instances): leases hold across them, a job whose holder stops renewing is taken
 * over with its progress, and completed jobs are gone for everyone.
 */
class JobTakeoverTest {

    private static final Duration LONG = Duration.ofMinutes(5);

    @ParameterizedTest
    @EnumSource(Topology.class)
    void aJobIsTakenOverByTheOtherInstanceAfterItsLeaseWithItsProgress(Topology topology) throws Exception {
        RedisBackend one = topology.create(JobTakeoverTest.class);
        try (RedisBackend two = topology.openAnother(one)) {
            JobStore mine = one.jobs();
            JobStore theirs = two.jobs();
            Job job = mine.create("fan-out", "{\"action\":\"a1\"}", "worker-1", Duration.ofMillis(400));
            assertThat(job.attempts()).isEqualTo(1);
            assertThat(mine.checkpoint(job, "user:42", Duration.ofMillis(400))).isTrue();
            // While the lease runs, the other instance is handed nothing.
            assertThat(theirs.claim("worker-2", 10, LONG)).isEmpty();

            List<Job> taken = new ArrayList<>();
            Awaitility.await("the other instance takes the job over once the lease ended")
                    .atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        taken.addAll(theirs.claim("worker-2", 10, LONG));
                        return !taken.isEmpty();
                    });
            assertThat(taken).hasSize(1);
            Job over = taken.get(0);
            assertThat(over.id()).isEqualTo(job.id());
            assertThat(over.kind()).isEqualTo("fan-out");
            assertThat(over.payload()).isEqualTo("{\"action\":\"a1\"}");
            assertThat(over.progress()).isEqualTo("user:42");
            assertThat(over.attempts()).isEqualTo(2);
            assertThat(over.takenOver()).isTrue();
            assertThat(over.owner()).isEqualTo("worker-2");
            assertThat(over.createdAt()).isEqualTo(job.createdAt());

            // The first holder lost it: its checkpoint and release do nothing.
            assertThat(mine.checkpoint(job, "user:99", LONG)).isFalse();
            mine.release(job, Duration.ZERO);
            assertThat(mine.claim("worker-1", 10, LONG)).isEmpty();
            assertThat(theirs.checkpoint(over, "user:50", LONG)).isTrue();

            assertThat(mine.backlog().jobs()).isEqualTo(1);
            assertThat(mine.complete(job)).isTrue();
            assertThat(theirs.complete(over)).isFalse();
            assertThat(theirs.backlog()).isEqualTo(JobBacklog.EMPTY);
            assertThat(theirs.claim("worker-2", 10, Duration.ofMillis(1))).isEmpty();
        } finally {
            topology.destroy(one);
        }
    }

    @ParameterizedTest
    @EnumSource(Topology.class)
    void releasedJobsComeBackAndConcurrentClaimersGetDifferentJobs(Topology topology) throws Exception {
        RedisBackend one = topology.create(JobTakeoverTest.class);
        try (RedisBackend two = topology.openAnother(one)) {
            int count = 60;
            List<Job> created = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                created.add(one.jobs().create("import", "job-" + i, "creator", LONG));
            }
            JobBacklog backlog = two.jobs().backlog();
            assertThat(backlog.jobs()).isEqualTo(count);
            assertThat(backlog.oldestCreatedAt()).isEqualTo(created.get(0).createdAt());
            for (Job job : created) {
                one.jobs().release(job, Duration.ZERO);
            }
            // Four workers on two instances claim at once: every job goes to exactly one of them.
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<List<Job>>> results = new ArrayList<>();
                for (int w = 0; w < 4; w++) {
                    JobStore store = (w % 2 == 0 ? one : two).jobs();
                    String owner = "w" + w;
                    Callable<List<Job>> worker = () -> {
                        List<Job> mine = new ArrayList<>();
                        for (int round = 0; round < 40; round++) {
                            mine.addAll(store.claim(owner, 3, LONG));
                        }
                        return mine;
                    };
                    results.add(pool.submit(worker));
                }
                Set<String> ids = new HashSet<>();
                int total = 0;
                for (Future<List<Job>> result : results) {
                    for (Job job : result.get()) {
                        ids.add(job.id());
                        total++;
                        assertThat(job.attempts()).isEqualTo(2);
                    }
                }
                assertThat(total).isEqualTo(count);
                assertThat(ids).hasSize(count);
            } finally {
                pool.shutdownNow();
            }
            assertThat(two.jobs().claim("late", 10, LONG)).isEmpty();
            assertThat(two.jobs().backlog().jobs()).isEqualTo(count);
        } finally {
            topology.destroy(one);
        }
    }
}
