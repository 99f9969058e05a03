package dev.sequere.timeline.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sequere.Ref;
import dev.sequere.spi.FeedKey;
import dev.sequere.timeline.action.Action;
import dev.sequere.timeline.action.Verb;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeedNamesTest {

    private static final Action LIKE = new Action("1", new Ref("user", "1"), Verb.of("like"), new Ref("project", "2"),
            Instant.EPOCH, Map.of());
    private static final Action JOIN = new Action("2", new Ref("user", "1"), Verb.of("join"), null, Instant.EPOCH, Map.of());

    private final FeedNames all = new FeedNames(FilterFeeds.ALL);

    @Test
    void anActionWithATargetGoesToFourFeedsAndOneWithoutToTwo() {
        assertThat(all.of("private", LIKE))
                .containsExactly("private", "private.v.like", "private.t.project", "private.vt.like.project");
        assertThat(all.of("public", JOIN)).containsExactly("public", "public.v.join");
    }

    @Test
    void eachModeWritesFilterFeedsOnlyForTheTimelinesItCovers() {
        FeedNames byDefault = new FeedNames(FilterFeeds.PUBLIC_AND_GLOBAL);
        assertThat(byDefault.of("private", LIKE)).containsExactly("private");
        assertThat(byDefault.of("public", LIKE)).hasSize(4);
        assertThat(byDefault.of("global", JOIN)).containsExactly("global", "global.v.join");
        FeedNames none = new FeedNames(FilterFeeds.NONE);
        for (String base : new String[] {"private", "public", "global"}) {
            assertThat(none.of(base, LIKE)).containsExactly(base);
        }
    }

    @Test
    void longNamesAreHashedIntoValidDistinctFeedNames() {
        String longType = "t".repeat(64);
        String other = "t".repeat(63) + "u";
        String a = all.filtered("private", "v".repeat(32), longType);
        String b = all.filtered("private", "v".repeat(32), other);
        assertThat(a).startsWith("private.x.").isNotEqualTo(b);
        assertThat(new FeedKey(new Ref("user", "1"), a).name()).isEqualTo(a);
        assertThat(all.filtered("private", null, longType)).hasSizeLessThanOrEqualTo(64);
        assertThat(all.filtered("private", null, null)).isEqualTo("private");
    }
}
