package dev.sequere.jdbc;

import dev.sequere.Order;
import dev.sequere.Ref;
import dev.sequere.jdbc.schema.TableNames;
import dev.sequere.jdbc.internal.sql.SqlRunner;
import dev.sequere.spi.Direction;
import dev.sequere.spi.Edge;
import dev.sequere.spi.EdgeQuery;
import dev.sequere.spi.EpochMicros;
import dev.sequere.spi.FollowStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The follow graph in one table of edges {@code (follower_rid, followee_rid, since_us, follower_type,
 * followee_type)} keyed by the two resources' surrogates, so duplicates are impossible. Both
 * directions are the same row, so they can never disagree; four indexes serve the listings of
 * each direction in {@code (since, surrogate)} order, for all types and for one type.
 *
 * <p>{@link #follow} stores the two resources if they are new (insert-if-absent; resource rows are
 * never deleted) and then inserts the edge if absent: that second statement's update count says
 * whether the state changed, with no read before the write. {@link #unfollow} is one delete.
 * Either one, when it changed an edge, adjusts both ends' {@link FollowCounters counters} in the
 * same transaction, so follower and following counts are O(1) sums of a few rows and exact;
 * counts filtered by type and friends counts are {@code COUNT(*)} over an index.
 * Reads look the subject's surrogate up inside the statement itself.
 *
 * <p>Every statement text is built once, in the constructor: a call only binds parameters.
 */
public final class JdbcFollowStore implements FollowStore {

    // Operation names for error messages, made once rather than on every call.
    private static final String[] COUNT_NAMES = names("count ");
    private static final String[] LIST_NAMES = names("list ");

    private final SqlRunner sql;
    private final Resources resources;
    private final String insert;
    private final String delete;
    private final String since;
    private final FollowCounters counters;
    private final String ridOf;
    private final String[] lockEdges = new String[2];
    private final String[] deleteEdges = new String[2];
    private final String[] otherColumn = new String[2];
    /** Page statements by {@link #shape}; count statements by direction and type filter. */
    private final String[] pages = new String[Direction.values().length * 8];
    private final String[] counts = new String[Direction.values().length * 2];

    /**
     * Creates the store over existing tables.
     *
     * @param sql runs the statements
     * @param tables the table names
     */
    public JdbcFollowStore(SqlRunner sql, TableNames tables) {
        this.sql = Checks.notNull(sql, "sql");
        this.resources = new Resources(sql.dialect(), tables);
        String table = tables.follows();
        String rid = tables.rid();
        this.insert = sql.dialect().insertIfAbsentSelect(table,
                List.of("follower_rid", "followee_rid", "since_us", "follower_type", "followee_type"),
                List.of("follower_rid", "followee_rid"),
                "SELECT a.rid, b.rid, " + sql.dialect().selectParameter("BIGINT") + ", a.res_type, b.res_type FROM "
                        + tables.resources() + " a, " + tables.resources() + " b"
                        + " WHERE a.res_type = ? AND a.res_id = ? AND b.res_type = ? AND b.res_id = ?");
        String edge = " WHERE follower_rid = " + rid + " AND followee_rid = " + rid;
        this.delete = "DELETE FROM " + table + edge;
        this.since = "SELECT since_us FROM " + table + edge;
        this.counters = new FollowCounters(sql.dialect(), tables);
        this.ridOf = "SELECT rid FROM " + tables.resources() + " WHERE res_type = ? AND res_id = ?";
        // Outgoing edges (index 0), then incoming ones (1).
        String[][] sides = {{"follower_rid", "followee_rid"}, {"followee_rid", "follower_rid"}};
        for (int i = 0; i < 2; i++) {
            otherColumn[i] = sides[i][1];
            lockEdges[i] = "SELECT " + sides[i][1] + " FROM " + table + " WHERE " + sides[i][0] + " = ? FOR UPDATE";
            deleteEdges[i] = "DELETE FROM " + table + " WHERE " + sides[i][0] + " = ?";
        }
        for (Direction direction : Direction.values()) {
            for (int typed = 0; typed < 2; typed++) {
                counts[direction.ordinal() * 2 + typed] = countSql(tables, direction, typed == 1);
                for (int after = 0; after < 2; after++) {
                    for (int ascending = 0; ascending < 2; ascending++) {
                        pages[shape(direction, typed == 1, after == 1, ascending == 1)] =
                                pageSql(tables, direction, typed == 1, after == 1, ascending == 1);
                    }
                }
            }
        }
    }

    @Override
    public boolean follow(Ref follower, Ref followee, Instant since) {
        Checks.notNull(follower, "follower");
        Checks.notNull(followee, "followee");
        long micros = EpochMicros.of(Checks.notNull(since, "since"));
        // Storing the resources is idempotent and harmless on its own (resource rows are never
        // deleted), and the edge insert alone decides, atomically, whether the follow is new; the
        // two share a transaction only so that a follow creating resources costs one commit
        // (one log flush on a server), not two.
        return sql.transaction("follow", c -> {
            resources.ensure(c, follower, followee);
            try (PreparedStatement s = c.prepareStatement(insert)) {
                s.setLong(1, micros);
                s.setString(2, follower.type());
                s.setString(3, follower.id());
                s.setString(4, followee.type());
                s.setString(5, followee.id());
                if (s.executeUpdate() == 0) {
                    return false;
                }
            }
            counters.edge(c, follower, followee, 1);
            return true;
        });
    }

    @Override
    public boolean unfollow(Ref follower, Ref followee) {
        Checks.notNull(follower, "follower");
        Checks.notNull(followee, "followee");
        // The delete's update count decides whether the counters change, in the same transaction.
        return sql.transaction("unfollow", c -> {
            try (PreparedStatement s = c.prepareStatement(delete)) {
                bindPair(s, follower, followee);
                if (s.executeUpdate() == 0) {
                    return false;
                }
            }
            counters.edge(c, follower, followee, -1);
            return true;
        });
    }

    @Override
    public boolean exists(Ref follower, Ref followee) {
        return since(follower, followee).isPresent();
    }

    @Override
    public Optional<Instant> since(Ref follower, Ref followee) {
        Checks.notNull(follower, "follower");
        Checks.notNull(followee, "followee");
        return sql.statement("read a follow", c -> {
            try (PreparedStatement s = c.prepareStatement(since)) {
                bindPair(s, follower, followee);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(EpochMicros.toInstant(rs.getLong(1))) : Optional.<Instant>empty();
                }
            }
        });
    }

    @Override
    public long count(Ref subject, Direction direction, @Nullable String type) {
        Checks.notNull(subject, "subject");
        Checks.notNull(direction, "direction");
        if (type != null) {
            Ref.requireValidType(type);
        }
        boolean counted = FollowCounters.counted(direction, type);
        String query = counted ? counters.readSql() : counts[direction.ordinal() * 2 + (type == null ? 0 : 1)];
        return sql.statement(COUNT_NAMES[direction.ordinal()], c -> {
            try (PreparedStatement s = c.prepareStatement(query)) {
                s.setString(1, subject.type());
                s.setString(2, subject.id());
                if (counted) {
                    s.setInt(3, FollowCounters.direction(direction));
                } else if (type != null) {
                    s.setString(3, type);
                }
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Override
    public List<Edge> page(Ref subject, Direction direction, EdgeQuery query) {
        Checks.notNull(subject, "subject");
        Checks.notNull(direction, "direction");
        Checks.notNull(query, "query");
        boolean ascending = query.order() == Order.OLDEST_FIRST;
        @Nullable String type = query.type();
        @Nullable Edge after = query.after();
        String text = pages[shape(direction, type != null, after != null, ascending)];
        boolean expanded = !sql.dialect().rowValueComparison();
        int limit = query.limit();
        return sql.statement(LIST_NAMES[direction.ordinal()], c -> {
            try (PreparedStatement s = c.prepareStatement(text)) {
                s.setString(1, subject.type());
                s.setString(2, subject.id());
                int i = 3;
                if (type != null) {
                    s.setString(i++, type);
                }
                if (after != null) {
                    long micros = EpochMicros.of(after.since());
                    s.setLong(i++, micros);
                    if (expanded) {
                        s.setLong(i++, micros);
                    }
                    s.setString(i++, after.ref().type());
                    s.setString(i++, after.ref().id());
                }
                s.setInt(i, limit);
                try (ResultSet rs = s.executeQuery()) {
                    List<Edge> edges = new ArrayList<>(limit);
                    while (rs.next()) {
                        edges.add(new Edge(new Ref(rs.getString(1), rs.getString(2)), EpochMicros.toInstant(rs.getLong(3))));
                    }
                    return edges;
                }
            }
        });
    }

    @Override
    public long removeAll(Ref subject) {
        Checks.notNull(subject, "subject");
        return sql.transaction("forget", c -> {
            long rid;
            try (PreparedStatement s = c.prepareStatement(ridOf)) {
                s.setString(1, subject.type());
                s.setString(2, subject.id());
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return 0L;
                    }
                    rid = rs.getLong(1);
                }
            }
            // The counters lose exactly the edges the deletes removed, read back from the deletes
            // themselves, whatever follows and unfollows run meanwhile; they are written at the
            // end, all in key order, so that this transaction never holds a counter while it waits
            // for an edge. A self-follow goes with the outgoing edges, so it is counted once.
            FollowCounters.Batch batch = new FollowCounters.Batch();
            long removed = 0;
            for (int side = 0; side < 2; side++) {
                @Nullable String returning = sql.dialect().deleteReturning(deleteEdges[side], otherColumn[side]);
                List<Long> others = new ArrayList<>();
                if (returning != null) {
                    try (PreparedStatement s = c.prepareStatement(returning)) {
                        s.setLong(1, rid);
                        try (ResultSet rs = s.executeQuery()) {
                            while (rs.next()) {
                                others.add(rs.getLong(1));
                            }
                        }
                    }
                } else {
                    // MySQL: the rows locked first are exactly those the delete then removes.
                    try (PreparedStatement s = c.prepareStatement(lockEdges[side])) {
                        s.setLong(1, rid);
                        try (ResultSet rs = s.executeQuery()) {
                            while (rs.next()) {
                                others.add(rs.getLong(1));
                            }
                        }
                    }
                    try (PreparedStatement s = c.prepareStatement(deleteEdges[side])) {
                        s.setLong(1, rid);
                        s.executeUpdate();
                    }
                }
                for (long other : others) {
                    if (side == 0) {
                        batch.removed(rid, other);
                    } else {
                        batch.removed(other, rid);
                    }
                }
                removed += others.size();
            }
            counters.flush(c, batch);
            return removed;
        });
    }

    private static void bindPair(PreparedStatement s, Ref follower, Ref followee) throws SQLException {
        s.setString(1, follower.type());
        s.setString(2, follower.id());
        s.setString(3, followee.type());
        s.setString(4, followee.id());
    }

    private static String[] names(String verb) {
        Direction[] all = Direction.values();
        String[] names = new String[all.length];
        for (Direction d : all) {
            names[d.ordinal()] = verb + d.name().toLowerCase(Locale.ROOT);
        }
        return names;
    }

    private static int shape(Direction direction, boolean typed, boolean after, boolean ascending) {
        return direction.ordinal() * 8 + (typed ? 4 : 0) + (after ? 2 : 0) + (ascending ? 1 : 0);
    }

    /** Parameters: subject type and id, then the other end's type when filtered. */
    private static String countSql(TableNames tables, Direction direction, boolean typed) {
        Sides sides = Sides.of(direction);
        StringBuilder q = new StringBuilder("SELECT COUNT(*) FROM ").append(tables.follows()).append(" a WHERE a.")
                .append(sides.subject).append(" = ").append(tables.rid());
        if (typed) {
            q.append(" AND a.").append(sides.otherType).append(" = ?");
        }
        appendFollowsBack(q, tables, direction);
        return q.toString();
    }

    /**
     * The newest or oldest edges of a subject, ordered by {@code (since, surrogate of the other
     * end)}: the inner query walks one index in order and stops at the limit, the outer one turns
     * at most {@code limit} surrogates back into refs. Parameters: subject type and id, the
     * filter's type, the position (time, repeated when the keyset is expanded, then the
     * position's type and id), the limit.
     *
     * <p>A position whose ref was never stored has no surrogate; {@code COALESCE(..., 0)} places
     * it before every resource of the same time (surrogates start at 1), a fixed place in the
     * order, so paging from it is still consistent.
     */
    private String pageSql(TableNames tables, Direction direction, boolean typed, boolean after, boolean ascending) {
        Sides sides = Sides.of(direction);
        String dir = ascending ? " ASC" : " DESC";
        String other = "a." + sides.other;
        StringBuilder q = new StringBuilder("SELECT r.res_type, r.res_id, p.since_us FROM (SELECT ").append(other)
                .append(" AS other_rid, a.since_us FROM ").append(tables.follows()).append(" a WHERE a.")
                .append(sides.subject).append(" = ").append(tables.rid());
        if (typed) {
            q.append(" AND a.").append(sides.otherType).append(" = ?");
        }
        if (after) {
            String op = ascending ? " > " : " < ";
            String position = "COALESCE(" + tables.rid() + ", 0)";
            if (sql.dialect().rowValueComparison()) {
                q.append(" AND (a.since_us, ").append(other).append(')').append(op).append("(?, ").append(position)
                        .append(')');
            } else {
                q.append(" AND (a.since_us").append(op).append("? OR (a.since_us = ? AND ").append(other).append(op)
                        .append(position).append("))");
            }
        }
        appendFollowsBack(q, tables, direction);
        q.append(" ORDER BY a.since_us").append(dir).append(", ").append(other).append(dir).append(" LIMIT ?) p JOIN ")
                .append(tables.resources()).append(" r ON r.rid = p.other_rid ORDER BY p.since_us").append(dir)
                .append(", p.other_rid").append(dir);
        return q.toString();
    }

    /** Friends: the subject follows the other resource, and that resource follows the subject. */
    private static void appendFollowsBack(StringBuilder q, TableNames tables, Direction direction) {
        if (direction == Direction.FRIENDS) {
            q.append(" AND EXISTS (SELECT 1 FROM ").append(tables.follows())
                    .append(" b WHERE b.follower_rid = a.followee_rid AND b.followee_rid = a.follower_rid)");
        }
    }

    /** Which columns hold the subject and the other end for a direction. */
    private record Sides(String subject, String other, String otherType) {

        static final Sides FOLLOWERS = new Sides("followee_rid", "follower_rid", "follower_type");
        static final Sides FOLLOWINGS = new Sides("follower_rid", "followee_rid", "followee_type");

        static Sides of(Direction direction) {
            return direction == Direction.FOLLOWERS ? FOLLOWERS : FOLLOWINGS;
        }
    }
}
