package dev.sequere.timeline.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sequere.InvalidArgumentException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BoundsTest {

    @Test
    void factoriesSayWhatTheyKeep() {
        assertThat(Bounds.keepNewest(800)).isEqualTo(new Bounds(800, null, 1));
        assertThat(Bounds.retention(Duration.ofDays(90))).isEqualTo(new Bounds(0, Duration.ofDays(90), 1));
        assertThat(Bounds.keepNewest(800).andRetention(Duration.ofDays(90)).trimmedEvery(10))
                .isEqualTo(new Bounds(800, Duration.ofDays(90), 10));
        assertThat(Bounds.retention(Duration.ofHours(1)).andKeepNewest(5)).isEqualTo(new Bounds(5, Duration.ofHours(1), 1));
        assertThat(Bounds.NONE.bounded()).isFalse();
        assertThat(Bounds.keepNewest(1).bounded()).isTrue();
    }

    @Test
    void badValuesAreRefused() {
        assertThatThrownBy(() -> Bounds.keepNewest(0)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> Bounds.retention(null)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> Bounds.retention(Duration.ZERO)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> Bounds.keepNewest(3).trimmedEvery(0)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> Bounds.keepNewest(3).andRetention(Duration.ofSeconds(-1)))
                .isInstanceOf(InvalidArgumentException.class);
    }
}
