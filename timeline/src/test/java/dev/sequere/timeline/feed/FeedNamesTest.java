package dev.sequere.timeline.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sequere.InvalidArgumentException;
import dev.sequere.Ref;
import dev.sequere.spi.FeedKey;
import dev.sequere.timeline.action.Action;
import dev.sequere.timeline.action.Verb;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeedNamesTest {

    private final FeedNames names = new FeedNames(true);

    @Test
    void anActionWithATargetGoesToFourFeedsAndOneWithoutToTwo() {
        Action like = new Action("1", new Ref("user", "1"), Verb.of("like"), new Ref("project", "2"), Instant.EPOCH, Map.of());
        Action join = new Action("2", new Ref("user", "1"), Verb.of("join"), null, Instant.EPOCH, Map.of());
        assertThat(names.of("private", like))
                .containsExactly("private", "private.v.like", "private.t.project", "private.vt.like.project");
        assertThat(names.of("public", join)).containsExactly("public", "public.v.join");
        assertThat(new FeedNames(false).of("private", like)).containsExactly("private");
    }

    @Test
    void longNamesAreHashedIntoValidDistinctFeedNames() {
        String longType = "t".repeat(64);
        String other = "t".repeat(63) + "u";
        String a = names.filtered("private", Verb.of("v".repeat(32)), longType);
        String b = names.filtered("private", Verb.of("v".repeat(32)), other);
        assertThat(a).startsWith("private.x.").isNotEqualTo(b);
        assertThat(new FeedKey(new Ref("user", "1"), a).name()).isEqualTo(a);
        assertThat(names.filtered("private", null, longType)).hasSizeLessThanOrEqualTo(64);
    }

    @Test
    void filtersAreRefusedWhenFilterFeedsAreOff() {
        assertThatThrownBy(() -> new FeedNames(false).filtered("private", Verb.of("like"), null))
                .isInstanceOf(InvalidArgumentException.class);
        assertThat(new FeedNames(false).filtered("private", null, null)).isEqualTo("private");
    }
}
