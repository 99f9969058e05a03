package dev.sequere.jdbc;

import dev.sequere.Ref;
import dev.sequere.jdbc.dialect.Dialect;
import dev.sequere.jdbc.schema.TableNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The resources table: each {@code (type, id)} gets a {@code BIGINT} surrogate the first time a
 * write needs it, by insert-if-absent on the unique {@code (type, id)} key, so two writers racing
 * on a new resource end up with the same surrogate. Rows are never deleted (a resource nobody
 * follows any more costs one narrow row), which is what makes a surrogate, once read, valid for
 * good, with no lock between reading it and writing rows that hold it.
 */
final class Resources {

    /** Refs per statement: the same bound on parameters as the feed writes. */
    static final int CHUNK = JdbcFeedStore.CHUNK;

    private static final List<String> COLUMNS = List.of("res_type", "res_id");

    private final Dialect dialect;
    private final TableNames tables;
    private final String ensureOne;
    private final String ensureTwo;

    Resources(Dialect dialect, TableNames tables) {
        this.dialect = dialect;
        this.tables = tables;
        this.ensureOne = dialect.insertIfAbsent(tables.resources(), COLUMNS, COLUMNS, 1);
        this.ensureTwo = dialect.insertIfAbsent(tables.resources(), COLUMNS, COLUMNS, 2);
    }

    /** Stores one or two resources if new. */
    void ensure(Connection c, Ref x, Ref y) throws SQLException {
        // One row when both are the same: H2's MERGE would otherwise insert it twice. Otherwise in
        // one fixed order, so that two transactions creating the same two resources (a follows b
        // while b follows a) take their key locks in the same order instead of deadlocking.
        boolean same = x.equals(y);
        boolean swap = x.compareTo(y) > 0;
        Ref a = swap ? y : x;
        Ref b = swap ? x : y;
        try (PreparedStatement s = c.prepareStatement(same ? ensureOne : ensureTwo)) {
            s.setString(1, a.type());
            s.setString(2, a.id());
            if (!same) {
                s.setString(3, b.type());
                s.setString(4, b.id());
            }
            s.executeUpdate();
        }
    }

    /**
     * Stores resources if new and returns their surrogates.
     *
     * @param refs distinct refs, at most {@link #CHUNK}
     */
    Map<Ref, Long> ensureAll(Connection c, List<Ref> refs) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(dialect.insertIfAbsent(tables.resources(), COLUMNS, COLUMNS,
                refs.size()))) {
            bind(s, refs);
            s.executeUpdate();
        }
        return lookup(c, refs);
    }

    /**
     * The surrogates of the refs that were ever stored.
     *
     * @param refs distinct refs, at most {@link #CHUNK}
     */
    Map<Ref, Long> lookup(Connection c, List<Ref> refs) throws SQLException {
        StringBuilder q = new StringBuilder("SELECT rid, res_type, res_id FROM ").append(tables.resources())
                .append(" WHERE ");
        for (int i = 0; i < refs.size(); i++) {
            q.append(i == 0 ? "" : " OR ").append("(res_type = ? AND res_id = ?)");
        }
        Map<Ref, Long> found = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(q.toString())) {
            bind(s, refs);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.put(new Ref(rs.getString(2), rs.getString(3)), rs.getLong(1));
                }
            }
        }
        return found;
    }

    private static void bind(PreparedStatement s, List<Ref> refs) throws SQLException {
        int i = 1;
        for (Ref ref : refs) {
            s.setString(i++, ref.type());
            s.setString(i++, ref.id());
        }
    }
}
