package dev.sequere.jdbc;

import dev.sequere.InvalidArgumentException;
import dev.sequere.Order;
import dev.sequere.Ref;
import dev.sequere.jdbc.schema.TableNames;
import dev.sequere.jdbc.internal.sql.Keyset;
import dev.sequere.jdbc.internal.sql.SqlRunner;
import dev.sequere.jdbc.internal.sql.SqlWork;
import dev.sequere.jdbc.internal.sql.Statements;
import dev.sequere.spi.FeedEntry;
import dev.sequere.spi.FeedKey;
import dev.sequere.spi.FeedQuery;
import dev.sequere.spi.FeedStore;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * Feeds as narrow rows {@code (owner_rid, feed_name, entry_id, score)}, unique by the first three
 * (the owner by its surrogate in the resources table; the key is ordered entry first so that
 * one entry's deliveries sit side by side in it), with an index on
 * {@code (owner, feed, score, entry_id)} for keyset pages; item bodies live once in their own
 * table. Reads and single-feed writes look the owner's surrogate up inside the statement; writes
 * over many feeds read the surrogates first, in the same transaction, and then go as multi-row
 * statements whose update count is the exact number of rows changed.
 */
public final class JdbcFeedStore implements FeedStore {

    /** Rows per multi-row statement: keeps parameter counts far below every driver's limit. */
    static final int CHUNK = 200;

    private static final List<String> COLUMNS = List.of("owner_rid", "feed_name", "entry_id", "score");
    private static final List<String> KEY = COLUMNS.subList(0, 3);
    // Every writer touches feeds in this one order, so two concurrent multi-feed writes lock rows
    // in the same sequence instead of deadlocking.
    private static final Comparator<FeedKey> LOCK_ORDER =
            Comparator.comparing(FeedKey::owner).thenComparing(FeedKey::name);

    private final SqlRunner sql;
    private final Resources resources;
    private final String entries;
    private final String items;
    /** One feed: {@code owner_rid = (surrogate of ?, ?) AND feed_name = ?}. */
    private final String feedWhere;
    private final String pageNewest;
    private final String pageOldest;
    private final String pageNewestAfter;
    private final String pageOldestAfter;
    private final String scoreQuery;
    private final String countQuery;
    private final String countNewerQuery;

    /**
     * Creates the store over existing tables.
     *
     * @param sql runs the statements
     * @param tables the table names
     */
    public JdbcFeedStore(SqlRunner sql, TableNames tables) {
        this.sql = Checks.notNull(sql, "sql");
        this.resources = new Resources(sql.dialect(), tables);
        this.entries = tables.feedEntries();
        this.items = tables.items();
        this.feedWhere = "owner_rid = " + tables.rid() + " AND feed_name = ?";
        this.pageNewest = pageSql(false, false);
        this.pageOldest = pageSql(true, false);
        this.pageNewestAfter = pageSql(false, true);
        this.pageOldestAfter = pageSql(true, true);
        this.scoreQuery = "SELECT score FROM " + entries + " WHERE " + feedWhere + " AND entry_id = ?";
        this.countQuery = "SELECT COUNT(*) FROM " + entries + " WHERE " + feedWhere;
        this.countNewerQuery = countQuery + " AND score > ?";
    }

    @Override
    public boolean putItem(String itemId, String body) {
        Ref.requireValidId(itemId, "item id");
        Checks.notNull(body, "body");
        int bytes = body.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_ITEM_BODY_BYTES) {
            throw new InvalidArgumentException("item body is " + bytes + " UTF-8 bytes; at most " + MAX_ITEM_BODY_BYTES
                    + " are allowed (store large content elsewhere and keep a reference in the body)");
        }
        String insert = sql.dialect().insertIfAbsent(items, List.of("item_id", "body"), List.of("item_id"), 1);
        return sql.statement("store an item", c -> update(c, insert, List.of(itemId, body)) > 0);
    }

    @Override
    public Map<String, String> items(Collection<String> itemIds) {
        List<String> ids = List.copyOf(new LinkedHashSet<>(Checks.validIds(itemIds, "item id")));
        if (ids.isEmpty()) {
            return Map.of();
        }
        return sql.statement("read items", c -> {
            Map<String, String> found = new HashMap<>();
            for (List<String> chunk : chunks(ids)) {
                String q = "SELECT item_id, body FROM " + items + " WHERE item_id IN (" + placeholders(chunk.size()) + ")";
                try (PreparedStatement s = c.prepareStatement(q)) {
                    Statements.bind(s, 1, chunk);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            found.put(rs.getString(1), rs.getString(2));
                        }
                    }
                }
            }
            return found;
        });
    }

    @Override
    public boolean removeItem(String itemId) {
        Ref.requireValidId(itemId, "item id");
        return sql.statement("remove an item",
                c -> update(c, "DELETE FROM " + items + " WHERE item_id = ?", List.of(itemId)) > 0);
    }

    @Override
    public long add(FeedEntry entry, Collection<FeedKey> feeds) {
        Checks.notNull(entry, "entry");
        List<FeedKey> keys = sorted(Checks.noNulls(feeds, "feeds"));
        if (keys.isEmpty()) {
            return 0;
        }
        return sql.transaction("add to feeds", c -> {
            long added = 0;
            for (List<FeedKey> chunk : chunks(keys)) {
                Map<Ref, Long> rids = resources.ensureAll(c, owners(chunk));
                List<Object> params = new ArrayList<>(chunk.size() * COLUMNS.size());
                for (FeedKey feed : chunk) {
                    params.addAll(List.of(rids.get(feed.owner()), feed.name(), entry.id(), entry.score()));
                }
                added += update(c, sql.dialect().insertIfAbsent(entries, COLUMNS, KEY, chunk.size()), params);
            }
            return added;
        });
    }

    @Override
    public long remove(String entryId, Collection<FeedKey> feeds) {
        Ref.requireValidId(entryId, "entry id");
        List<FeedKey> keys = sorted(Checks.noNulls(feeds, "feeds"));
        if (keys.isEmpty()) {
            return 0;
        }
        return sql.transaction("remove from feeds", c -> {
            long removed = 0;
            for (List<FeedKey> chunk : chunks(keys)) {
                // Owners never stored have no feed rows: they are left out.
                Map<Ref, Long> rids = resources.lookup(c, owners(chunk));
                List<Object> params = new ArrayList<>(1 + chunk.size() * 2);
                params.add(entryId);
                for (FeedKey feed : chunk) {
                    Long rid = rids.get(feed.owner());
                    if (rid != null) {
                        params.add(rid);
                        params.add(feed.name());
                    }
                }
                int rows = (params.size() - 1) / 2;
                if (rows > 0) {
                    removed += update(c, "DELETE FROM " + entries + " WHERE entry_id = ? AND (owner_rid, feed_name) IN ("
                            + "(?, ?), ".repeat(rows - 1) + "(?, ?))", params);
                }
            }
            return removed;
        });
    }

    @Override
    public long removeEntries(FeedKey feed, Collection<String> entryIds) {
        Checks.notNull(feed, "feed");
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(Checks.validIds(entryIds, "entry id")));
        if (ids.isEmpty()) {
            return 0;
        }
        ids.sort(Comparator.naturalOrder());
        return sql.transaction("remove feed entries", c -> {
            long removed = 0;
            for (List<String> chunk : chunks(ids)) {
                List<Object> params = new ArrayList<>(feedParams(feed));
                params.addAll(chunk);
                removed += update(c, "DELETE FROM " + entries + " WHERE " + feedWhere + " AND entry_id IN ("
                        + placeholders(chunk.size()) + ")", params);
            }
            return removed;
        });
    }

    @Override
    public OptionalLong score(FeedKey feed, String entryId) {
        Checks.notNull(feed, "feed");
        Ref.requireValidId(entryId, "entry id");
        List<Object> params = new ArrayList<>(feedParams(feed));
        params.add(entryId);
        return sql.statement("read a score", c -> {
            try (PreparedStatement s = c.prepareStatement(scoreQuery)) {
                Statements.bind(s, 1, params);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
                }
            }
        });
    }

    @Override
    public List<FeedEntry> page(FeedKey feed, FeedQuery query) {
        Checks.notNull(feed, "feed");
        Checks.notNull(query, "query");
        boolean ascending = query.order() == Order.OLDEST_FIRST;
        @Nullable FeedEntry after = query.after();
        String text = after == null ? (ascending ? pageOldest : pageNewest) : (ascending ? pageOldestAfter : pageNewestAfter);
        boolean expanded = !sql.dialect().rowValueComparison();
        int limit = query.limit();
        return sql.statement("read a feed", c -> {
            try (PreparedStatement s = c.prepareStatement(text)) {
                int i = bindFeed(s, feed);
                if (after != null) {
                    s.setLong(i++, after.score());
                    if (expanded) {
                        s.setLong(i++, after.score());
                    }
                    s.setString(i++, after.id());
                }
                s.setInt(i, limit);
                try (ResultSet rs = s.executeQuery()) {
                    List<FeedEntry> page = new ArrayList<>(limit);
                    while (rs.next()) {
                        page.add(new FeedEntry(rs.getString(1), rs.getLong(2)));
                    }
                    return page;
                }
            }
        });
    }

    @Override
    public long count(FeedKey feed) {
        Checks.notNull(feed, "feed");
        return countWhere(feed, countQuery, List.of());
    }

    @Override
    public long countNewer(FeedKey feed, long score) {
        Checks.notNull(feed, "feed");
        return countWhere(feed, countNewerQuery, List.of(score));
    }

    @Override
    public long trim(FeedKey feed, int keep) {
        Checks.notNull(feed, "feed");
        if (keep < 0) {
            throw new InvalidArgumentException("keep must be at least 0, was " + keep);
        }
        if (keep == 0) {
            return clear(feed);
        }
        // The boundary is the last entry to keep; everything strictly below it goes. Read and
        // delete share one transaction so the feed is trimmed against a single view of it.
        String boundary = "SELECT score, entry_id FROM " + entries + " WHERE " + feedWhere
                + " ORDER BY score DESC, entry_id DESC LIMIT 1 OFFSET ?";
        return sql.transaction("trim a feed", c -> {
            List<Object> params = new ArrayList<>(feedParams(feed));
            params.add(keep - 1);
            long score;
            String entryId;
            try (PreparedStatement s = c.prepareStatement(boundary)) {
                Statements.bind(s, 1, params);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return 0L;
                    }
                    score = rs.getLong(1);
                    entryId = rs.getString(2);
                }
            }
            Keyset below = Keyset.after(sql.dialect(), List.of("score", "entry_id"), List.of(score, entryId), false);
            List<Object> deleteParams = new ArrayList<>(feedParams(feed));
            deleteParams.addAll(below.params());
            return (long) update(c, "DELETE FROM " + entries + " WHERE " + feedWhere + " AND " + below.sql(), deleteParams);
        });
    }

    @Override
    public long removeOlderThan(FeedKey feed, long score) {
        Checks.notNull(feed, "feed");
        List<Object> params = new ArrayList<>(feedParams(feed));
        params.add(score);
        return sql.statement("remove old feed entries",
                c -> (long) update(c, "DELETE FROM " + entries + " WHERE " + feedWhere + " AND score < ?", params));
    }

    @Override
    public long clear(FeedKey feed) {
        Checks.notNull(feed, "feed");
        return sql.statement("clear a feed",
                c -> (long) update(c, "DELETE FROM " + entries + " WHERE " + feedWhere, feedParams(feed)));
    }

    private long countWhere(FeedKey feed, String q, List<Object> extra) {
        List<Object> params = new ArrayList<>(feedParams(feed));
        params.addAll(extra);
        SqlWork<Long> work = c -> {
            try (PreparedStatement s = c.prepareStatement(q)) {
                Statements.bind(s, 1, params);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        };
        return sql.statement("count a feed", work);
    }

    /** Parameters: owner type and id, feed name, the position (score, repeated when expanded, id), limit. */
    private String pageSql(boolean ascending, boolean after) {
        String dir = ascending ? " ASC" : " DESC";
        StringBuilder q = new StringBuilder("SELECT entry_id, score FROM ").append(entries).append(" WHERE ")
                .append(feedWhere);
        if (after) {
            q.append(" AND ").append(Keyset.after(sql.dialect(), List.of("score", "entry_id"), List.of(0L, ""), ascending)
                    .sql());
        }
        return q.append(" ORDER BY score").append(dir).append(", entry_id").append(dir).append(" LIMIT ?").toString();
    }

    private static int bindFeed(PreparedStatement s, FeedKey feed) throws SQLException {
        s.setString(1, feed.owner().type());
        s.setString(2, feed.owner().id());
        s.setString(3, feed.name());
        return 4;
    }

    private static List<Ref> owners(List<FeedKey> feeds) {
        return List.copyOf(new LinkedHashSet<>(feeds.stream().map(FeedKey::owner).toList()));
    }

    private static List<Object> feedParams(FeedKey feed) {
        return List.of(feed.owner().type(), feed.owner().id(), feed.name());
    }

    private static int update(Connection c, String statement, List<?> params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(statement)) {
            Statements.bind(s, 1, params);
            return s.executeUpdate();
        }
    }

    private static List<FeedKey> sorted(Collection<FeedKey> feeds) {
        List<FeedKey> keys = new ArrayList<>(new LinkedHashSet<>(feeds));
        keys.sort(LOCK_ORDER);
        return keys;
    }

    private static String placeholders(int n) {
        return "?, ".repeat(n - 1) + "?";
    }

    private static <T> List<List<T>> chunks(List<T> all) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += CHUNK) {
            chunks.add(all.subList(from, Math.min(all.size(), from + CHUNK)));
        }
        return chunks;
    }
}
