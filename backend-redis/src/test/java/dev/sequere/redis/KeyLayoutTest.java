package dev.sequere.redis;

import dev.sequere.redis.internal.keys.IdEscaping;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sequere.InvalidArgumentException;
import dev.sequere.Ref;
import dev.sequere.spi.FeedKey;
import dev.sequere.tck.TrickyIds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.util.JedisClusterCRC16;

/** The key layout: injective, one hash tag per resource, no id escapes its tag. */
class KeyLayoutTest {

    private final KeyLayout keys = KeyLayout.of("sequere:");

    private List<Ref> trickyRefs() {
        List<Ref> refs = new ArrayList<>();
        for (String id : TrickyIds.all()) {
            refs.add(Ref.of("user", id));
            refs.add(Ref.of("project", id));
        }
        for (List<String> pair : TrickyIds.confusablePairs()) {
            pair.forEach(id -> refs.add(Ref.of("user", id)));
        }
        refs.add(Ref.of("user", "1}:fers:user"));
        refs.add(Ref.of("user", "}{"));
        refs.add(Ref.of("user", "%7D"));
        return refs;
    }

    @Test
    void escapingRoundTripsAndLeavesOrdinaryIdsAlone() {
        for (String id : TrickyIds.all()) {
            assertThat(IdEscaping.unescape(IdEscaping.escape(id))).isEqualTo(id);
            assertThat(IdEscaping.escape(id)).doesNotContain("{", "}", "*", "?", "[", "]", "\\", " ");
        }
        assertThat(IdEscaping.escape("42")).isEqualTo("42");
        assertThat(IdEscaping.escape("漢字")).isEqualTo("漢字");
        assertThat(IdEscaping.escape("a}b%")).isEqualTo("a%7Db%25");
    }

    @Test
    void everyKeyOfAResourceIsInTheSlotOfItsOwnTag() {
        for (Ref ref : trickyRefs()) {
            int slot = JedisClusterCRC16.getSlot(ref.type() + ":" + IdEscaping.escape(ref.id()));
            assertThat(JedisClusterCRC16.getSlot(keys.followers(ref))).as(ref.toString()).isEqualTo(slot);
            assertThat(JedisClusterCRC16.getSlot(KeyLayout.typed(keys.followers(ref), "user"))).isEqualTo(slot);
            assertThat(JedisClusterCRC16.getSlot(keys.followings(ref))).isEqualTo(slot);
            assertThat(JedisClusterCRC16.getSlot(KeyLayout.typed(keys.followings(ref), "project"))).isEqualTo(slot);
            assertThat(JedisClusterCRC16.getSlot(keys.feed(new FeedKey(ref, "private")))).isEqualTo(slot);
            assertThat(keys.feed(ref.type(), ref.id(), "private")).isEqualTo(keys.feed(new FeedKey(ref, "private")));
        }
    }

    @Test
    void distinctResourcesNeverShareAKey() {
        Map<String, Ref> owners = new HashMap<>();
        for (Ref ref : trickyRefs()) {
            for (String key : List.of(keys.followers(ref), keys.followings(ref),
                    KeyLayout.typed(keys.followers(ref), "user"), keys.feed(new FeedKey(ref, "private")),
                    keys.item(ref.id()))) {
                Ref previous = owners.putIfAbsent(key, ref);
                if (previous != null && !previous.equals(ref) && !key.equals(keys.item(ref.id()))) {
                    throw new AssertionError(key + " belongs to both " + previous + " and " + ref);
                }
            }
        }
        assertThat(keys.resource(Ref.of("user", "1}:fers:user"))).isEqualTo("sequere:{user:1%7D:fers:user}");
    }

    @Test
    void prefixesThatWouldBreakTagsOrPatternsAreRejected() {
        for (String bad : new String[] {"", "a{b", "a}b", "a*", "a?", "a[b]", "a b", "x".repeat(65)}) {
            assertThatThrownBy(() -> KeyLayout.of(bad)).isInstanceOf(InvalidArgumentException.class);
        }
        assertThat(KeyLayout.of("myapp:sequere/v1-2_3.").prefix()).isEqualTo("myapp:sequere/v1-2_3.");
    }
}
