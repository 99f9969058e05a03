package dev.sequere.redis.internal.keys;

import dev.sequere.redis.KeyLayout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sequere.InvalidArgumentException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.util.JedisClusterCRC16;

/** Job keys: each shard in one slot, shards spread evenly over the slot space. */
class JobKeysTest {

    private final KeyLayout keys = KeyLayout.of("sequere:");

    @Test
    void everyKeyOfAShardSharesItsSlot() {
        for (int shard = 0; shard < KeyLayout.MAX_JOB_SHARDS; shard++) {
            int slot = JedisClusterCRC16.getSlot(keys.jobStream(shard));
            assertThat(JedisClusterCRC16.getSlot(keys.jobHashHead(shard) + "1732890000000-0")).isEqualTo(slot);
            assertThat(JedisClusterCRC16.getSlot(keys.jobCursor(shard))).isEqualTo(slot);
            assertThat(keys.jobStream(shard)).startsWith(keys.prefix());
        }
    }

    @Test
    void anyFirstPowerOfTwoShardsFallInDistinctEqualSlotRanges() {
        for (int n = 1; n <= KeyLayout.MAX_JOB_SHARDS; n *= 2) {
            Set<Integer> ranges = new HashSet<>();
            for (int shard = 0; shard < n; shard++) {
                ranges.add(JedisClusterCRC16.getSlot(KeyLayout.jobTag(shard)) / (16_384 / n));
            }
            assertThat(ranges).as("%d shards", n).hasSize(n);
        }
        // Three masters splitting the slots equally, as redis-cli --cluster create does: 8 shards as 3/3/2.
        int[] perMaster = new int[3];
        for (int shard = 0; shard < 8; shard++) {
            perMaster[Math.min(2, JedisClusterCRC16.getSlot(KeyLayout.jobTag(shard)) / 5_462)]++;
        }
        for (int count : perMaster) {
            assertThat(count).isBetween(2, 3);
        }
        assertThatThrownBy(() -> KeyLayout.jobTag(KeyLayout.MAX_JOB_SHARDS)).isInstanceOf(InvalidArgumentException.class);
    }
}
