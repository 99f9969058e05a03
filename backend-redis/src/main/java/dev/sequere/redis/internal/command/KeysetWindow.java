package dev.sequere.redis.internal.command;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ZRangeParams;
import redis.clients.jedis.resps.Tuple;

/**
 * One sorted set's share of a keyset page, read with a single {@code ZRANGE} and no script.
 *
 * <p>Redis ranges by score, not by (score, member), so a position inside a band of equal scores
 * is found client-side: the range starts at the cursor's score inclusive, asks for a few more
 * members than needed, and drops the members at that score that do not come after the cursor
 * (ids compared as UTF-8 bytes, Redis's order of equal scores). Scores are times in microseconds,
 * so such ties are rare; when they fill the whole window, {@link #members()} returns
 * {@code null} and the caller falls back to the script, which binary-searches the band by rank.
 * A Lua script costs Redis about three times a bare {@code ZRANGE} of 20 (converting the reply
 * twice), which is why this path exists.
 */
public final class KeysetWindow {

    /** Extra members read past the limit when the cursor's score may hold members to skip. */
    static final int TIE_SLACK = 16;

    private final String key;
    private final ZRangeParams params;
    private final int limit;
    private final int fetch;
    private final boolean filter;
    private final boolean desc;
    private final long cursorScore;
    private final @Nullable String cursorId;
    private @Nullable Response<List<Tuple>> pending;
    private @Nullable List<Tuple> reply;

    private KeysetWindow(String key, boolean desc, int limit, @Nullable Long cursorScore, int relation,
            @Nullable String cursorId) {
        this.key = key;
        this.desc = desc;
        this.limit = limit;
        this.cursorId = cursorId;
        if (cursorScore == null) {
            this.filter = false;
            this.cursorScore = 0;
            this.fetch = limit;
            ZRangeParams range = ZRangeParams.zrangeParams(0L, limit - 1L);
            this.params = desc ? range.rev() : range;
            return;
        }
        this.cursorScore = cursorScore;
        // Members at the cursor's score come after the cursor when their (type, id) does, in the
        // page's order: all of them (relation says so by type), none of them, or those whose id
        // does (same type as the cursor: filtered here).
        boolean allAfter = desc ? relation < 0 : relation > 0;
        this.filter = relation == 0;
        this.fetch = filter ? limit + TIE_SLACK : limit;
        String from = (allAfter || filter ? "" : "(") + cursorScore;
        ZRangeParams range = new ZRangeParams(Protocol.Keyword.BYSCORE, from, desc ? "-inf" : "+inf");
        this.params = (desc ? range.rev() : range).limit(0, fetch);
    }

    /**
     * A window of one sorted set.
     *
     * @param key the sorted set
     * @param desc newest (highest score) first
     * @param limit at most this many members
     * @param cursorScore the position's score, or {@code null} to read from the start
     * @param relation how this set's members compare with the position at equal scores before
     *     ids are looked at (the sign of comparing this set's type with the position's type, in
     *     ascending order); 0 when the ids decide
     * @param cursorId the position's id (used when {@code relation} is 0)
     * @return the window, not yet read
     */
    public static KeysetWindow of(String key, boolean desc, int limit, @Nullable Long cursorScore, int relation,
            @Nullable String cursorId) {
        return new KeysetWindow(key, desc, limit, cursorScore, Integer.signum(relation), cursorId);
    }

    /**
     * Queues the read in a pipeline.
     *
     * @param pipeline the pipeline; {@link #members()} is valid after it synced
     * @return this window
     */
    public KeysetWindow queue(AbstractPipeline pipeline) {
        pending = pipeline.zrangeWithScores(key, params);
        return this;
    }

    /**
     * Reads now, one command.
     *
     * @param jedis the client
     * @return this window
     */
    public KeysetWindow read(UnifiedJedis jedis) {
        reply = jedis.zrangeWithScores(key, params);
        return this;
    }

    /**
     * The members strictly after the position, at most the limit, in the page's order.
     *
     * @return them, or {@code null} when members tied at the position's score filled the window
     *     and the script must decide
     */
    public @Nullable List<Tuple> members() {
        Response<List<Tuple>> queued = pending;
        List<Tuple> all = reply != null ? reply : queued == null ? List.of() : RedisCalls.call("page", queued::get);
        if (!filter) {
            return all;
        }
        List<Tuple> after = new ArrayList<>(Math.min(limit, all.size()));
        for (Tuple tuple : all) {
            if (after.size() == limit) {
                return after;
            }
            if ((long) tuple.getScore() != cursorScore || isAfter(tuple.getElement())) {
                after.add(tuple);
            }
        }
        // Fewer than the limit: complete unless the window was full (more ties may follow).
        return after.size() == limit || all.size() < fetch ? after : null;
    }

    private boolean isAfter(String id) {
        int c = compareUtf8(id, cursorId == null ? "" : cursorId);
        return desc ? c < 0 : c > 0;
    }

    /**
     * Compares two strings as Redis compares members of equal score: by their UTF-8 bytes, which
     * is code point order ({@link String#compareTo} compares UTF-16 units and differs for
     * characters outside the Basic Multilingual Plane).
     *
     * @param a one string
     * @param b another
     * @return negative, zero or positive
     */
    public static int compareUtf8(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
