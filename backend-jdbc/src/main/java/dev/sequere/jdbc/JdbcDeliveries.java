package dev.sequere.jdbc;

import dev.sequere.InvalidArgumentException;
import dev.sequere.Ref;
import dev.sequere.jdbc.dialect.Dialect;
import dev.sequere.jdbc.schema.TableNames;
import dev.sequere.jdbc.internal.sql.SqlRunner;
import dev.sequere.jdbc.internal.sql.Statements;
import dev.sequere.spi.Delivery;
import dev.sequere.spi.Edge;
import dev.sequere.spi.EpochMicros;
import dev.sequere.spi.FanOutStep;
import dev.sequere.spi.FeedEntry;
import dev.sequere.spi.FeedKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Conditional delivery and purge across processes: {@link JdbcBackend#deliver},
 * {@link JdbcBackend#fanOutStep} and {@link JdbcBackend#purge}.
 *
 * <p><b>What makes them atomic with respect to each other.</b> Every delivery writes with one
 * {@code INSERT ... SELECT} that keeps only the rows whose owner follows the source at that
 * statement's moment, in a transaction that first takes a <em>shared</em> lock on the source
 * ({@link Dialect#sourceLock}: an advisory lock on PostgreSQL, the source's row of the resources
 * table on MariaDB/MySQL and H2); a purge takes the same lock <em>exclusively</em>, then deletes
 * the owner's entries if the follow row is absent, and commits. The unfollow committed before the
 * purge starts, so a delivery that saw the follow either committed before the purge got its lock
 * (the purge, whose delete statement starts after that, sees and removes its rows) or waits for
 * the purge to commit and only then runs its insert, whose statement no longer sees the follow.
 * A delivery's rows can thus never hide, uncommitted, from the purge that should remove them:
 * the defect of issue 11, where an {@code INSERT ... SELECT} of another instance that was still
 * running when the cleanup ran left the entry behind for good.
 *
 * <p>This relies on each statement seeing what committed before it started: PostgreSQL's and
 * H2's default {@code READ COMMITTED}; InnoDB reads the latest committed rows in the locking
 * reads of {@code INSERT ... SELECT} and {@code DELETE} whatever the isolation level.
 *
 * <p>Deliveries of one source share the lock (they never wait for each other on PostgreSQL and
 * MariaDB); a purge waits for the deliveries of that source in flight, at most one step of
 * {@code limit} followers each, and deliveries queued behind it wait for it.
 */
final class JdbcDeliveries {

    /** Feed rows per multi-row delivery statement: 4 parameters each, far below drivers' limits. */
    static final int ROWS = 500;
    /** Entry ids per purge statement. */
    static final int IDS = 500;

    private static final List<String> COLUMNS = List.of("owner_rid", "feed_name", "entry_id", "score");
    private static final List<String> KEY = COLUMNS.subList(0, 3);
    private static final List<String> ROW_TYPES = List.of("BIGINT", "VARCHAR(64)", "VARCHAR(255)", "BIGINT");
    // Rows are written in the feed key's order, so two deliveries writing the same rows lock
    // them in the same sequence instead of deadlocking.
    private static final Comparator<Row> KEY_ORDER = Comparator.comparing(Row::entryId)
            .thenComparingLong(Row::ownerRid).thenComparing(Row::feedName);

    private final SqlRunner sql;
    private final Dialect dialect;
    private final TableNames tables;
    private final Resources resources;
    private final String sourceRid;
    private final String sharedLock;
    private final String exclusiveLock;

    JdbcDeliveries(SqlRunner sql, TableNames tables) {
        this.sql = sql;
        this.dialect = sql.dialect();
        this.tables = tables;
        this.resources = new Resources(dialect, tables);
        this.sourceRid = "SELECT rid FROM " + tables.resources() + " WHERE res_type = ? AND res_id = ?";
        this.sharedLock = dialect.sourceLock(tables, false);
        this.exclusiveLock = dialect.sourceLock(tables, true);
    }

    long deliver(Ref source, List<Delivery> deliveries) {
        Checks.notNull(source, "source");
        Checks.noNulls(deliveries, "deliveries");
        // Insert-if-absent: the first (entry, feed) pair wins, as with FeedStore.add.
        Map<List<Object>, Pending> pending = new LinkedHashMap<>();
        for (Delivery delivery : deliveries) {
            FeedEntry entry = delivery.entry();
            for (FeedKey feed : delivery.feeds()) {
                Checks.notNull(feed, "feed");
                pending.putIfAbsent(List.of(feed.owner(), feed.name(), entry.id()), new Pending(feed, entry));
            }
        }
        if (pending.isEmpty()) {
            return 0;
        }
        List<Ref> owners = List.copyOf(new LinkedHashSet<>(pending.values().stream().map(p -> p.feed().owner()).toList()));
        return sql.transaction("deliver entries", c -> {
            @Nullable Long rid = ridOf(c, source);
            if (rid == null) {
                // Never stored, so nobody follows it; resource rows are never deleted.
                return 0L;
            }
            Map<Ref, Long> ownerRids = lookup(c, owners);
            List<Row> rows = new ArrayList<>(pending.size());
            for (Pending p : pending.values()) {
                Long owner = ownerRids.get(p.feed().owner());
                if (owner != null) {
                    rows.add(new Row(owner, p.feed().name(), p.entry().id(), p.entry().score()));
                }
            }
            if (rows.isEmpty()) {
                return 0L;
            }
            rows.sort(KEY_ORDER);
            lock(c, sharedLock, rid);
            long added = 0;
            for (int from = 0; from < rows.size(); from += ROWS) {
                List<Row> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS));
                List<Object> params = new ArrayList<>(chunk.size() * 4 + 1);
                for (Row row : chunk) {
                    params.add(row.ownerRid());
                    params.add(row.feedName());
                    params.add(row.entryId());
                    params.add(row.score());
                }
                params.add(rid);
                added += update(c, deliverSql(chunk.size()), params);
            }
            return added;
        });
    }

    long purge(Ref follower, Ref source, Collection<String> entryIds, Collection<String> feedNames) {
        Checks.notNull(follower, "follower");
        Checks.notNull(source, "source");
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(Checks.validIds(entryIds, "entry id")));
        List<String> names = validNames(feedNames);
        if (ids.isEmpty() || names.isEmpty()) {
            return 0;
        }
        ids.sort(Comparator.naturalOrder());
        return sql.transaction("purge entries", c -> {
            Map<Ref, Long> rids = lookup(c, follower.equals(source) ? List.of(follower) : List.of(follower, source));
            Long owner = rids.get(follower);
            if (owner == null) {
                return 0L;
            }
            @Nullable Long sourceRid = rids.get(source);
            if (sourceRid != null) {
                lock(c, exclusiveLock, sourceRid);
            }
            long removed = 0;
            for (int from = 0; from < ids.size(); from += IDS) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IDS));
                StringBuilder q = new StringBuilder("DELETE FROM ").append(tables.feedEntries())
                        .append(" WHERE owner_rid = ? AND feed_name IN (").append(placeholders(names.size()))
                        .append(") AND entry_id IN (").append(placeholders(chunk.size())).append(')');
                List<Object> params = new ArrayList<>(names.size() + chunk.size() + 3);
                params.add(owner);
                params.addAll(names);
                params.addAll(chunk);
                if (sourceRid != null) {
                    // Checked by the delete itself: a re-follow that committed meanwhile keeps them.
                    q.append(" AND NOT EXISTS (SELECT 1 FROM ").append(tables.follows())
                            .append(" f WHERE f.follower_rid = ? AND f.followee_rid = ?)");
                    params.add(owner);
                    params.add(sourceRid);
                }
                removed += update(c, q.toString(), params);
            }
            return removed;
        });
    }

    FanOutStep fanOutStep(Ref source, List<String> feedNames, FeedEntry entry, @Nullable Edge after, int limit) {
        Checks.notNull(source, "source");
        Checks.notNull(entry, "entry");
        if (limit < 1) {
            throw new InvalidArgumentException("limit must be at least 1, was " + limit);
        }
        List<String> names = validNames(feedNames);
        return sql.transaction("fan out a step", c -> {
            @Nullable Long rid = ridOf(c, source);
            if (rid == null) {
                return new FanOutStep(0, null);
            }
            lock(c, sharedLock, rid);
            @Nullable Position from = null;
            if (after != null) {
                // A position whose ref was never stored sorts before every resource of its time
                // (surrogates start at 1), as in the follow store's pages.
                @Nullable Long afterRid = ridOf(c, after.ref());
                from = new Position(EpochMicros.of(after.since()), afterRid == null ? 0 : afterRid);
            }
            // The step's last follower is read first and then bounds the insert, so that the
            // position saved after this step is exactly where this step's range ends, whatever
            // follows and unfollows commit between the two statements.
            @Nullable Edge last = null;
            @Nullable Position to = null;
            List<Object> params = new ArrayList<>();
            params.add(rid);
            StringBuilder range = new StringBuilder();
            if (from != null) {
                appendKeyset(range, params, ">", from);
            }
            List<Object> boundaryParams = new ArrayList<>(params);
            boundaryParams.add(limit - 1);
            String boundary = "SELECT p.since_us, p.follower_rid, r.res_type, r.res_id FROM (SELECT f.since_us,"
                    + " f.follower_rid FROM " + tables.follows() + " f WHERE f.followee_rid = ?" + range
                    + " ORDER BY f.since_us, f.follower_rid LIMIT 1 OFFSET ?) p JOIN " + tables.resources()
                    + " r ON r.rid = p.follower_rid";
            try (PreparedStatement s = c.prepareStatement(boundary)) {
                Statements.bind(s, 1, boundaryParams);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        to = new Position(rs.getLong(1), rs.getLong(2));
                        last = new Edge(new Ref(rs.getString(3), rs.getString(4)), EpochMicros.toInstant(to.since()));
                    }
                }
            }
            if (names.isEmpty()) {
                return new FanOutStep(0, last);
            }
            if (to != null) {
                appendKeyset(range, params, "<=", to);
            }
            List<Object> all = new ArrayList<>();
            StringBuilder select = new StringBuilder("SELECT f.follower_rid, ");
            if (names.size() == 1) {
                select.append(dialect.selectParameter("VARCHAR(64)")).append(", ");
                all.add(names.get(0));
            } else {
                select.append("n.feed_name, ");
            }
            select.append(dialect.selectParameter("VARCHAR(255)")).append(", ").append(dialect.selectParameter("BIGINT"))
                    .append(" FROM ").append(tables.follows()).append(" f");
            all.add(entry.id());
            all.add(entry.score());
            if (names.size() > 1) {
                select.append(" CROSS JOIN (");
                for (int i = 0; i < names.size(); i++) {
                    select.append(i == 0 ? "SELECT " + dialect.selectParameter("VARCHAR(64)") + " AS feed_name"
                            : " UNION ALL SELECT " + dialect.selectParameter("VARCHAR(64)"));
                }
                select.append(") n");
                all.addAll(names);
            }
            // Sorted by follower: both feed indexes start with the owner, so the rows land on
            // neighbouring index pages (see JdbcBackend.fanOut).
            select.append(" WHERE f.followee_rid = ?").append(range).append(" ORDER BY f.follower_rid");
            all.addAll(params);
            long delivered = insertNew(c, select.toString(), all);
            return new FanOutStep(delivered, last);
        });
    }

    /**
     * Inserts rows expected to be new with a plain insert, cheaper than insert-if-absent; when
     * some already exist (a step run again after a crash) that statement fails whole and is
     * undone to a savepoint (PostgreSQL would otherwise abort the transaction), and the
     * insert-if-absent form runs.
     */
    private long insertNew(Connection c, String select, List<Object> params) throws SQLException {
        if (dialect.insertIfAbsentIsCheap()) {
            return update(c, dialect.insertIfAbsentSelect(tables.feedEntries(), COLUMNS, KEY, select), params);
        }
        Savepoint savepoint = c.setSavepoint();
        try {
            long added = update(c, dialect.insertSelect(tables.feedEntries(), COLUMNS, select), params);
            c.releaseSavepoint(savepoint);
            return added;
        } catch (SQLException e) {
            if (!dialect.isDuplicateKey(e)) {
                throw e;
            }
            c.rollback(savepoint);
        }
        return update(c, dialect.insertIfAbsentSelect(tables.feedEntries(), COLUMNS, KEY, select), params);
    }

    /** Feed rows from parameters, kept where their owner follows the source (the last parameter). */
    private String deliverSql(int rows) {
        // A VALUES list on PostgreSQL and H2: H2 takes seconds to prepare a UNION ALL of 500 selects.
        String select = "SELECT v.owner_rid, v.feed_name, v.entry_id, v.score FROM "
                + dialect.parameterRows("v", COLUMNS, ROW_TYPES, rows) + " WHERE EXISTS (SELECT 1 FROM "
                + tables.follows() + " f WHERE f.follower_rid = v.owner_rid AND f.followee_rid = ?)";
        return dialect.insertIfAbsentSelect(tables.feedEntries(), COLUMNS, KEY, select);
    }

    /** {@code (since, follower) op position}, as a row value or expanded into ranges. */
    private void appendKeyset(StringBuilder q, List<Object> params, String op, Position p) {
        if (dialect.rowValueComparison()) {
            q.append(" AND (f.since_us, f.follower_rid) ").append(op).append(" (?, ?)");
            params.add(p.since());
            params.add(p.rid());
        } else {
            String strict = op.substring(0, 1);
            q.append(" AND (f.since_us ").append(strict).append(" ? OR (f.since_us = ? AND f.follower_rid ").append(op)
                    .append(" ?))");
            params.add(p.since());
            params.add(p.since());
            params.add(p.rid());
        }
    }

    private void lock(Connection c, String statement, long rid) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(statement)) {
            s.setLong(1, dialect.sourceLockKey(tables, rid));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    // Consumed so that every driver has run the statement to its end.
                }
            }
        }
    }

    private @Nullable Long ridOf(Connection c, Ref ref) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sourceRid)) {
            s.setString(1, ref.type());
            s.setString(2, ref.id());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private Map<Ref, Long> lookup(Connection c, List<Ref> refs) throws SQLException {
        Map<Ref, Long> found = new java.util.HashMap<>();
        for (int from = 0; from < refs.size(); from += Resources.CHUNK) {
            found.putAll(resources.lookup(c, refs.subList(from, Math.min(refs.size(), from + Resources.CHUNK))));
        }
        return found;
    }

    private static List<String> validNames(Collection<String> feedNames) {
        Checks.noNulls(feedNames, "feedNames");
        List<String> names = new ArrayList<>(new LinkedHashSet<>(feedNames));
        names.forEach(FeedKey::requireValidName);
        return names;
    }

    private static int update(Connection c, String statement, List<?> params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(statement)) {
            Statements.bind(s, 1, params);
            return s.executeUpdate();
        }
    }

    private static String placeholders(int n) {
        return "?, ".repeat(n - 1) + "?";
    }

    /** An entry bound for one feed, before surrogates are known. */
    private record Pending(FeedKey feed, FeedEntry entry) {
    }

    /** One feed row to write. */
    private record Row(long ownerRid, String feedName, String entryId, long score) {
    }

    /** A place in a source's followers, in {@code (since, follower surrogate)} order. */
    private record Position(long since, long rid) {
    }
}
