package dev.sequere.redis;

import dev.sequere.redis.internal.keys.IdEscaping;
import dev.sequere.InvalidArgumentException;
import dev.sequere.Ref;
import dev.sequere.spi.FeedKey;
import java.util.Objects;
import java.util.regex.Pattern;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Names every key the backend writes, all under one prefix.
 *
 * <pre>
 * {prefix}{type:id}:fing           ZSET  types the resource follows, all scored 0
 * {prefix}{type:id}:fing:{type2}   ZSET  ids of type2 it follows, score = epoch micros of the follow
 * {prefix}{type:id}:fers           ZSET  types of its followers, all scored 0
 * {prefix}{type:id}:fers:{type2}   ZSET  ids of its followers of type2, score = epoch micros
 * {prefix}{type:id}:feed:{name}    ZSET  entry ids of the feed, score = entry score
 * {prefix}item:{id}                STRING item body, stored once
 * {prefix}jobs:{tag}               STREAM job entries of one job shard, consumer group "w"
 * {prefix}jobs:{tag}:j:{entry-id}  HASH   one job: kind, payload, progress, attempts, owner, lease, created
 * {prefix}jobs:{tag}:c             STRING where the shard's XAUTOCLAIM scan goes on
 * </pre>
 *
 * <p>Job shards have hash tags of their own ({@link #jobTag}), chosen so that the first shards
 * fall into evenly spread slot ranges and so spread over the masters of a Cluster.
 *
 * <p>The part in braces after the prefix is a Redis Cluster hash tag: every key of one resource
 * hashes to the same slot, so a Lua script may touch all of them atomically. The id inside the
 * tag is escaped by {@link IdEscaping} so that no id can close the tag early or forge another
 * key. Types match {@code [a-z0-9_-]} and never hold {@code ':'}, which makes the first colon in
 * the tag the separator. Per-type sets (rather than one set of {@code type:id} members) let
 * {@code ZCARD} count one type exactly; the small {@code fing}/{@code fers} sets of types say
 * which per-type sets exist, so all-type counts and listings need no {@code SCAN}. They are
 * sorted sets with every score 0 rather than plain sets because Redis before 7.2 stores every set
 * of strings as a hash table (200 bytes for one type by {@code MEMORY USAGE}) but a small sorted
 * set as a listpack (104 bytes), and most resources own one or two of them.
 */
public final class KeyLayout {

    /** The prefix used when none is configured. */
    public static final String DEFAULT_PREFIX = "sequere:";

    /** Most job shards a layout names: 64 slot ranges of 256 slots each. */
    public static final int MAX_JOB_SHARDS = 64;

    /** Hash tags of the job shards, computed once: they do not depend on the prefix. */
    private static final String[] JOB_TAGS = jobTags();

    /** Prefix characters: no braces (they would start a hash tag) and no glob characters. */
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_.:/-]{1,64}");

    private final String prefix;

    private KeyLayout(String prefix) {
        this.prefix = prefix;
    }

    /**
     * Creates the layout of a prefix.
     *
     * @param prefix 1 to 64 characters among letters, digits, {@code _ . : / -}
     * @return the layout
     * @throws InvalidArgumentException when the prefix is not acceptable
     */
    public static KeyLayout of(String prefix) {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new InvalidArgumentException("Redis key prefix '" + prefix + "' is invalid: use 1 to 64 characters "
                    + "among letters, digits, '_', '.', ':', '/' and '-' (braces would break Cluster hash tags, "
                    + "glob characters would break SCAN MATCH); e.g. \"sequere:\" or \"myapp:sequere:\"");
        }
        return new KeyLayout(prefix);
    }

    /**
     * The prefix every key starts with.
     *
     * @return the prefix
     */
    public String prefix() {
        return prefix;
    }

    /**
     * The {@code SCAN MATCH} pattern of every key of this prefix.
     *
     * @return {@code prefix + "*"}
     */
    public String scanPattern() {
        return prefix + "*";
    }

    /**
     * The hash-tagged head shared by every key of a resource.
     *
     * @param ref the resource
     * @return {@code prefix{type:escaped-id}}
     */
    public String resource(Ref ref) {
        Objects.requireNonNull(ref, "ref");
        return prefix + '{' + ref.type() + ':' + IdEscaping.escape(ref.id()) + '}';
    }

    /**
     * The base key of the resources {@code ref} follows (the set of their types; append
     * {@code ":" + type} for the sorted set of one type).
     *
     * @param ref the follower
     * @return the base key
     */
    public String followings(Ref ref) {
        return resource(ref) + ":fing";
    }

    /**
     * The base key of the followers of {@code ref}.
     *
     * @param ref the followee
     * @return the base key
     */
    public String followers(Ref ref) {
        return resource(ref) + ":fers";
    }

    /**
     * The sorted set of one type under a base key.
     *
     * @param base a key from {@link #followings} or {@link #followers}
     * @param type a valid type name
     * @return {@code base + ":" + type}
     */
    public static String typed(String base, String type) {
        return base + ':' + type;
    }

    /**
     * The sorted set of a feed.
     *
     * @param feed the feed
     * @return its key, in the owner's slot
     */
    public String feed(FeedKey feed) {
        Objects.requireNonNull(feed, "feed");
        return resource(feed.owner()) + ":feed:" + feed.name();
    }

    /**
     * The sorted set of a feed, from parts already validated (the fan-out's hot path builds one
     * per follower and skips re-validating what it read from its own keys).
     *
     * @param type the owner's type, valid
     * @param id the owner's id, valid
     * @param name the feed name, valid
     * @return the same key as {@link #feed(FeedKey)}
     */
    public String feed(String type, String id, String name) {
        return prefix + '{' + type + ':' + IdEscaping.escape(id) + "}:feed:" + name;
    }

    /**
     * The string key of an item body.
     *
     * @param itemId a valid item id
     * @return its key, in a slot of its own
     */
    public String item(String itemId) {
        return prefix + "item:{" + IdEscaping.escape(itemId) + '}';
    }

    /**
     * The stream of one job shard.
     *
     * @param shard 0 to {@link #MAX_JOB_SHARDS} - 1
     * @return {@code prefix + "jobs:{" + tag + "}"}
     */
    public String jobStream(int shard) {
        return prefix + "jobs:{" + jobTag(shard) + '}';
    }

    /**
     * The head of the job hashes of one shard: a job's hash is this plus its stream entry id, in
     * the stream's slot.
     *
     * @param shard the shard
     * @return {@code jobStream(shard) + ":j:"}
     */
    public String jobHashHead(int shard) {
        return jobStream(shard) + ":j:";
    }

    /**
     * The key that keeps a shard's {@code XAUTOCLAIM} cursor between claims.
     *
     * @param shard the shard
     * @return {@code jobStream(shard) + ":c"}
     */
    public String jobCursor(int shard) {
        return jobStream(shard) + ":c";
    }

    /**
     * The hash tag of job shard {@code shard}: the first {@code "jobs-<shard>-<n>"} whose slot lies
     * in slot range number {@code bitReverse6(shard)} of 64 ranges of 256 slots. Bit reversal
     * makes every prefix of the sequence of shards evenly spread over the slot space (shards 0 and
     * 1 are half the space apart, 0-3 a quarter, ...), so N shards land evenly on the masters of a
     * Cluster that splits the slots in equal ranges, as {@code redis-cli --cluster create} does;
     * and a shard's tag does not depend on how many shards there are.
     *
     * @param shard 0 to {@link #MAX_JOB_SHARDS} - 1
     * @return the tag, without braces
     */
    public static String jobTag(int shard) {
        if (shard < 0 || shard >= MAX_JOB_SHARDS) {
            throw new InvalidArgumentException("job shard must be in [0, " + MAX_JOB_SHARDS + "), was " + shard);
        }
        return JOB_TAGS[shard];
    }

    private static String[] jobTags() {
        String[] tags = new String[MAX_JOB_SHARDS];
        for (int shard = 0; shard < MAX_JOB_SHARDS; shard++) {
            int range = Integer.reverse(shard) >>> (Integer.SIZE - 6);
            for (int n = 0; ; n++) {
                String tag = "jobs-" + shard + "-" + n;
                if (JedisClusterCRC16.getSlot(tag) / 256 == range) {
                    tags[shard] = tag;
                    break;
                }
            }
        }
        return tags;
    }
}
