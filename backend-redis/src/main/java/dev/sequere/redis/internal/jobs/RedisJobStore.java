package dev.sequere.redis.internal.jobs;

import dev.sequere.InvalidArgumentException;
import dev.sequere.redis.internal.command.RedisCalls;
import dev.sequere.redis.internal.command.Replies;
import dev.sequere.redis.KeyLayout;
import dev.sequere.redis.internal.script.Scripts;
import dev.sequere.spi.Job;
import dev.sequere.spi.JobBacklog;
import dev.sequere.spi.JobStore;
import dev.sequere.spi.JobStores;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.UnifiedJedis;

/**
 * A {@link JobStore} on Redis Streams, shared by every process that uses the same prefix.
 *
 * <p>Each job is an entry of a shard's stream (what the consumer group hands out) and a hash in
 * the same slot (what the job is: kind, payload, progress, attempts, owner, lease end, creation
 * time). Every operation is one script in the shard's slot, so it is atomic, and every time in
 * it comes from the server's {@code TIME}, so processes with skewed clocks agree on leases. A
 * job's id is {@code <shard>:<stream entry id>}.
 *
 * <ul>
 *   <li>{@link #create}: {@code XADD} + {@code HSET} with the creator as owner.</li>
 *   <li>{@link #claim}: per shard, round-robin from a rotating start, pending entries idle for
 *       {@code recheck} ({@code XAUTOCLAIM} from a saved cursor) then new ones
 *       ({@code XREADGROUP}); an entry is taken only if its hash's lease ended; a taken or skipped
 *       entry is re-dated ({@code XCLAIM IDLE}) so that it comes back when its lease ends.</li>
 *   <li>{@link #checkpoint} / {@link #release}: only by the owner of the hash.</li>
 *   <li>{@link #complete}: {@code DEL} + {@code XACK} + {@code XDEL}.</li>
 * </ul>
 */
public final class RedisJobStore implements JobStore {

    /**
     * How long a pending entry whose lease runs waits before a claim looks at it again. Leases
     * shorter than this are found exactly when they end (the entry is re-dated accordingly);
     * longer ones at most this late.
     */
    public static final Duration RECHECK = Duration.ofSeconds(1);

    /** A stream entry id as Redis writes it: milliseconds, a dash, a sequence number. */
    private static final Pattern ENTRY_ID = Pattern.compile("[0-9]{1,20}-[0-9]{1,20}");

    private final UnifiedJedis jedis;
    private final KeyLayout keys;
    private final int shards;
    private final String recheckMillis = Long.toString(RECHECK.toMillis());
    private final AtomicInteger nextShard = new AtomicInteger();

    /**
     * Creates the store.
     *
     * @param jedis the client
     * @param keys the key layout
     * @param shards how many shard streams, 1 to {@link KeyLayout#MAX_JOB_SHARDS}; every process
     *     sharing the prefix must use the same number
     */
    public RedisJobStore(UnifiedJedis jedis, KeyLayout keys, int shards) {
        if (shards < 1 || shards > KeyLayout.MAX_JOB_SHARDS) {
            throw new InvalidArgumentException("job shards must be 1 to " + KeyLayout.MAX_JOB_SHARDS + ", was " + shards);
        }
        this.jedis = jedis;
        this.keys = keys;
        this.shards = shards;
    }

    /**
     * How many shard streams this store spreads jobs over.
     *
     * @return the number of shards
     */
    public int shards() {
        return shards;
    }

    @Override
    public Job create(String kind, String payload, String owner, Duration lease) {
        Job.requireValidKind(kind);
        JobStores.requirePayload(payload);
        JobStores.requireOwner(owner);
        JobStores.requireLease(lease);
        int shard = shardOf(kind, payload);
        return RedisCalls.call("job create", () -> {
            List<Object> reply = Replies.list(Scripts.JOB_CREATE.run(jedis, List.of(keys.jobStream(shard)),
                    List.of(keys.jobHashHead(shard), kind, payload, owner, Long.toString(lease.toMillis()))));
            return new Job(shard + ":" + Replies.string(reply.get(0)), kind, payload, null, 1,
                    Instant.ofEpochMilli(Replies.integer(reply.get(1))), owner);
        });
    }

