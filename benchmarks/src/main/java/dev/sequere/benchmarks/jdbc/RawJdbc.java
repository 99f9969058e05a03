package dev.sequere.benchmarks.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The baseline: the same statements the backend runs, on the same schema (resources with
 * surrogate keys, follow edges and feed rows keyed by them), written by hand against the same
 * pool, with nothing around them (no validation, no dialect, no retries, no result objects beyond
 * strings and longs).
 */
final class RawJdbc {

    private static final String T = JdbcFixture.PREFIX;
    /** The surrogate of the resource bound to two parameters (type, id), looked up in the statement. */
    private static final String RID = "(SELECT rid FROM " + T + "resources WHERE res_type = ? AND res_id = ?)";

    private final DataSource dataSource;
    private final String ensureResources;
    private final String follow;
    private final String fanOut;

    RawJdbc(DataSource dataSource, boolean postgres) {
        this.dataSource = dataSource;
        String pair = "SELECT a.rid, b.rid, " + (postgres ? "?" : "CAST(? AS BIGINT)") + ", a.res_type, b.res_type FROM "
                + T + "resources a, " + T + "resources b"
                + " WHERE a.res_type = ? AND a.res_id = ? AND b.res_type = ? AND b.res_id = ?";
        if (postgres) {
            ensureResources = "INSERT INTO " + T + "resources (res_type, res_id) VALUES (?, ?), (?, ?)"
                    + " ON CONFLICT (res_type, res_id) DO NOTHING";
            follow = "INSERT INTO " + T + "follow_edges (follower_rid, followee_rid, since_us, follower_type, followee_type) "
                    + pair + " ON CONFLICT (follower_rid, followee_rid) DO NOTHING";
            fanOut = "INSERT INTO " + T + "feed_rows (owner_rid, feed_name, entry_id, score)"
                    + " SELECT follower_rid, ?, ?, ? FROM " + T + "follow_edges WHERE followee_rid = ? ORDER BY follower_rid";
        } else {
            ensureResources = "MERGE INTO " + T + "resources t USING (VALUES (?, ?), (?, ?)) s (a, b)"
                    + " ON (t.res_type = s.a AND t.res_id = s.b) WHEN NOT MATCHED THEN INSERT (res_type, res_id) VALUES (s.a, s.b)";
            follow = "MERGE INTO " + T + "follow_edges t USING (" + pair + ") s (a, b, c, d, e)"
                    + " ON (t.follower_rid = s.a AND t.followee_rid = s.b)"
                    + " WHEN NOT MATCHED THEN INSERT (follower_rid, followee_rid, since_us, follower_type, followee_type)"
                    + " VALUES (s.a, s.b, s.c, s.d, s.e)";
            fanOut = "INSERT INTO " + T + "feed_rows (owner_rid, feed_name, entry_id, score)"
                    + " SELECT follower_rid, CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(255)), CAST(? AS BIGINT) FROM "
                    + T + "follow_edges WHERE followee_rid = ? ORDER BY follower_rid";
        }
    }

    boolean follow(String followerType, String followerId, String followeeType, String followeeId, long sinceMicros)
            throws SQLException {
        // One transaction, as the backend does: one commit for both statements.
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement s = c.prepareStatement(ensureResources)) {
                    s.setString(1, followerType);
                    s.setString(2, followerId);
                    s.setString(3, followeeType);
                    s.setString(4, followeeId);
                    s.executeUpdate();
                }
                boolean created;
                try (PreparedStatement s = c.prepareStatement(follow)) {
                    s.setLong(1, sinceMicros);
                    s.setString(2, followerType);
                    s.setString(3, followerId);
                    s.setString(4, followeeType);
                    s.setString(5, followeeId);
                    created = s.executeUpdate() > 0;
                }
                c.commit();
                return created;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    boolean exists(String followerType, String followerId, String followeeType, String followeeId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT since_us FROM "
                + T + "follow_edges WHERE follower_rid = " + RID + " AND followee_rid = " + RID)) {
            s.setString(1, followerType);
            s.setString(2, followerId);
            s.setString(3, followeeType);
            s.setString(4, followeeId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    List<String> newestFollowers(String type, String id, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT r.res_type,"
                + " r.res_id, p.since_us FROM (SELECT a.follower_rid AS other_rid, a.since_us FROM " + T + "follow_edges a"
                + " WHERE a.followee_rid = " + RID + " ORDER BY a.since_us DESC, a.follower_rid DESC LIMIT ?) p JOIN "
                + T + "resources r ON r.rid = p.other_rid ORDER BY p.since_us DESC, p.other_rid DESC")) {
            s.setString(1, type);
            s.setString(2, id);
            s.setInt(3, limit);
            try (ResultSet rs = s.executeQuery()) {
                List<String> page = new ArrayList<>(limit);
                while (rs.next()) {
                    page.add(rs.getString(1) + "/" + rs.getString(2) + "@" + rs.getLong(3));
                }
                return page;
            }
        }
    }

    long countFollowers(String type, String id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT COUNT(*) FROM " + T + "follow_edges a WHERE a.followee_rid = " + RID)) {
            s.setString(1, type);
            s.setString(2, id);
            try (ResultSet rs = s.executeQuery()) {
                return JdbcFixture.firstLong(rs);
            }
        }
    }

    /** The source's surrogate, then (a new entry) a plain insert: the statements the backend runs first. */
    long fanOut(String type, String id, String feedName, String entryId, long score) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            long rid;
            try (PreparedStatement s = c.prepareStatement("SELECT rid FROM " + T + "resources WHERE res_type = ? AND res_id = ?")) {
                s.setString(1, type);
                s.setString(2, id);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return 0;
                    }
                    rid = rs.getLong(1);
                }
            }
            try (PreparedStatement s = c.prepareStatement(fanOut)) {
                s.setString(1, feedName);
                s.setString(2, entryId);
                s.setLong(3, score);
                s.setLong(4, rid);
                return s.executeUpdate();
            }
        }
    }
}
