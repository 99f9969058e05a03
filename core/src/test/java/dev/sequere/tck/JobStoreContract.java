package dev.sequere.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sequere.InvalidArgumentException;
import dev.sequere.spi.Backend;
import dev.sequere.spi.Capability;
import dev.sequere.spi.Job;
import dev.sequere.spi.JobBacklog;
import dev.sequere.spi.JobStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The contract of {@link JobStore} ({@link Backend#jobs()}), run against a real backend: leases,
 * claims, checkpoints, completion, release, the backlog, argument checks, exact payloads, and
 * workers claiming concurrently (through two instances when the backend declares
 * {@link Capability#SHARED_ACROSS_PROCESSES}).
 *
 * <p>Leases are never waited out with sleeps: a test that needs a lease to end polls
 * {@link JobStore#claim} with Awaitility until the job is handed over. Leases that must not end
 * during a test are {@link #HELD} long; leases a test waits for are {@link #shortLease()} long.
 */
public abstract class JobStoreContract extends BackendContract {

    /** A lease no test outlives: while it runs the job must not be handed to anyone else. */
    protected static final Duration HELD = Duration.ofMinutes(10);

    private static final String KIND = "fan-out";

    /**
     * A lease the tests wait out (by polling claims). Short keeps the kit fast; a backend whose
     * lease clock is coarse may raise it.
     *
     * @return 300 ms by default
     */
    protected Duration shortLease() {
        return Duration.ofMillis(300);
    }

    /**
     * How long a test waits at most for a lease to end or a claim to succeed.
     *
     * @return 30 s by default
     */
    protected Duration patience() {
        return Duration.ofSeconds(30);
    }

    /**
     * Jobs claimed by 8 concurrent workers in the concurrency tests.
     *
     * @return 500 by default, times {@code -Dsequere.tck.soak}
     */
    protected int concurrentJobs() {
        return Soak.scaled(500);
    }

    /**
     * Whether jobs created one after the other by one thread are claimed in exactly that order.
     * A store that spreads jobs over shards may claim only roughly oldest first: it returns
     * {@code false}, and the kit then checks only that every job is handed out once.
     *
     * @return {@code true} by default
     */
    protected boolean claimsInCreationOrder() {
        return true;
    }

    /**
     * The job store under test.
     *
     * @return the backend's job store
     */
    protected final JobStore jobs() {
        return backend().jobs();
    }

    /** A job created by worker {@code creator} and held for the whole test. */
    final Job held(String payload) {
        return jobs().create(KIND, payload, "creator", HELD);
    }

    /** A job created, then given back at once: free for the next claim. */
    final Job free(String payload) {
        Job job = held(payload);
        jobs().release(job, Duration.ZERO);
        return job;
    }

    /** Polls {@code claim} until it hands over at least one job, and returns what it handed over. */
    final List<Job> awaitClaim(JobStore store, String owner, int max, Duration lease) {
        return await("a claim by " + owner).atMost(patience()).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(10))
                .until(() -> store.claim(owner, max, lease), claimed -> !claimed.isEmpty());
    }

    /** Polls {@code claim} until it hands over exactly one job, and returns it. */
    final Job awaitOne(String owner, Duration lease) {
        List<Job> claimed = awaitClaim(jobs(), owner, 10, lease);
        assertThat(claimed).as("jobs handed to %s", owner).hasSize(1);
        return claimed.get(0);
    }

    static List<String> ids(List<Job> jobs) {
        return jobs.stream().map(Job::id).collect(Collectors.toList());
    }

    /** Creating a job: leased to its creator at once. */
    @Nested
    public class Create {

        @Test
        void createReturnsAJobLeasedToItsCreator() {
            Instant before = Instant.now();
            Job job = jobs().create("import", "{\"follower\":\"user/1\"}", "worker-1", HELD);
            Instant after = Instant.now();
            assertThat(job.id()).isNotBlank();
            assertThat(job.kind()).isEqualTo("import");
            assertThat(job.payload()).isEqualTo("{\"follower\":\"user/1\"}");
            assertThat(job.progress()).isNull();
            assertThat(job.attempts()).isEqualTo(1);
            assertThat(job.takenOver()).isFalse();
            assertThat(job.owner()).isEqualTo("worker-1");
            // The store's clock, not this JVM's: near, not equal.
            assertThat(job.createdAt()).isBetween(before.minusSeconds(60), after.plusSeconds(60));
        }

        @Test
        void everyJobGetsItsOwnId() {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < 50; i++) {
                ids.add(jobs().create(KIND, "same payload", "w", HELD).id());
            }
            assertThat(ids).hasSize(50);
            assertThat(jobs().backlog().jobs()).isEqualTo(50);
        }

        @Test
        void identicalJobsAreKeptApart() {
            Job a = held("p");
            Job b = held("p");
            assertThat(a.id()).isNotEqualTo(b.id());
            assertThat(jobs().complete(a)).isTrue();
            assertThat(jobs().backlog().jobs()).isEqualTo(1);
            jobs().release(b, Duration.ZERO);
            assertThat(ids(awaitClaim(jobs(), "w2", 10, HELD))).containsExactly(b.id());
        }
    }

    /** Leases: nobody else gets a job while its lease runs; the next claim gets it after. */
    @Nested
    public class Leases {

        @Test
        void aCreatedJobIsNotHandedToAnyoneWhileItsLeaseRuns() {
            held("p");
            assertThat(jobs().claim("other", 10, HELD)).isEmpty();
            assertThat(jobs().claim("creator", 10, HELD)).as("not even to its creator: it holds it already").isEmpty();
            assertThat(jobs().backlog().jobs()).isEqualTo(1);
        }

        @Test
        void aCreatedJobIsHandedOverOnceItsLeaseEnds() {
            Job created = jobs().create(KIND, "payload", "crashed", shortLease());
            Job taken = awaitOne("rescuer", HELD);
            assertThat(taken.id()).isEqualTo(created.id());
            assertThat(taken.kind()).isEqualTo(KIND);
            assertThat(taken.payload()).isEqualTo("payload");
            assertThat(taken.progress()).isNull();
            assertThat(taken.attempts()).isEqualTo(2);
            assertThat(taken.takenOver()).isTrue();
            assertThat(taken.owner()).isEqualTo("rescuer");
            assertThat(taken.createdAt()).isEqualTo(created.createdAt());
            assertThat(jobs().claim("third", 10, HELD)).as("held by the rescuer now").isEmpty();
        }

        @Test
        void aClaimedJobIsNotHandedToAnotherWorkerWhileItsLeaseRuns() {
            free("p");
            assertThat(awaitClaim(jobs(), "w2", 10, HELD)).hasSize(1);
            assertThat(jobs().claim("w3", 10, HELD)).isEmpty();
            assertThat(jobs().claim("w2", 10, HELD)).as("nor again to its holder").isEmpty();
        }

        @Test
        void aClaimedJobIsHandedOverAgainWhenItsLeaseEnds() {
            Job created = free("p");
            Job second = awaitOne("w2", shortLease());
            Job third = awaitOne("w3", HELD);
            assertThat(second.id()).isEqualTo(created.id());
            assertThat(third.id()).isEqualTo(created.id());
            assertThat(third.attempts()).isEqualTo(3);
            assertThat(third.owner()).isEqualTo("w3");
        }
    }

    /** Claims: oldest first, at most {@code max}, one more attempt each. */
    @Nested
    public class Claims {

        @Test
        void claimOnAnEmptyStoreHandsOutNothing() {
            assertThat(jobs().claim("w", 10, HELD)).isEmpty();
        }

        @Test
        void claimIsOldestFirstAndRespectsMax() {
            List<Job> created = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                created.add(free("job " + i));
            }
            List<Job> claimed = new ArrayList<>(awaitClaim(jobs(), "w", 2, HELD));
            assertThat(claimed).as("max 2").hasSize(2);
            List<Job> next = jobs().claim("w", 2, HELD);
            assertThat(next).hasSize(2);
            claimed.addAll(next);
            List<Job> rest = jobs().claim("w", 10, HELD);
            assertThat(rest).hasSize(1);
            claimed.addAll(rest);
            assertThat(jobs().claim("w", 10, HELD)).isEmpty();
            if (claimsInCreationOrder()) {
                assertThat(ids(claimed)).isEqualTo(ids(created));
            } else {
                assertThat(ids(claimed)).containsExactlyInAnyOrderElementsOf(ids(created));
            }
            for (Job job : claimed) {
                assertThat(job.attempts()).isEqualTo(2);
                assertThat(job.takenOver()).isTrue();
                assertThat(job.owner()).isEqualTo("w");
            }
        }
    }

    /** Checkpoints: progress for the next holder, a renewed lease, refused once the job is lost. */
    @Nested
    public class Checkpoints {

        @Test
        void progressIsHandedToTheNextHolder() {
            Job job = held("p");
            assertThat(jobs().checkpoint(job, "step-1", shortLease())).isTrue();
            Job second = awaitOne("w2", shortLease());
            assertThat(second.progress()).isEqualTo("step-1");
            assertThat(second.attempts()).isEqualTo(2);
            assertThat(jobs().checkpoint(second, null, shortLease())).as("null keeps the saved progress").isTrue();
            Job third = awaitOne("w3", HELD);
            assertThat(third.progress()).isEqualTo("step-1");
            assertThat(third.attempts()).isEqualTo(3);
            assertThat(jobs().checkpoint(third, "step-2", shortLease())).isTrue();
            assertThat(awaitOne("w4", HELD).progress()).isEqualTo("step-2");
        }

        @Test
        void checkpointRenewsTheLease() {
            Duration firstLease = shortLease().multipliedBy(3);
            Job job = jobs().create(KIND, "p", "w1", firstLease);
            assertThat(jobs().checkpoint(job, "renewed", HELD)).isTrue();
            // Created after the job with the same lease, so its lease ends after the job's first one:
            // when it is free, the job would be too had the checkpoint not renewed its lease.
            Job marker = jobs().create(KIND, "marker", "w1", firstLease);
            List<Job> claimed = awaitClaim(jobs(), "w2", 10, HELD);
            assertThat(ids(claimed)).as("only the marker; the checkpointed job is still held").containsExactly(marker.id());
            assertThat(jobs().claim("w3", 10, HELD)).isEmpty();
            assertThat(jobs().checkpoint(job, null, HELD)).as("still the holder").isTrue();
        }

        @Test
        void checkpointSetsTheLeaseFromNowEvenWhenShorter() {
            Job job = held("p");
            assertThat(jobs().checkpoint(job, null, shortLease())).isTrue();
            Job taken = awaitOne("w2", HELD);
            assertThat(taken.id()).isEqualTo(job.id());
            assertThat(taken.progress()).isNull();
        }

        @Test
        void checkpointFailsOnceAnotherWorkerTookTheJob() {
            Job job = jobs().create(KIND, "p", "w1", shortLease());
            Job taken = awaitOne("w2", HELD);
            assertThat(jobs().checkpoint(job, "late", HELD)).as("w1 lost it").isFalse();
            assertThat(jobs().checkpoint(job, null, HELD)).isFalse();
            assertThat(jobs().checkpoint(taken, "mine", HELD)).isTrue();
            jobs().release(taken, Duration.ZERO);
            Job next = awaitOne("w3", HELD);
            assertThat(next.progress()).as("the lost checkpoint saved nothing").isEqualTo("mine");
        }

        @Test
        void checkpointFailsAfterComplete() {
            Job job = held("p");
            assertThat(jobs().complete(job)).isTrue();
            assertThat(jobs().checkpoint(job, "p", HELD)).isFalse();
            assertThat(jobs().backlog()).isEqualTo(JobBacklog.EMPTY);
        }
    }

    /** Completion: the job is gone, whoever held it. */
    @Nested
    public class Completion {

        @Test
        void completeRemovesTheJobOnce() {
            Job a = held("a");
            Job b = held("b");
            assertThat(jobs().backlog().jobs()).isEqualTo(2);
            assertThat(jobs().complete(a)).isTrue();
            assertThat(jobs().backlog().jobs()).isEqualTo(1);
            assertThat(jobs().complete(a)).as("second time").isFalse();
            assertThat(jobs().backlog().jobs()).isEqualTo(1);
            jobs().release(a, Duration.ZERO);
            jobs().release(b, Duration.ZERO);
            assertThat(ids(awaitClaim(jobs(), "w", 10, HELD))).as("a completed job is never handed out")
                    .containsExactly(b.id());
        }

        @Test
        void completeWorksWhoeverHoldsTheJob() {
            Job job = jobs().create(KIND, "p", "w1", shortLease());
            Job taken = awaitOne("w2", HELD);
            assertThat(jobs().complete(job)).as("the former holder finished the work after all").isTrue();
            assertThat(jobs().checkpoint(taken, "x", HELD)).as("the new holder learns it is done").isFalse();
            assertThat(jobs().complete(taken)).isFalse();
            assertThat(jobs().backlog()).isEqualTo(JobBacklog.EMPTY);
        }

        @Test
        void completingAFreeJobRemovesItToo() {
            Job job = free("p");
            assertThat(jobs().complete(job)).isTrue();
            assertThat(jobs().claim("w", 10, HELD)).isEmpty();
        }
    }

    /** Release: a failed attempt gives the job back, claimable after a delay, progress kept. */
    @Nested
    public class Release {

        @Test
        void releasedJobIsClaimableAfterTheDelayWithItsProgress() {
            Job later = held("later");
            Job soon = held("soon");
            assertThat(jobs().checkpoint(soon, "half-way", HELD)).isTrue();
            jobs().release(later, HELD);
            jobs().release(soon, shortLease());
            Job taken = awaitOne("w2", HELD);
            assertThat(taken.id()).as("the job whose delay is long stays out").isEqualTo(soon.id());
            assertThat(taken.progress()).isEqualTo("half-way");
            assertThat(taken.attempts()).isEqualTo(2);
            assertThat(jobs().claim("w3", 10, HELD)).isEmpty();
            assertThat(jobs().backlog().jobs()).isEqualTo(2);
        }

        @Test
        void releaseWithoutDelayFreesTheJobAtOnce() {
            Job job = held("p");
            jobs().release(job, Duration.ZERO);
            assertThat(awaitOne("w2", HELD).id()).isEqualTo(job.id());
        }

        @Test
        void releaseByAFormerHolderDoesNothing() {
            Job job = jobs().create(KIND, "p", "w1", shortLease());
            Job taken = awaitOne("w2", HELD);
            jobs().release(job, Duration.ZERO);
            assertThat(jobs().claim("w3", 10, HELD)).as("w2 still holds it").isEmpty();
            assertThat(jobs().checkpoint(taken, null, HELD)).isTrue();
        }

        @Test
        void releaseOfACompletedJobDoesNothing() {
            Job job = held("p");
            jobs().complete(job);
            jobs().release(job, Duration.ZERO);
            assertThat(jobs().claim("w", 10, HELD)).isEmpty();
            assertThat(jobs().backlog()).isEqualTo(JobBacklog.EMPTY);
        }
    }

    /** The backlog: every job, held or not, and the oldest creation time. */
    @Nested
    public class Backlog {

        @Test
        void anEmptyStoreHasNoBacklog() {
            assertThat(jobs().backlog()).isEqualTo(JobBacklog.EMPTY);
        }

        @Test
        void backlogCountsEveryJobAndReportsTheOldest() {
            Job a = held("a");
            Job b = held("b");
            Job c = free("c");
            assertThat(jobs().backlog()).isEqualTo(new JobBacklog(3, a.createdAt()));
            assertThat(awaitClaim(jobs(), "w", 10, HELD)).hasSize(1);
            assertThat(jobs().backlog()).as("held jobs count too").isEqualTo(new JobBacklog(3, a.createdAt()));
            assertThat(jobs().complete(a)).isTrue();
            assertThat(jobs().backlog()).isEqualTo(new JobBacklog(2, b.createdAt()));
            assertThat(jobs().complete(c)).isTrue();
            assertThat(jobs().complete(b)).isTrue();
            assertThat(jobs().backlog()).isEqualTo(JobBacklog.EMPTY);
        }
    }

    /** Bad arguments: a clear InvalidArgumentException, and nothing changes. */
    @Nested
    public class Arguments {

        private final String tooLongPayload = "x".repeat(JobStore.MAX_PAYLOAD_CHARS + 1);

        private void rejects(Executable call, String what) {
            assertThatThrownBy(call::execute).as(what).isInstanceOf(InvalidArgumentException.class);
        }

        @Test
        void createRejectsBadArgumentsAndStoresNothing() {
            for (String kind : new String[] {null, "", "Fan-out", "fan out", "fan/out", "ü", "k".repeat(33)}) {
                rejects(() -> jobs().create(kind, "p", "w", HELD), "kind '" + kind + "'");
            }
            rejects(() -> jobs().create(KIND, null, "w", HELD), "null payload");
            rejects(() -> jobs().create(KIND, tooLongPayload, "w", HELD), "payload too long");
            for (String owner : new String[] {null, "", " ", "w".repeat(65)}) {
                rejects(() -> jobs().create(KIND, "p", owner, HELD), "owner '" + owner + "'");
            }
            for (Duration lease : new Duration[] {null, Duration.ZERO, Duration.ofNanos(999_999), Duration.ofMillis(-5)}) {
                rejects(() -> jobs().create(KIND, "p", "w", lease), "lease " + lease);
            }
            assertThat(jobs().backlog()).isEqualTo(JobBacklog.EMPTY);
            assertThat(jobs().claim("w", 10, Duration.ofMillis(1))).isEmpty();
        }

        @Test
        void limitsAreAccepted() {
            Job job = jobs().create("k".repeat(32), "x".repeat(JobStore.MAX_PAYLOAD_CHARS), "w".repeat(64),
                    Duration.ofMillis(1));
            assertThat(job.payload()).hasSize(JobStore.MAX_PAYLOAD_CHARS);
            Job taken = awaitOne("o".repeat(64), HELD);
            assertThat(jobs().checkpoint(taken, "p".repeat(JobStore.MAX_PROGRESS_CHARS), Duration.ofMillis(1)))
                    .isTrue();
            Job again = awaitOne("w", HELD);
            assertThat(again.progress()).hasSize(JobStore.MAX_PROGRESS_CHARS);
            assertThat(again.kind()).isEqualTo("k".repeat(32));
        }

        @Test
        void claimRejectsBadArgumentsAndHandsOutNothing() {
            Job job = free("p");
            for (String owner : new String[] {null, "", " ", "w".repeat(65)}) {
                rejects(() -> jobs().claim(owner, 10, HELD), "owner '" + owner + "'");
            }
            rejects(() -> jobs().claim("w", 0, HELD), "max 0");
            rejects(() -> jobs().claim("w", -1, HELD), "max -1");
            for (Duration lease : new Duration[] {null, Duration.ZERO, Duration.ofNanos(999_999), Duration.ofMillis(-5)}) {
                rejects(() -> jobs().claim("w", 10, lease), "lease " + lease);
            }
            Job taken = awaitOne("w", HELD);
            assertThat(taken.id()).isEqualTo(job.id());
            assertThat(taken.attempts()).as("rejected claims counted no attempt").isEqualTo(2);
        }

        @Test
        void checkpointRejectsBadArgumentsAndChangesNothing() {
            Job job = held("p");
            assertThat(jobs().checkpoint(job, "saved", HELD)).isTrue();
            String tooLong = "p".repeat(JobStore.MAX_PROGRESS_CHARS + 1);
            rejects(() -> jobs().checkpoint(job, tooLong, HELD), "progress too long");
            for (Duration lease : new Duration[] {null, Duration.ZERO, Duration.ofNanos(999_999), Duration.ofMillis(-5)}) {
                rejects(() -> jobs().checkpoint(job, "other", lease), "lease " + lease);
            }
            assertThat(jobs().claim("w2", 10, HELD)).as("still held").isEmpty();
            jobs().release(job, Duration.ZERO);
            Job taken = awaitOne("w2", HELD);
            assertThat(taken.progress()).isEqualTo("saved");
            assertThat(taken.attempts()).isEqualTo(2);
        }

        @Test
        void releaseRejectsANegativeDelayAndChangesNothing() {
            Job job = held("p");
            rejects(() -> jobs().release(job, Duration.ofMillis(-1)), "negative delay");
            rejects(() -> jobs().release(job, null), "null delay");
            assertThat(jobs().claim("w2", 10, HELD)).as("still held").isEmpty();
            assertThat(jobs().checkpoint(job, null, HELD)).isTrue();
        }
    }

    /** Payloads, progress and worker ids come back exactly as given. */
    @Nested
    public class RoundTrips {

        @Test
        void payloadsAndProgressRoundTripExactly() {
            Map<String, String> payloads = new LinkedHashMap<>();
            payloads.put("quotes", "{\"text\":\"it's \\\"quoted\\\"\", 'single'}; DROP TABLE jobs; --");
            payloads.put("unicode", "Ünïcödé 漢字 😀 👨‍👩‍👧 e\u0301 مرحبا \u2028 \u00a0 \uFEFF");
            payloads.put("lines", "  line 1\n\tline 2\r\n  \n");
            payloads.put("syntax", "*{}[]%_?\\/:#&=$^ \"$1\" ${x} %s");
            payloads.put("empty", "");
            payloads.put("largest", largest(JobStore.MAX_PAYLOAD_CHARS));
            Map<String, String> progress = new HashMap<>();
            Map<String, String> byId = new HashMap<>();
            for (Map.Entry<String, String> e : payloads.entrySet()) {
                Job job = held(e.getValue());
                assertThat(job.payload()).as("%s as created", e.getKey()).isEqualTo(e.getValue());
                String saved = e.getKey().equals("largest") ? largest(JobStore.MAX_PROGRESS_CHARS)
                        : e.getKey().equals("empty") ? "" : e.getValue();
                assertThat(jobs().checkpoint(job, saved, HELD)).isTrue();
                jobs().release(job, Duration.ZERO);
                byId.put(job.id(), e.getKey());
                progress.put(e.getKey(), saved);
            }
            List<Job> claimed = new ArrayList<>();
            await().atMost(patience()).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10)).until(() -> {
                claimed.addAll(jobs().claim("reader", 10, HELD));
                return claimed.size() >= payloads.size();
            });
            assertThat(claimed).hasSize(payloads.size());
            for (Job job : claimed) {
                String name = byId.get(job.id());
                assertThat(job.payload()).as("%s as claimed", name).isEqualTo(payloads.get(name));
                assertThat(job.progress()).as("progress of %s", name).isEqualTo(progress.get(name));
            }
        }

        @Test
        void workerIdsAreComparedExactly() {
            List<String> owners = List.of("w:1", "{w}", "host-1/pid 42", "ü漢😀", "w'; --", "W:1", "w:1 ");
            for (String owner : owners) {
                Job job = jobs().create(KIND, owner, owner, HELD);
                assertThat(job.owner()).isEqualTo(owner);
                for (String other : owners) {
                    if (!other.equals(owner)) {
                        Job forged = new Job(job.id(), job.kind(), job.payload(), null, 1, job.createdAt(), other);
                        assertThat(jobs().checkpoint(forged, "stolen", HELD)).as("'%s' posing as '%s'", other, owner)
                                .isFalse();
                    }
                }
                assertThat(jobs().checkpoint(job, "mine", HELD)).as("'%s' itself", owner).isTrue();
            }
        }

        /** A string of exactly {@code chars} UTF-16 units mixing 1-, 2-, 3- and 4-byte UTF-8 characters. */
        static String largest(int chars) {
            StringBuilder text = new StringBuilder(chars);
            String[] pieces = {"a", "é", "漢", "😀", "\"", "'", "\\", "\n"};
            int i = 0;
            while (text.length() < chars) {
                String piece = pieces[i++ % pieces.length];
                text.append(text.length() + piece.length() <= chars ? piece : "z");
            }
            return text.toString();
        }
    }

    /** Many workers at once: each job handed to exactly one of them while its lease runs. */
    @Nested
    public class Concurrency {

        @Test
        void eightWorkersClaimingAtOnceNeverShareAJob() throws Exception {
            claimAllConcurrently(List.of(jobs()));
        }

        @Test
        void concurrentCompletionsSucceedOncePerJob() throws Exception {
            List<Job> created = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                created.add(held("c" + i));
            }
            Map<String, AtomicInteger> wins = new ConcurrentHashMap<>();
            runTogether(4, t -> {
                for (Job job : created) {
                    if (jobs().complete(job)) {
                        wins.computeIfAbsent(job.id(), k -> new AtomicInteger()).incrementAndGet();
                    }
                }
            });
            assertThat(wins).hasSize(created.size());
            wins.forEach((id, n) -> assertThat(n.get()).as("completions of %s", id).isEqualTo(1));
            assertThat(jobs().backlog()).isEqualTo(JobBacklog.EMPTY);
        }
    }

    /** Declared persistence or sharing: jobs outlive the instance that created them. */
    @Nested
    public class Durability {

        @Test
        void jobsAreSeenByAnotherInstanceOverTheSameData() {
            Backend other = SharedStorage.requireSecondInstance(backend(), JobStoreContract.this::openAnother);
            try {
                Job job = held("durable");
                assertThat(jobs().checkpoint(job, "half", HELD)).isTrue();
                JobStore second = other.jobs();
                assertThat(second.backlog()).isEqualTo(new JobBacklog(1, job.createdAt()));
                assertThat(second.claim("second", 10, HELD)).as("the lease holds across instances").isEmpty();
                jobs().release(job, Duration.ZERO);
                List<Job> claimed = awaitClaim(second, "second", 10, HELD);
                assertThat(ids(claimed)).containsExactly(job.id());
                assertThat(claimed.get(0).payload()).isEqualTo("durable");
                assertThat(claimed.get(0).progress()).isEqualTo("half");
            } finally {
                other.close();
            }
        }
    }

    /** Declared sharing between processes, checked through a second instance over the same data. */
    @Nested
    public class SharedAcrossProcesses {

        @Test
        void aJobCreatedThroughOneInstanceIsClaimedThroughTheOther() {
            Backend other = SharedProcesses.requireSecondProcess(backend(), JobStoreContract.this::openAnother);
            try {
                JobStore second = other.jobs();
                Job job = jobs().create(KIND, "across", "first", shortLease());
                assertThat(jobs().checkpoint(job, "p1", shortLease())).isTrue();
                List<Job> claimed = awaitClaim(second, "second", 10, HELD);
                assertThat(ids(claimed)).containsExactly(job.id());
                Job taken = claimed.get(0);
                assertThat(taken.payload()).isEqualTo("across");
                assertThat(taken.progress()).isEqualTo("p1");
                assertThat(taken.attempts()).isEqualTo(2);
                assertThat(taken.createdAt()).isEqualTo(job.createdAt());
                assertThat(jobs().checkpoint(job, "late", HELD)).as("the first instance lost it").isFalse();
                assertThat(jobs().claim("first", 10, HELD)).isEmpty();
                assertThat(jobs().backlog().jobs()).isEqualTo(1);
                assertThat(second.complete(taken)).isTrue();
                assertThat(jobs().backlog()).isEqualTo(JobBacklog.EMPTY);
                assertThat(jobs().complete(job)).isFalse();
            } finally {
                other.close();
            }
        }

        @Test
        void twoInstancesClaimingConcurrentlyNeverShareAJob() throws Exception {
            Backend other = SharedProcesses.requireSecondProcess(backend(), JobStoreContract.this::openAnother);
            try {
                claimAllConcurrently(List.of(jobs(), other.jobs()));
            } finally {
                other.close();
            }
        }
    }

    /**
     * Creates {@link #concurrentJobs()} jobs from 8 threads, then has 8 workers (spread over
     * {@code stores}) claim them all at once with leases no test outlives: every job must be handed
     * out exactly once, then completed exactly once.
     */
    final void claimAllConcurrently(List<JobStore> stores) throws Exception {
        int threads = 8;
        int total = concurrentJobs();
        Set<String> created = ConcurrentHashMap.newKeySet();
        runTogether(threads, t -> {
            JobStore store = stores.get(t % stores.size());
            for (int i = t; i < total; i += threads) {
                // 1 ms: free almost at once, so the claims below race for them.
                created.add(store.create(KIND, "job " + i, "creator-" + t, Duration.ofMillis(1)).id());
            }
        });
        assertThat(created).as("distinct ids").hasSize(total);
        Map<String, List<String>> holders = new ConcurrentHashMap<>();
        AtomicInteger claimed = new AtomicInteger();
        Map<Integer, List<Job>> perWorker = new ConcurrentHashMap<>();
        long deadline = System.nanoTime() + patience().toNanos() * 4;
        runTogether(threads, t -> {
            JobStore store = stores.get(t % stores.size());
            String owner = "worker-" + t;
            List<Job> mine = new ArrayList<>();
            int round = 0;
            // Guarded by a deadline so that a lost job fails the assertions below instead of hanging.
            while (claimed.get() < total && System.nanoTime() - deadline < 0) {
                List<Job> got = store.claim(owner, 1 + (t + round++) % 7, HELD);
                for (Job job : got) {
                    holders.computeIfAbsent(job.id(), k -> Collections.synchronizedList(new ArrayList<>())).add(owner);
                    assertThat(job.owner()).isEqualTo(owner);
                    assertThat(job.attempts()).isEqualTo(2);
                }
                mine.addAll(got);
                claimed.addAndGet(got.size());
                if (got.isEmpty()) {
                    Thread.onSpinWait();
                }
            }
            perWorker.put(t, mine);
        });
        Map<String, List<String>> shared = holders.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(shared).as("jobs handed to several workers while leased").isEmpty();
        assertThat(holders.keySet()).as("every job claimed").isEqualTo(created);
        for (JobStore store : stores) {
            assertThat(store.claim("late", 10, HELD)).isEmpty();
        }
        AtomicInteger completed = new AtomicInteger();
        runTogether(threads, t -> {
            JobStore store = stores.get(t % stores.size());
            for (Job job : perWorker.get(t)) {
                if (store.complete(job)) {
                    completed.incrementAndGet();
                }
            }
        });
        assertThat(completed.get()).isEqualTo(total);
        assertThat(jobs().backlog()).isEqualTo(JobBacklog.EMPTY);
    }

    /** A task run by one thread among several started together. */
    interface ThreadTask {
        void run(int thread) throws Exception;
    }

    /** Runs {@code task} on {@code threads} threads released together; rethrows the first failure. */
    static void runTogether(int threads, ThreadTask task) throws Exception {
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int self = t;
                done.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    task.run(self);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
