package dev.sequere.jdbc;

import dev.sequere.Ref;
import dev.sequere.jdbc.dialect.Dialect;
import dev.sequere.jdbc.schema.TableNames;
import dev.sequere.jdbc.internal.sql.Statements;
import dev.sequere.spi.Direction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Follower and following counts as counter rows {@code (rid, direction, slot, n)}, written in the
 * transaction that inserts or deletes the edge, summed on read: an O(1) count that stays exact,
 * because a counter changes only together with the edge it counts (the edge statement's update
 * count says whether it changed).
 *
 * <p>Each resource and direction has {@value #SLOTS} slots and each change goes to a random one:
 * the followers of a popular resource who follow it at the same moment then mostly update
 * different rows instead of queueing on one. Rows are updated in {@code (rid, direction)} order
 * so that two transactions touching the same counters lock them in the same sequence.
 */
final class FollowCounters {

    /** Slots per resource and direction. */
    static final int SLOTS = 8;

    private static final int FOLLOWERS = 0;
    private static final int FOLLOWINGS = 1;
    /** Counter rows per statement when many change at once ({@code removeAll}). */
    private static final int CHUNK = 500;

    private final Dialect dialect;
    private final String table;
    private final String edgeChange;
    private final String read;

    FollowCounters(Dialect dialect, TableNames tables) {
        this.dialect = dialect;
        this.table = tables.followCounts();
        String slot = dialect.selectParameter("SMALLINT");
        String n = dialect.selectParameter("BIGINT");
        // Both ends' surrogates are read inside the statement: no extra round trip per follow.
        this.edgeChange = dialect.addToCounters(table, "SELECT x.rid, x.direction, x.slot, x.n FROM (SELECT a.rid AS rid, "
                + FOLLOWINGS + " AS direction, " + slot + " AS slot, " + n + " AS n FROM " + tables.resources()
                + " a WHERE a.res_type = ? AND a.res_id = ? UNION ALL SELECT b.rid, " + FOLLOWERS + ", " + slot + ", " + n
                + " FROM " + tables.resources() + " b WHERE b.res_type = ? AND b.res_id = ?) x ORDER BY x.rid, x.direction");
        this.read = "SELECT COALESCE(SUM(n), 0) FROM " + table + " WHERE rid = " + tables.rid() + " AND direction = ?";
    }

    /** Whether a count is kept in counters: all types, followers or followings. */
    static boolean counted(Direction direction, @org.jspecify.annotations.Nullable String type) {
        return type == null && direction != Direction.FRIENDS;
    }

    /** The statement reading a count; parameters: subject type and id, then {@link #direction}. */
    String readSql() {
        return read;
    }

    /** The direction code bound to {@link #readSql()}. */
    static int direction(Direction direction) {
        return direction == Direction.FOLLOWERS ? FOLLOWERS : FOLLOWINGS;
    }

    /** Counts one edge that appeared ({@code delta} 1) or disappeared (-1). */
    void edge(Connection c, Ref follower, Ref followee, int delta) throws SQLException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try (PreparedStatement s = c.prepareStatement(edgeChange)) {
            Statements.bind(s, 1, List.of(random.nextInt(SLOTS), (long) delta, follower.type(), follower.id(),
                    random.nextInt(SLOTS), (long) delta, followee.type(), followee.id()));
            s.executeUpdate();
        }
    }

    /** Collects the changes of many edges removed at once, then writes them with {@link #flush}. */
    static final class Batch {
        private final TreeMap<List<Long>, Long> deltas = new TreeMap<>((a, b) -> {
            int byRid = Long.compare(a.get(0), b.get(0));
            return byRid != 0 ? byRid : Long.compare(a.get(1), b.get(1));
        });

        void removed(long followerRid, long followeeRid) {
            deltas.merge(List.of(followerRid, (long) FOLLOWINGS), -1L, Long::sum);
            deltas.merge(List.of(followeeRid, (long) FOLLOWERS), -1L, Long::sum);
        }
    }

    /** Writes a batch's changes into slot 0, in key order. */
    void flush(Connection c, Batch batch) throws SQLException {
        List<Map.Entry<List<Long>, Long>> rows = new ArrayList<>(batch.deltas.entrySet());
        for (int from = 0; from < rows.size(); from += CHUNK) {
            List<Map.Entry<List<Long>, Long>> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK));
            List<Object> params = new ArrayList<>(chunk.size() * 4);
            for (Map.Entry<List<Long>, Long> row : chunk) {
                params.add(row.getKey().get(0));
                params.add(row.getKey().get(1).intValue());
                params.add(0);
                params.add(row.getValue());
            }
            String select = "SELECT * FROM " + dialect.parameterRows("v", List.of("rid", "direction", "slot", "n"),
                    List.of("BIGINT", "SMALLINT", "SMALLINT", "BIGINT"), chunk.size());
            try (PreparedStatement s = c.prepareStatement(dialect.addToCounters(table, select))) {
                Statements.bind(s, 1, params);
                s.executeUpdate();
            }
        }
        batch.deltas.clear();
    }
}
