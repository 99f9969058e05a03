package dev.sequere.spi;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Durable work queue of a backend: the store in which the timeline records work that must happen
 * after a call returns (a fan-out, an import on follow, a removal on unfollow, a delete), so that
 * any process can finish it if the one that started it dies.
 *
 * <p>Jobs are held under <b>leases</b>: a worker that creates or claims a job holds it until the
 * lease ends, and renews the lease each time it saves progress. While a lease runs no other worker
 * is handed the job; once it ends (the holder crashed, stalled or gave it back) the next
 * {@link #claim} hands it over with the saved {@link Job#progress() progress}. Lease times are
 * measured by the store's own clock (database time, Redis {@code TIME}) wherever processes share
 * the store, so that machines with skewed clocks agree.
 *
 * <p>A job may run more than once (a holder that stalls past its lease and then goes on, a worker
 * that dies after the work but before {@link #complete}): the work a job describes must be
 * idempotent. The store only guarantees that a created job is never lost until completed.
 *
 * <h2>Contract (checked by {@code dev.sequere.tck.JobStoreContract})</h2>
 * <ul>
 *   <li>{@link #create} is durable when it returns (as durable as the backend's other writes).</li>
 *   <li>{@link #claim} never hands a job whose lease runs to anyone else; many workers claiming at
 *       once each get different jobs.</li>
 *   <li>Jobs are claimed roughly oldest first; none starves.</li>
 * </ul>
 */
public interface JobStore {

    /** Largest payload every backend accepts, in characters. */
    int MAX_PAYLOAD_CHARS = 65_535;

    /** Largest progress value every backend accepts, in characters. */
    int MAX_PROGRESS_CHARS = 1_024;

    /**
     * Records a new job, already leased to {@code owner}, so that the process that creates it can
     * run it at once while others would only take it over once the lease ends.
     *
     * @param kind what the job does, see {@link Job#kind()}
     * @param payload what it needs, at most {@value #MAX_PAYLOAD_CHARS} characters
     * @param owner the creating worker's id, 1 to 64 characters
     * @param lease how long the creator holds it, at least 1 ms
     * @return the job, with {@code attempts == 1}
     */
    Job create(String kind, String payload, String owner, Duration lease);

    /**
     * Leases up to {@code max} jobs nobody holds (their lease ended), oldest first, to
     * {@code owner}, counting one more attempt on each.
     *
     * @param owner the claiming worker's id, 1 to 64 characters
     * @param max how many at most, at least 1
     * @param lease how long the worker holds them, at least 1 ms
     * @return the jobs handed to this worker, possibly none
     */
    List<Job> claim(String owner, int max, Duration lease);

    /**
     * Saves a job's progress and renews its lease, if {@code job.owner()} still holds it.
     *
     * @param job the job as the worker holds it
     * @param progress the position to resume from, at most {@value #MAX_PROGRESS_CHARS} characters,
     *     or {@code null} to keep the saved one
     * @param lease the new lease, from now
     * @return {@code false} when the worker lost the job (its lease ended and another worker took
     *     it, or it was completed): the caller should stop working on it
     */
    boolean checkpoint(Job job, @Nullable String progress, Duration lease);

    /**
     * Removes a finished job, whoever holds it now (its work is idempotent and done).
     *
     * @param job the job
     * @return {@code true} if it still existed
     */
    boolean complete(Job job);

    /**
     * Gives a job back after a failed attempt, claimable again after {@code delay}; its saved
     * progress stays. Does nothing when {@code job.owner()} no longer holds it.
     *
     * @param job the job as the worker holds it
     * @param delay how long nobody may claim it, at least 0
     */
    void release(Job job, Duration delay);

    /**
     * How many jobs exist and how old the oldest is.
     *
     * @return the backlog
     */
    JobBacklog backlog();
}
