package dev.sequere.redis.internal.follow;

import dev.sequere.Ref;
import dev.sequere.redis.KeyLayout;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Where a Cluster follow records that its second side is still to be written, and how.
 *
 * <pre>
 * {prefix}{type:id}:pend        ZSET  intents of this follower: nonce + "type:id" of the followee,
 *                                     score = server time (ms) of the first side's write
 * {prefix}{tag}:pend-index      ZSET  "type:id" of the followers with intents, in one slot
 * </pre>
 *
 * <p>An index key exists per Cluster slot, its hash tag chosen (see {@link #tagOf}) so that it
 * falls in the same slot as the followers it lists: the first side, its intent and the index
 * entry are then written by one atomic script, and no crash can leave an intent that a repair
 * does not find. A repair reads the 16 384 index keys in one pipeline instead of {@code SCAN}ning
 * the keyspace. Each writer's intent carries a random nonce, so a writer clears only its own:
 * another writer's intent stays until that writer confirms, or until it is older than the lease
 * (its writer is gone) and a repair or the next write of the same follower completes it.
 */
final class PendingMirrors {

    /** Number of Cluster hash slots. */
    static final int SLOTS = 16_384;

    /** Length of the nonce that starts every intent member (16 hexadecimal digits). */
    private static final int NONCE_LENGTH = 16;

    private final KeyLayout keys;

    PendingMirrors(KeyLayout keys) {
        this.keys = keys;
    }

    /** The follower's set of intents. */
    String intents(Ref follower) {
        return keys.resource(follower) + ":pend";
    }

    /** The index of the follower's slot. */
    String index(Ref follower) {
        return index(JedisClusterCRC16.getSlot(keys.resource(follower)));
    }

    /** The index of one slot. */
    String index(int slot) {
        return keys.prefix() + '{' + tagOf(slot) + "}:pend-index";
    }

    /** A resource as a member of an index: {@code type:id} (types hold no colon). */
    static String member(Ref ref) {
        return ref.type() + ':' + ref.id();
    }

    /** The resource of an index member. */
    static Ref ref(String member) {
        int colon = member.indexOf(':');
        return Ref.of(member.substring(0, colon), member.substring(colon + 1));
    }

    /** A new intent to mirror the pair of {@code followee}: a fresh nonce, then the followee. */
    static String newIntent(Ref followee) {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) + member(followee);
    }

    /** The followee an intent is about. */
    static Ref followeeOf(String intent) {
        return ref(intent.substring(NONCE_LENGTH));
    }

    /**
     * A hash tag in {@code slot}: the shortest base-36 number whose CRC16 falls there. Computed
     * once for every slot (about 10^5 CRCs of a few bytes).
     */
    static String tagOf(int slot) {
        return SlotTags.TAGS[slot];
    }

    /** Lazily built table of one tag per slot. */
    private static final class SlotTags {

        static final String[] TAGS = build();

        private static String[] build() {
            String[] tags = new String[SLOTS];
            int found = 0;
            for (long n = 0; found < SLOTS; n++) {
                String tag = Long.toString(n, 36);
                int slot = JedisClusterCRC16.getSlot(tag);
                if (tags[slot] == null) {
                    tags[slot] = tag;
                    found++;
                }
            }
            return tags;
        }
    }
}
