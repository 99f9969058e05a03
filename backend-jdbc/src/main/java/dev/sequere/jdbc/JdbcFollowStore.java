package dev.sequere.jdbc;

import dev.sequere.Order;
import dev.sequere.Ref;
import dev.sequere.jdbc.schema.TableNames;
import dev.sequere.jdbc.sql.Keyset;
import dev.sequere.jdbc.sql.SqlRunner;
import dev.sequere.jdbc.sql.Statements;
import dev.sequere.spi.Direction;
import dev.sequere.spi.Edge;
import dev.sequere.spi.EdgeQuery;
import dev.sequere.spi.EpochMicros;
import dev.sequere.spi.FollowStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The follow graph in one table, one row per edge {@code follower -> followee} under a primary
 * key, so duplicates are impossible. Both directions are the same row, so they can never
 * disagree; four covering indexes serve the listings of each direction in time order, for all
 * types and for one type.
 *
 * <p>{@link #follow} is one insert-if-absent and {@link #unfollow} one delete: their update count
 * says whether the state changed, with no read before the write. Counts are {@code COUNT(*)} over
 * an index, so they are exact under any concurrency and can never drift (see the module README
 * for what that costs on a resource with a million followers).
 */
public final class JdbcFollowStore implements FollowStore {

    private static final List<String> COLUMNS =
            List.of("follower_type", "follower_id", "followee_type", "followee_id", "since_us");
    private static final List<String> KEY = COLUMNS.subList(0, 4);

    private final SqlRunner sql;
    private final String table;
    private final String insert;
    private final String delete;
    private final String since;

    /**
     * Creates the store over existing tables.
     *
     * @param sql runs the statements
     * @param tables the table names
     */
    public JdbcFollowStore(SqlRunner sql, TableNames tables) {
        this.sql = Checks.notNull(sql, "sql");
        this.table = tables.follows();
        this.insert = sql.dialect().insertIfAbsent(table, COLUMNS, KEY, 1);
        String edge = " WHERE follower_type = ? AND follower_id = ? AND followee_type = ? AND followee_id = ?";
        this.delete = "DELETE FROM " + table + edge;
        this.since = "SELECT since_us FROM " + table + edge;
    }

    @Override
    public boolean follow(Ref follower, Ref followee, Instant since) {
        Checks.notNull(follower, "follower");
        Checks.notNull(followee, "followee");
        long micros = EpochMicros.of(Checks.notNull(since, "since"));
        return sql.statement("follow", c -> {
            try (PreparedStatement s = c.prepareStatement(insert)) {
                Statements.bind(s, 1, List.of(follower.type(), follower.id(), followee.type(), followee.id(), micros));
                return s.executeUpdate() > 0;
            }
        });
    }

    @Override
    public boolean unfollow(Ref follower, Ref followee) {
        Checks.notNull(follower, "follower");
        Checks.notNull(followee, "followee");
        return sql.statement("unfollow", c -> {
            try (PreparedStatement s = c.prepareStatement(delete)) {
                Statements.bind(s, 1, List.of(follower.type(), follower.id(), followee.type(), followee.id()));
                return s.executeUpdate() > 0;
            }
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
                Statements.bind(s, 1, List.of(follower.type(), follower.id(), followee.type(), followee.id()));
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
        Sides sides = Sides.of(direction);
        List<Object> params = new ArrayList<>(List.of(subject.type(), subject.id()));
        StringBuilder q = new StringBuilder("SELECT COUNT(*) FROM ").append(table).append(" a WHERE a.")
                .append(sides.subjectType).append(" = ? AND a.").append(sides.subjectId).append(" = ?");
        if (type != null) {
            q.append(" AND a.").append(sides.otherType).append(" = ?");
            params.add(type);
        }
        if (direction == Direction.FRIENDS) {
            appendFollowsBack(q, params, subject);
        }
        String query = q.toString();
        return sql.statement("count " + direction.name().toLowerCase(java.util.Locale.ROOT), c -> {
            try (PreparedStatement s = c.prepareStatement(query)) {
                Statements.bind(s, 1, params);
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
        Sides sides = Sides.of(direction);
        boolean ascending = query.order() == Order.OLDEST_FIRST;
        String dir = ascending ? " ASC" : " DESC";
        @Nullable String type = query.type();
        List<Object> params = new ArrayList<>(List.of(subject.type(), subject.id()));
        StringBuilder q = new StringBuilder("SELECT a.").append(sides.otherType).append(", a.").append(sides.otherId)
                .append(", a.since_us FROM ").append(table).append(" a WHERE a.").append(sides.subjectType)
                .append(" = ? AND a.").append(sides.subjectId).append(" = ?");
        if (type != null) {
            q.append(" AND a.").append(sides.otherType).append(" = ?");
            params.add(type);
        }
        Edge after = query.after();
        if (after != null) {
            Keyset keyset = keyset(sides, type, after, ascending);
            q.append(" AND ").append(keyset.sql());
            params.addAll(keyset.params());
        }
        if (direction == Direction.FRIENDS) {
            appendFollowsBack(q, params, subject);
        }
        // With a type filter the type column is constant: leaving it out of ORDER BY lets every
        // optimizer walk the per-type index (type, since, id) without a sort.
        q.append(" ORDER BY a.since_us").append(dir);
        if (type == null) {
            q.append(", a.").append(sides.otherType).append(dir);
        }
        q.append(", a.").append(sides.otherId).append(dir).append(" LIMIT ?");
        params.add(query.limit());
        String text = q.toString();
        return sql.statement("list " + direction.name().toLowerCase(java.util.Locale.ROOT), c -> {
            try (PreparedStatement s = c.prepareStatement(text)) {
                Statements.bind(s, 1, params);
                try (ResultSet rs = s.executeQuery()) {
                    List<Edge> edges = new ArrayList<>(query.limit());
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
        String outgoing = "DELETE FROM " + table + " WHERE follower_type = ? AND follower_id = ?";
        String incoming = "DELETE FROM " + table + " WHERE followee_type = ? AND followee_id = ?";
        return sql.transaction("forget", c -> {
            long removed = 0;
            for (String statement : List.of(outgoing, incoming)) {
                try (PreparedStatement s = c.prepareStatement(statement)) {
                    Statements.bind(s, 1, List.of(subject.type(), subject.id()));
                    // A self-follow goes with the first statement, so it is counted once.
                    removed += s.executeUpdate();
                }
            }
            return removed;
        });
    }

    /** Friends: the subject follows the other resource, and that resource follows the subject. */
    private void appendFollowsBack(StringBuilder q, List<Object> params, Ref subject) {
        q.append(" AND EXISTS (SELECT 1 FROM ").append(table).append(" b WHERE b.follower_type = a.followee_type")
                .append(" AND b.follower_id = a.followee_id AND b.followee_type = ? AND b.followee_id = ?)");
        params.add(subject.type());
        params.add(subject.id());
    }

    /**
     * "Strictly after {@code after}" along {@code (since, type, id)}. With a type filter the type
     * is a constant, so the predicate reduces to {@code (since, id)} or to {@code since} alone
     * depending on how the filter's type compares with the position's type (types are ASCII:
     * Java's order is the database's binary order).
     */
    private Keyset keyset(Sides sides, @Nullable String type, Edge after, boolean ascending) {
        long since = EpochMicros.of(after.since());
        String sinceColumn = "a.since_us";
        if (type == null) {
            return Keyset.after(sql.dialect(), List.of(sinceColumn, "a." + sides.otherType, "a." + sides.otherId),
                    List.of(since, after.ref().type(), after.ref().id()), ascending);
        }
        int cmp = type.compareTo(after.ref().type());
        if (cmp == 0) {
            return Keyset.after(sql.dialect(), List.of(sinceColumn, "a." + sides.otherId),
                    List.of(since, after.ref().id()), ascending);
        }
        boolean sameTimeIsAfter = ascending ? cmp > 0 : cmp < 0;
        String op = ascending ? (sameTimeIsAfter ? " >= ?" : " > ?") : (sameTimeIsAfter ? " <= ?" : " < ?");
        return new Keyset(sinceColumn + op, List.of(since));
    }

    /** Which columns hold the subject and the other end for a direction. */
    private record Sides(String subjectType, String subjectId, String otherType, String otherId) {

        static final Sides FOLLOWERS = new Sides("followee_type", "followee_id", "follower_type", "follower_id");
        static final Sides FOLLOWINGS = new Sides("follower_type", "follower_id", "followee_type", "followee_id");

        static Sides of(Direction direction) {
            return direction == Direction.FOLLOWERS ? FOLLOWERS : FOLLOWINGS;
        }
    }
}
