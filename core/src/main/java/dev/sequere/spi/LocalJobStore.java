package dev.sequere.spi;

import dev.sequere.InvalidArgumentException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A {@link JobStore} in this process's memory, for backends whose data lives in the process too
 * (the in-memory backend, test doubles). Its jobs die with the process, as the rest of such a
 * backend's data does; leases follow this JVM's monotonic clock. Thread-safe.
 */
public final class LocalJobStore implements JobStore {

    private final Clock clock;
    /** Jobs by creation sequence, so that claims go oldest first. */
    private final TreeMap<Long, Entry> jobs = new TreeMap<>();
    private long sequence;

    /** Creates an empty store on the UTC system clock. */
    public LocalJobStore() {
        this(Clock.systemUTC());
    }

    /**
     * Creates an empty store.
     *
     * @param clock gives {@link Job#createdAt()}; leases use {@link System#nanoTime()}
     */
    public LocalJobStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Job create(String kind, String payload, String owner, Duration lease) {
        Job.requireValidKind(kind);
        JobStores.requirePayload(payload);
        JobStores.requireOwner(owner);
        long leaseNanos = JobStores.requireLease(lease).toNanos();
        long seq = ++sequence;
        Entry entry = new Entry(Long.toString(seq), kind, payload, clock.instant());
        entry.owner = owner;
        entry.attempts = 1;
        entry.leaseEnd = System.nanoTime() + leaseNanos;
        jobs.put(seq, entry);
        return entry.snapshot();
    }

    @Override
    public synchronized List<Job> claim(String owner, int max, Duration lease) {
        JobStores.requireOwner(owner);
        if (max < 1) {
            throw new InvalidArgumentException("max must be at least 1, was " + max);
        }
        long leaseNanos = JobStores.requireLease(lease).toNanos();
        long now = System.nanoTime();
        List<Job> claimed = new ArrayList<>();
        for (Entry entry : jobs.values()) {
            if (claimed.size() == max) {
                break;
            }
            if (entry.leaseEnd - now <= 0) {
                entry.owner = owner;
                entry.attempts++;
                entry.leaseEnd = now + leaseNanos;
                claimed.add(entry.snapshot());
            }
        }
        return claimed;
    }

    @Override
    public synchronized boolean checkpoint(Job job, @Nullable String progress, Duration lease) {
        long leaseNanos = JobStores.requireLease(lease).toNanos();
        if (progress != null) {
            JobStores.requireProgress(progress);
        }
        Entry entry = find(job);
        if (entry == null || !job.owner().equals(entry.owner) || entry.leaseEnd - System.nanoTime() <= 0) {
            return false;
        }
        if (progress != null) {
            entry.progress = progress;
        }
        entry.leaseEnd = System.nanoTime() + leaseNanos;
        return true;
    }

    @Override
    public synchronized boolean complete(Job job) {
        Entry entry = find(job);
        return entry != null && jobs.remove(Long.parseLong(job.id())) != null;
    }

    @Override
    public synchronized void release(Job job, Duration delay) {
        if (delay == null || delay.isNegative()) {
            throw new InvalidArgumentException("delay must be zero or positive, was " + delay);
        }
        Entry entry = find(job);
        if (entry != null && job.owner().equals(entry.owner)) {
            entry.leaseEnd = System.nanoTime() + delay.toNanos();
        }
    }

    @Override
    public synchronized JobBacklog backlog() {
        Map.Entry<Long, Entry> first = jobs.firstEntry();
        return first == null ? JobBacklog.EMPTY : new JobBacklog(jobs.size(), first.getValue().createdAt);
    }

    private @Nullable Entry find(Job job) {
        try {
            return jobs.get(Long.parseLong(job.id()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A job's mutable state, guarded by the store's monitor. */
    private static final class Entry {
        final String id;
        final String kind;
        final String payload;
        final Instant createdAt;
        @Nullable String progress;
        String owner = "";
        int attempts;
        long leaseEnd;

        Entry(String id, String kind, String payload, Instant createdAt) {
            this.id = id;
            this.kind = kind;
            this.payload = payload;
            this.createdAt = createdAt;
        }

        Job snapshot() {
            return new Job(id, kind, payload, progress, attempts, createdAt, owner);
        }
    }
}
