package dev.sequere.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sequere.InvalidArgumentException;
import dev.sequere.InvalidRefException;
import dev.sequere.Order;
import dev.sequere.Ref;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SpiValuesTest {

    @Test
    void epochMicrosRoundTripAndTruncate() {
        for (String text : new String[] {"1970-01-01T00:00:00Z", "2024-02-29T12:34:56.123456Z", "1969-12-31T23:59:59.999999Z",
            "1900-01-01T00:00:00.000001Z", "2200-01-01T00:00:00Z"}) {
            Instant instant = Instant.parse(text);
            assertThat(EpochMicros.toInstant(EpochMicros.of(instant))).as(text).isEqualTo(instant);
        }
        assertThat(EpochMicros.of(Instant.parse("1970-01-01T00:00:00.000001999Z"))).isEqualTo(1);
        assertThat(EpochMicros.of(Instant.parse("1969-12-31T23:59:59.999999Z"))).isEqualTo(-1);
        assertThat(EpochMicros.toInstant(-1)).isEqualTo(Instant.parse("1969-12-31T23:59:59.999999Z"));
        assertThatThrownBy(() -> EpochMicros.of(Instant.MAX)).isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void feedEntriesAreValidated() {
        assertThat(new FeedEntry("a", FeedEntry.MAX_EXACT_SCORE).score()).isEqualTo(1L << 53);
        assertThat(new FeedEntry("a", -FeedEntry.MAX_EXACT_SCORE).score()).isEqualTo(-(1L << 53));
        assertThatThrownBy(() -> new FeedEntry("a", FeedEntry.MAX_EXACT_SCORE + 1)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("2^53");
        assertThatThrownBy(() -> new FeedEntry("a", Long.MIN_VALUE)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> new FeedEntry("", 1)).isInstanceOf(InvalidRefException.class).hasMessageContaining("entry id");
        assertThatThrownBy(() -> new FeedEntry(null, 1)).isInstanceOf(InvalidRefException.class);
    }

    @Test
    void feedKeysAreValidated() {
        Ref owner = Ref.of("user", "1");
        for (String name : new String[] {"private", "public", "private.v.like", "a", "x-y_z.0", "x".repeat(64)}) {
            assertThat(new FeedKey(owner, name).name()).isEqualTo(name);
            assertThat(FeedKey.requireValidName(name)).isEqualTo(name);
        }
        for (String name : new String[] {"", "Private", "a b", "a:b", "a/b", "ü", "x".repeat(65)}) {
            assertThatThrownBy(() -> new FeedKey(owner, name)).as("'%s'", name).isInstanceOf(InvalidArgumentException.class);
        }
        assertThatThrownBy(() -> new FeedKey(owner, null)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> new FeedKey(null, "private")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void queriesAreValidated() {
        assertThat(EdgeQuery.first(5)).isEqualTo(new EdgeQuery(null, Order.NEWEST_FIRST, null, 5));
        assertThat(FeedQuery.first(5)).isEqualTo(new FeedQuery(Order.NEWEST_FIRST, null, 5));
        assertThatThrownBy(() -> EdgeQuery.first(0)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> FeedQuery.first(-1)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> new EdgeQuery("Bad", Order.OLDEST_FIRST, null, 1)).isInstanceOf(InvalidRefException.class);
        assertThatThrownBy(() -> new EdgeQuery(null, null, null, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Edge(null, Instant.EPOCH)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void ordersReverse() {
        assertThat(Order.NEWEST_FIRST.reversed()).isEqualTo(Order.OLDEST_FIRST);
        assertThat(Order.OLDEST_FIRST.reversed()).isEqualTo(Order.NEWEST_FIRST);
    }
}