    @Override
    public List<Job> claim(String owner, int max, Duration lease) {
        JobStores.requireOwner(owner);
        if (max < 1) {
            throw new InvalidArgumentException("max must be at least 1, was " + max);
        }
        String leaseMillis = Long.toString(JobStores.requireLease(lease).toMillis());
        // Each caller starts at another shard, so that concurrent workers spread their scripts
        // and no shard waits behind the others.
        int start = Math.floorMod(nextShard.getAndIncrement(), shards);
        return RedisCalls.call("job claim", () -> {
            List<Job> claimed = new ArrayList<>();
            for (int i = 0; i < shards && claimed.size() < max; i++) {
                int shard = (start + i) % shards;
                List<Object> reply = Replies.list(Scripts.JOB_CLAIM.run(jedis,
                        List.of(keys.jobStream(shard), keys.jobCursor(shard)),
                        List.of(keys.jobHashHead(shard), owner, Integer.toString(max - claimed.size()), leaseMillis,
                                recheckMillis)));
                for (int j = 0; j + 5 < reply.size(); j += 6) {
                    Object progress = reply.get(j + 3);
                    claimed.add(new Job(shard + ":" + Replies.string(reply.get(j)), Replies.string(reply.get(j + 1)),
                            Replies.string(reply.get(j + 2)), progress == null ? null : Replies.string(progress),
                            (int) Replies.integer(reply.get(j + 4)),
                            Instant.ofEpochMilli(Replies.integer(reply.get(j + 5))), owner));
                }
            }
            return claimed;
        });
    }

    @Override
    public boolean checkpoint(Job job, @Nullable String progress, Duration lease) {
        String leaseMillis = Long.toString(JobStores.requireLease(lease).toMillis());
        if (progress != null) {
            JobStores.requireProgress(progress);
        }
        Location at = locate(job);
        if (at == null) {
            return false;
        }
        return RedisCalls.call("job checkpoint", () -> Replies.integer(Scripts.JOB_CHECKPOINT.run(jedis,
                List.of(keys.jobStream(at.shard())), List.of(keys.jobHashHead(at.shard()), at.entry(), job.owner(),
                        leaseMillis, progress == null ? "0" : "1", progress == null ? "" : progress,
                        recheckMillis))) == 1);
    }

    @Override
    public boolean complete(Job job) {
        Location at = locate(job);
        if (at == null) {
            return false;
        }
        return RedisCalls.call("job complete", () -> Replies.integer(Scripts.JOB_COMPLETE.run(jedis,
                List.of(keys.jobStream(at.shard())), List.of(keys.jobHashHead(at.shard()), at.entry()))) == 1);
    }

    @Override
    public void release(Job job, Duration delay) {
        if (delay == null || delay.isNegative()) {
            throw new InvalidArgumentException("delay must be zero or positive, was " + delay);
        }
        Location at = locate(job);
        if (at == null) {
            return;
        }
        RedisCalls.run("job release", () -> Scripts.JOB_RELEASE.run(jedis, List.of(keys.jobStream(at.shard())),
                List.of(keys.jobHashHead(at.shard()), at.entry(), job.owner(), Long.toString(delay.toMillis()),
                        recheckMillis)));
    }

    @Override
    public JobBacklog backlog() {
        List<List<String>> keyLists = new ArrayList<>(shards);
        List<List<String>> argLists = new ArrayList<>(shards);
        for (int shard = 0; shard < shards; shard++) {
            keyLists.add(List.of(keys.jobStream(shard)));
            argLists.add(List.of(keys.jobHashHead(shard)));
        }
        return RedisCalls.call("job backlog", () -> {
            long jobs = 0;
            Long oldest = null;
            for (Object raw : Scripts.JOB_BACKLOG.runAll(jedis, keyLists, argLists)) {
                List<Object> reply = Replies.list(raw);
                jobs += Replies.integer(reply.get(0));
                if (reply.size() > 1 && reply.get(1) != null) {
                    long created = Replies.integer(reply.get(1));
                    oldest = oldest == null ? created : Math.min(oldest, created);
                }
            }
            return jobs == 0 ? JobBacklog.EMPTY : new JobBacklog(jobs, oldest == null ? null : Instant.ofEpochMilli(oldest));
        });
    }

    /** Spreads jobs over the shards by a hash of what they are; the same job text, the same shard. */
    private int shardOf(String kind, String payload) {
        if (shards == 1) {
            return 0;
        }
        CRC32 crc = new CRC32();
        crc.update(kind.getBytes(StandardCharsets.UTF_8));
        crc.update(payload.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % shards);
    }

    /** Where a job id points, or {@code null} for an id this store never made. */
    private @Nullable Location locate(Job job) {
        String id = job.id();
        int colon = id.indexOf(':');
        if (colon < 1) {
            return null;
        }
        try {
            int shard = Integer.parseInt(id.substring(0, colon));
            String entry = id.substring(colon + 1);
            if (shard < 0 || shard >= shards || !ENTRY_ID.matcher(entry).matches()) {
                return null;
            }
            return new Location(shard, entry);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A job's shard and stream entry id. */
    private record Location(int shard, String entry) {
    }
}
