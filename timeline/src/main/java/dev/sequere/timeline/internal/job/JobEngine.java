package dev.sequere.timeline.internal.job;

import dev.sequere.BackendException;
import dev.sequere.spi.Backend;
import dev.sequere.spi.Job;
import dev.sequere.spi.JobBacklog;
import dev.sequere.spi.JobStore;
import dev.sequere.timeline.internal.fanout.StoreCalls;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Records timeline work as jobs in the backend's {@link JobStore}, runs them, and takes over the
 * jobs of dead processes.
 *
 * <p>A job is created leased to this process and run at once: on the caller's thread
 * ({@link #runHere}) or on the application's executor ({@link #submit}), at most
 * {@code maxLocalJobs} at a time; beyond that the caller runs it (back-pressure instead of an
 * unbounded queue). Worker threads ({@code workers}, 0 for none) claim jobs whose lease ended,
 * which are those of a process that died or stalled, and jobs given back after a failure; they
 * also call {@link Backend#repair()} now and then.
 */
public final class JobEngine implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(JobEngine.class.getName());
    /**
     * Time between two {@link Backend#repair()} calls of a worker: an empty repair reads every
     * slot's index on a Redis Cluster (tens to hundreds of milliseconds), so not on every poll.
     */
    private static final long REPAIR_EVERY_NANOS = TimeUnit.SECONDS.toNanos(30);
    /** How long close() waits for a worker's current job. */
    private static final long JOIN_MILLIS = 30_000;

    private final Backend backend;
    private final JobStore jobs;
    private final StoreCalls calls;
    private final Executor executor;
    private final Semaphore localSlots;
    private final Duration lease;
    private final Duration pollInterval;
    private final Map<String, JobHandler> handlers;
    private final BiConsumer<Job, Throwable> onFailure;
    private final String workerId;

    private final AtomicLong pending = new AtomicLong();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder takenOver = new LongAdder();
    private final Map<String, LongAdder> completedByKind;
    private final Map<String, LongAdder> failedByKind;
    private final Object idle = new Object();
    private final Object wakeUp = new Object();
    private final List<Thread> workerThreads = new ArrayList<>();
    private volatile boolean closed;

    private final JobControl control = new JobControl() {
        @Override
        public void checkpoint(Job job, @org.jspecify.annotations.Nullable String progress) {
            if (!withRetry(() -> jobs.checkpoint(job, progress, lease))) {
                throw new LeaseLostException(job.id());
            }
        }

        @Override
        public void delivered(long entries) {
            delivered.add(entries);
        }
    };

    /**
     * Creates the engine; call {@link #start()} to start its workers.
     *
     * @param backend the storage (its {@link Backend#jobs()} holds the jobs)
     * @param settings how jobs run
     * @param handlers the handler of each job kind
     * @param onFailure told about each failed attempt of a job (the job is given back and retried)
     */
    public JobEngine(Backend backend, JobSettings settings, Map<String, JobHandler> handlers,
            BiConsumer<Job, Throwable> onFailure) {
        this.backend = backend;
        this.jobs = backend.jobs();
        this.calls = settings.calls();
        this.executor = settings.executor();
        this.localSlots = new Semaphore(settings.maxLocalJobs());
        this.lease = settings.lease();
        this.pollInterval = settings.pollInterval();
        this.handlers = Map.copyOf(handlers);
        this.onFailure = onFailure;
        this.completedByKind = counters(handlers.keySet());
        this.failedByKind = counters(handlers.keySet());
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        this.workerId = ProcessHandle.current().pid() + "-" + HexFormat.of().formatHex(random);
        for (int i = 0; i < settings.workers(); i++) {
            Thread thread = new Thread(this::workLoop, "sequere-timeline-worker-" + i + "-" + workerId);
            thread.setDaemon(true);
            workerThreads.add(thread);
        }
    }

    private static Map<String, LongAdder> counters(Iterable<String> kinds) {
        Map<String, LongAdder> map = new java.util.HashMap<>();
        kinds.forEach(k -> map.put(k, new LongAdder()));
        return Map.copyOf(map);
    }

    /** Starts the worker threads. */
    public void start() {
        workerThreads.forEach(Thread::start);
    }

    /**
     * Runs a storage call under the retry policy, counting retries.
     *
     * @param call an idempotent storage call
     * @param <T> its result type
     * @return its result
     */
    public <T> T withRetry(Supplier<T> call) {
        return calls.call(call);
    }

    /**
     * Records a job, leased to this process.
     *
     * @param kind its kind (a registered handler's)
     * @param payload its payload
     * @return the job
     */
    public Job create(String kind, String payload) {
        // A retried create whose first reply was lost makes two jobs: both run, the work is idempotent.
        return withRetry(() -> jobs.create(kind, payload, workerId, lease));
    }

    /**
     * Runs a job on the executor (or here when {@code maxLocalJobs} are already running).
     *
     * @param job a job this process created
     */
    public void submit(Job job) {
        pending.incrementAndGet();
        if (!localSlots.tryAcquire()) {
            runCounted(job, false, false);
            return;
        }
        try {
            executor.execute(() -> runCounted(job, true, false));
        } catch (RejectedExecutionException e) {
            LOG.log(Level.WARNING, "timeline executor rejected a job; running it in the caller instead", e);
            runCounted(job, true, false);
        }
    }

    /**
     * Runs a job on the calling thread.
     *
     * @param job a job this process created
     * @param rethrow whether a failure reaches the caller (it is retried by a worker either way)
     * @return {@code true} when it ran to its end
     */
    public boolean runHere(Job job, boolean rethrow) {
        pending.incrementAndGet();
        return runCounted(job, false, rethrow);
    }

    private boolean runCounted(Job job, boolean slot, boolean rethrow) {
        try {
            return execute(job, rethrow);
        } finally {
            if (slot) {
                localSlots.release();
            }
            synchronized (idle) {
                pending.decrementAndGet();
                idle.notifyAll();
            }
        }
    }

    /** Runs a job to its end, completes it; on failure gives it back for a later attempt. */
    private boolean execute(Job job, boolean rethrow) {
        JobHandler handler = handlers.get(job.kind());
        if (handler == null) {
            // A kind of a newer version of the library: leave it to a worker that knows it.
            LOG.log(Level.WARNING, "no handler for timeline job kind '" + job.kind() + "'; leaving job " + job.id());
            giveBack(job, lease);
            return false;
        }
        try {
            handler.run(job, control);
            withRetry(() -> jobs.complete(job));
            completedByKind.get(job.kind()).increment();
            return true;
        } catch (LeaseLostException e) {
            LOG.log(Level.DEBUG, e.getMessage());
            return false;
        } catch (RuntimeException e) {
            failedByKind.get(job.kind()).increment();
            LOG.log(Level.WARNING, "timeline job " + job.kind() + " " + job.id() + " failed (attempt "
                    + job.attempts() + "); a worker retries it", e);
            giveBack(job, backoff(job.attempts()));
            try {
                onFailure.accept(job, e);
            } catch (RuntimeException listenerError) {
                LOG.log(Level.WARNING, "timeline listener failed", listenerError);
            }
            if (rethrow) {
                throw e;
            }
            return false;
        }
    }

    private void giveBack(Job job, Duration delay) {
        try {
            withRetry(() -> {
                jobs.release(job, delay);
                return null;
            });
        } catch (RuntimeException e) {
            // The lease runs out by itself: a worker takes the job then.
            LOG.log(Level.WARNING, "could not give back job " + job.id() + "; it is retried once its lease ends", e);
        }
    }

    /** 1 s, 2 s, 4 s... up to the lease: a failing store is not hammered. */
    private Duration backoff(int attempts) {
        long millis = 1_000L << Math.min(20, Math.max(0, attempts - 1));
        return Duration.ofMillis(Math.min(millis, Math.max(1_000, lease.toMillis())));
    }

    private void workLoop() {
        long nextRepair = System.nanoTime() + REPAIR_EVERY_NANOS;
        while (!closed) {
            boolean worked = false;
            try {
                List<Job> claimed = jobs.claim(workerId, 1, lease);
                for (Job job : claimed) {
                    if (job.takenOver()) {
                        takenOver.increment();
                    }
                    worked = true;
                    pending.incrementAndGet();
                    runCounted(job, false, false);
                }
                if (System.nanoTime() - nextRepair >= 0) {
                    nextRepair = System.nanoTime() + REPAIR_EVERY_NANOS;
                    long repaired = backend.repair();
                    if (repaired > 0) {
                        LOG.log(Level.INFO, "completed " + repaired + " interrupted writes");
                    }
                }
            } catch (BackendException e) {
                LOG.log(Level.WARNING, "timeline worker could not reach the store; trying again", e);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "timeline worker step failed", e);
            }
            if (!worked) {
                synchronized (wakeUp) {
                    if (closed) {
                        return;
                    }
                    try {
                        wakeUp.wait(Math.max(1, pollInterval.toMillis()));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }
    }

    /**
     * Waits until no job of this process is running or queued locally.
     *
     * @param timeout how long to wait at most
     * @return {@code true} when idle, {@code false} on timeout
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (pending.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                idle.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    /**
     * Jobs running or queued in this process.
     *
     * @return the count
     */
    public long pending() {
        return pending.get();
    }

    /**
     * Jobs of a kind finished here.
     *
     * @param kind the kind
     * @return the count
     */
    public long completed(String kind) {
        return completedByKind.get(kind).sum();
    }

    /**
     * Failed attempts of jobs of a kind here.
     *
     * @param kind the kind
     * @return the count
     */
    public long failed(String kind) {
        return failedByKind.get(kind).sum();
    }

    /**
     * Entries delivered by this process's jobs.
     *
     * @return the count
     */
    public long delivered() {
        return delivered.sum();
    }

    /**
     * Storage calls retried.
     *
     * @return the count
     */
    public long retries() {
        return calls.retries();
    }

    /**
     * Jobs this process's workers took over from another holder.
     *
     * @return the count
     */
    public long takenOver() {
        return takenOver.sum();
    }

    /**
     * The store's backlog (every process's jobs).
     *
     * @return the backlog
     */
    public JobBacklog backlog() {
        return withRetry(jobs::backlog);
    }

    /**
     * This process's worker id in the job store.
     *
     * @return the id
     */
    public String workerId() {
        return workerId;
    }

    /** Stops the workers (a job they run finishes first). Jobs still queued locally keep running. */
    @Override
    public void close() {
        closed = true;
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
        for (Thread thread : workerThreads) {
            if (thread.isAlive() && thread != Thread.currentThread()) {
                try {
                    thread.join(JOIN_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
