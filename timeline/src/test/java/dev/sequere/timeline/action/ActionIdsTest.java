package dev.sequere.timeline.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sequere.Ref;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ActionIdsTest {

    @Test
    void idsSortByTimeInByteOrderWhateverTheirRandomPart() {
        SplittableRandom random = new SplittableRandom(7);
        long[] times = {0, 1, 62, 63, 64, 65, 4095, 4096, 1_700_000_000_000L, 1_700_000_000_001L,
            1_764_000_000_000L, (1L << 48) - 2, (1L << 48) - 1};
        for (int i = 0; i < times.length; i++) {
            for (int j = 0; j < times.length; j++) {
                String a = ActionIds.encode(times[i], random.nextLong());
                String b = ActionIds.encode(times[j], random.nextLong());
                if (i != j) {
                    assertThat(Integer.signum(Arrays.compareUnsigned(bytes(a), bytes(b))))
                            .as("%s (%d ms) vs %s (%d ms)", a, times[i], b, times[j])
                            .isEqualTo(Long.compare(times[i], times[j]));
                }
            }
        }
        for (int k = 0; k < 10_000; k++) {
            long t1 = random.nextLong(1L << 48);
            long t2 = random.nextLong(1L << 48);
            String a = ActionIds.encode(t1, random.nextLong());
            String b = ActionIds.encode(t2, random.nextLong());
            if (t1 != t2) {
                assertThat(Integer.signum(Arrays.compareUnsigned(bytes(a), bytes(b)))).isEqualTo(Long.compare(t1, t2));
            }
        }
    }

    @Test
    void idsAreSixteenValidUrlSafeCharacters() {
        ActionIds ids = new ActionIds(Clock.systemUTC());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = ids.get();
            assertThat(id).hasSize(ActionIds.LENGTH).matches("[-0-9A-Z_a-z]{16}");
            Ref.requireValidId(id, "action id");
            seen.add(id);
        }
        assertThat(seen).hasSize(10_000);
    }

    @Test
    void idsOfOneMillisecondShareTheirTimeAndDifferInTheRest() {
        ActionIds ids = new ActionIds(Clock.fixed(Instant.ofEpochMilli(1_764_000_000_123L), ZoneOffset.UTC));
        String a = ids.get();
        String b = ids.get();
        assertThat(a.substring(0, 8)).isEqualTo(b.substring(0, 8)).isEqualTo(ActionIds.encode(1_764_000_000_123L, 0).substring(0, 8));
        assertThat(a.substring(8)).isNotEqualTo(b.substring(8));
    }

    @Test
    void aClockOutsideTheEncodableRangeIsRefused() {
        assertThatThrownBy(() -> ActionIds.encode(-1, 0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("-1 ms");
        assertThatThrownBy(() -> ActionIds.encode(1L << 48, 0)).isInstanceOf(IllegalStateException.class);
        assertThat(ActionIds.encode(0, 0)).isEqualTo("----------------");
        assertThat(ActionIds.encode((1L << 48) - 1, -1)).isEqualTo("zzzzzzzzzzzzzzzz");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
