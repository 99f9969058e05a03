package dev.sequere.benchmarks.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The baseline: the same statements the backend runs, written by hand against the same pool,
 * with nothing around them (no validation, no dialect, no retries, no result objects beyond
 * strings and longs).
 */
final class RawJdbc {

    private static final String T = JdbcFixture.PREFIX;

    private final DataSource dataSource;
    private final String follow;
    private final String fanOut;

    RawJdbc(DataSource dataSource, boolean postgres) {
        this.dataSource = dataSource;
        if (postgres) {
            follow = "INSERT INTO " + T + "follows (follower_type, follower_id, followee_type, followee_id, since_us)"
                    + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (follower_type, follower_id, followee_type, followee_id) DO NOTHING";
            fanOut = "INSERT INTO " + T + "feed_entries (owner_type, owner_id, feed_name, entry_id, score)"
                    + " SELECT follower_type, follower_id, ?, ?, ? FROM " + T + "follows"
                    + " WHERE followee_type = ? AND followee_id = ?"
                    + " ON CONFLICT (owner_type, owner_id, feed_name, entry_id) DO NOTHING";
        } else {
            follow = "MERGE INTO " + T + "follows t USING (VALUES (?, ?, ?, ?, ?)) s (a, b, c, d, e)"
                    + " ON (t.follower_type = s.a AND t.follower_id = s.b AND t.followee_type = s.c AND t.followee_id = s.d)"
                    + " WHEN NOT MATCHED THEN INSERT VALUES (s.a, s.b, s.c, s.d, s.e)";
            fanOut = "MERGE INTO " + T + "feed_entries t USING (SELECT follower_type, follower_id,"
                    + " CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(255)), CAST(? AS BIGINT) FROM " + T + "follows"
                    + " WHERE followee_type = ? AND followee_id = ?) s (a, b, c, d, e)"
                    + " ON (t.owner_type = s.a AND t.owner_id = s.b AND t.feed_name = s.c AND t.entry_id = s.d)"
                    + " WHEN NOT MATCHED THEN INSERT VALUES (s.a, s.b, s.c, s.d, s.e)";
        }
    }

    boolean follow(String followerType, String followerId, String followeeType, String followeeId, long sinceMicros)
            throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(follow)) {
            s.setString(1, followerType);
            s.setString(2, followerId);
            s.setString(3, followeeType);
            s.setString(4, followeeId);
            s.setLong(5, sinceMicros);
            return s.executeUpdate() > 0;
        }
    }

    boolean exists(String followerType, String followerId, String followeeType, String followeeId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT since_us FROM "
                + T + "follows WHERE follower_type = ? AND follower_id = ? AND followee_type = ? AND followee_id = ?")) {
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
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT a.follower_type,"
                + " a.follower_id, a.since_us FROM " + T + "follows a WHERE a.followee_type = ? AND a.followee_id = ?"
                + " ORDER BY a.since_us DESC, a.follower_type DESC, a.follower_id DESC LIMIT ?")) {
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
                "SELECT COUNT(*) FROM " + T + "follows a WHERE a.followee_type = ? AND a.followee_id = ?")) {
            s.setString(1, type);
            s.setString(2, id);
            try (ResultSet rs = s.executeQuery()) {
                return JdbcFixture.firstLong(rs);
            }
        }
    }

    long fanOut(String type, String id, String feedName, String entryId, long score) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(fanOut)) {
            s.setString(1, feedName);
            s.setString(2, entryId);
            s.setLong(3, score);
            s.setString(4, type);
            s.setString(5, id);
            return s.executeUpdate();
        }
    }
}
