package dev.sequere.jdbc;

import dev.sequere.InvalidArgumentException;
import dev.sequere.jdbc.schema.TableNames;
import dev.sequere.jdbc.internal.sql.SqlRunner;
import dev.sequere.spi.EpochMicros;
import dev.sequere.spi.Job;
import dev.sequere.spi.JobBacklog;
import dev.sequere.spi.JobStore;
import dev.sequere.spi.JobStores;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Jobs as rows of an outbox table ({@code ${prefix}jobs}), shared by every process that opens the
 * same tables.
 *
 * <p>A job is held while its {@code lease_until_us} lies ahead of the database's clock
 * ({@link dev.sequere.jdbc.dialect.Dialect#nowMicros()}); the application's clocks are never
 * used, so processes on machines whose clocks disagree still agree on when a lease ends. A claim
 * is one transaction: {@code SELECT ... WHERE lease_until_us <= now ORDER BY id LIMIT ? FOR UPDATE
 * SKIP LOCKED} (PostgreSQL, MariaDB 10.6+, MySQL 8, H2 2.x), then an update of the rows it locked;
 * workers claiming at once skip each other's rows instead of waiting for them, and a row whose
 * lease another claim renewed in the meantime is re-checked against the lease by the database
 * before it is locked. A worker's copy of a job is its fencing token: checkpoints and releases
 * only apply while {@code (owner, attempts)} still match the row, so a worker whose lease ran
 * out and whose job was claimed again, even by a worker of the same id, can no longer write.
 *
 * <p>{@link #create} joins the application's transaction when the data source hands one out, so
 * that a job is recorded atomically with the change that causes it.
 */
final class JdbcJobStore implements JobStore {

    private final SqlRunner sql;
    private final String now;
    private final String insert;
    private final String candidates;
    private final String takeOne;
    private final String checkpointSql;
    private final String checkpointKeepSql;
    private final String completeSql;
    private final String releaseSql;
    private final String backlogSql;

    JdbcJobStore(SqlRunner sql, TableNames tables) {
        this.sql = sql;
        String jobs = tables.jobs();
        String nowMicros = sql.dialect().nowMicros();
        this.now = "SELECT " + nowMicros;
        this.insert = "INSERT INTO " + jobs + " (kind, payload, progress, attempts, lease_owner, created_us,"
                + " lease_until_us) VALUES (?, ?, NULL, 1, ?, ?, ?)";
        this.candidates = "SELECT id, kind, payload, progress, attempts, created_us FROM " + jobs
                + " WHERE lease_until_us <= " + nowMicros + " ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED";
        this.takeOne = "UPDATE " + jobs + " SET lease_owner = ?, attempts = attempts + 1, lease_until_us = "
                + nowMicros + " + ? WHERE id = ?";
        String holder = " WHERE id = ? AND lease_owner = ? AND attempts = ?";
        this.checkpointSql = "UPDATE " + jobs + " SET progress = ?, lease_until_us = " + nowMicros + " + ?" + holder
                + " AND lease_until_us > " + nowMicros;
        this.checkpointKeepSql = "UPDATE " + jobs + " SET lease_until_us = " + nowMicros + " + ?" + holder
                + " AND lease_until_us > " + nowMicros;
        this.completeSql = "DELETE FROM " + jobs + " WHERE id = ?";
        this.releaseSql = "UPDATE " + jobs + " SET lease_until_us = " + nowMicros + " + ?" + holder;
        this.backlogSql = "SELECT COUNT(*), MIN(created_us) FROM " + jobs;
    }

    @Override
    public Job create(String kind, String payload, String owner, Duration lease) {
        Job.requireValidKind(kind);
        JobStores.requirePayload(payload);
        JobStores.requireOwner(owner);
        long leaseMicros = micros(JobStores.requireLease(lease));
        // Two statements, but the insert alone is the write: the first only reads the database's clock.
        return sql.statement("create a job", c -> {
            long created = readNow(c);
            try (PreparedStatement s = c.prepareStatement(insert, Statement.RETURN_GENERATED_KEYS)) {
                s.setString(1, kind);
                s.setString(2, payload);
                s.setString(3, owner);
                s.setLong(4, created);
                s.setLong(5, created + leaseMicros);
                s.executeUpdate();
                try (ResultSet keys = s.getGeneratedKeys()) {
                    keys.next();
                    // The id is the first column on every database (PostgreSQL returns the row).
                    long id = keys.getLong(1);
                    return new Job(Long.toString(id), kind, payload, null, 1, EpochMicros.toInstant(created), owner);
                }
            }
        });
    }

    @Override
    public List<Job> claim(String owner, int max, Duration lease) {
        JobStores.requireOwner(owner);
        if (max < 1) {
            throw new InvalidArgumentException("max must be at least 1, was " + max);
        }
        long leaseMicros = micros(JobStores.requireLease(lease));
        return sql.transaction("claim jobs", c -> {
            List<Job> claimed = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(candidates)) {
                s.setInt(1, max);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        claimed.add(new Job(Long.toString(rs.getLong(1)), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getInt(5) + 1, EpochMicros.toInstant(rs.getLong(6)), owner));
                    }
                }
            }
            if (claimed.isEmpty()) {
                return claimed;
            }
            // The rows are locked by this transaction: the updates cannot miss.
            try (PreparedStatement s = c.prepareStatement(takeOne)) {
                for (Job job : claimed) {
                    s.setString(1, owner);
                    s.setLong(2, leaseMicros);
                    s.setLong(3, Long.parseLong(job.id()));
                    s.addBatch();
                }
                s.executeBatch();
            }
            return claimed;
        });
    }

    @Override
    public boolean checkpoint(Job job, @Nullable String progress, Duration lease) {
        Checks.notNull(job, "job");
        long leaseMicros = micros(JobStores.requireLease(lease));
        if (progress != null) {
            JobStores.requireProgress(progress);
        }
        long id = idOf(job);
        if (id < 0) {
            return false;
        }
        return sql.statement("save a job's progress", c -> {
            try (PreparedStatement s = c.prepareStatement(progress == null ? checkpointKeepSql : checkpointSql)) {
                int i = 1;
                if (progress != null) {
                    s.setString(i++, progress);
                }
                s.setLong(i++, leaseMicros);
                bindHolder(s, i, id, job);
                return s.executeUpdate() > 0;
            }
        });
    }

    @Override
    public boolean complete(Job job) {
        Checks.notNull(job, "job");
        long id = idOf(job);
        if (id < 0) {
            return false;
        }
        return sql.statement("complete a job", c -> {
            try (PreparedStatement s = c.prepareStatement(completeSql)) {
                s.setLong(1, id);
                return s.executeUpdate() > 0;
            }
        });
    }

    @Override
    public void release(Job job, Duration delay) {
        Checks.notNull(job, "job");
        if (delay == null || delay.isNegative()) {
            throw new InvalidArgumentException("delay must be zero or positive, was " + delay);
        }
        long id = idOf(job);
        if (id < 0) {
            return;
        }
        long delayMicros = micros(delay);
        sql.statement("release a job", c -> {
            try (PreparedStatement s = c.prepareStatement(releaseSql)) {
                s.setLong(1, delayMicros);
                bindHolder(s, 2, id, job);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public JobBacklog backlog() {
        return sql.statement("read the job backlog", c -> {
            try (PreparedStatement s = c.prepareStatement(backlogSql); ResultSet rs = s.executeQuery()) {
                rs.next();
                long count = rs.getLong(1);
                long oldest = rs.getLong(2);
                return count == 0 || rs.wasNull() ? JobBacklog.EMPTY : new JobBacklog(count, EpochMicros.toInstant(oldest));
            }
        });
    }

    private long readNow(java.sql.Connection c) throws java.sql.SQLException {
        try (PreparedStatement s = c.prepareStatement(now); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void bindHolder(PreparedStatement s, int first, long id, Job job) throws java.sql.SQLException {
        s.setLong(first, id);
        s.setString(first + 1, job.owner());
        s.setInt(first + 2, job.attempts());
    }

    /** The row id of a job, or -1 for an id this store never handed out. */
    private static long idOf(Job job) {
        try {
            return Long.parseLong(job.id());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A lease in microseconds, saturated so that absurdly long leases cannot overflow. */
    private static long micros(Duration d) {
        try {
            return Math.min(d.toNanos() / 1_000, Long.MAX_VALUE / 4);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 4;
        }
    }
}
