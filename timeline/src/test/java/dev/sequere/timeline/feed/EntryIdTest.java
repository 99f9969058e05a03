package dev.sequere.timeline.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sequere.Ref;
import dev.sequere.spi.FeedEntry;
import dev.sequere.timeline.action.Action;
import dev.sequere.timeline.action.InvalidActionException;
import dev.sequere.timeline.action.Verb;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EntryIdTest {

    private static Action action(String id, String verb, Ref target) {
        return new Action(id, new Ref("user", "1"), Verb.of(verb), target, Instant.EPOCH, Map.of());
    }

    @Test
    void verbAndTargetTypeTravelBesideAnyActionId() {
        for (String id : new String[] {"42", "a:b:c", "::", "like:project:7", "é {x} 'q'", ":"}) {
            EntryId withTarget = EntryId.of(action(id, "like", new Ref("project", "p")));
            String encoded = withTarget.encode();
            assertThat(EntryId.parse(encoded)).isEqualTo(withTarget);
            assertThat(EntryId.actionIdOf(encoded)).isEqualTo(id);
            EntryId without = EntryId.of(action(id, "join", null));
            assertThat(without.encode()).isEqualTo("join::" + id);
            assertThat(EntryId.parse(without.encode())).isEqualTo(without);
        }
    }

    @Test
    void matchingReadsOnlyTheIdAndComparesWholeFields() {
        String id = "like:project:x:y";
        assertThat(EntryId.matches(id, null, null)).isTrue();
        assertThat(EntryId.matches(id, "like", null)).isTrue();
        assertThat(EntryId.matches(id, "like", "project")).isTrue();
        assertThat(EntryId.matches(id, null, "project")).isTrue();
        assertThat(EntryId.matches(id, "lik", null)).isFalse();
        assertThat(EntryId.matches(id, "like-it", null)).isFalse();
        assertThat(EntryId.matches(id, null, "proj")).isFalse();
        assertThat(EntryId.matches(id, null, "x")).isFalse();
        assertThat(EntryId.matches("join::1", null, "project")).isFalse();
        assertThat(EntryId.matches("join::1", "join", null)).isTrue();
    }

    @Test
    void anIdInAnotherFormIsABareActionIdThatMatchesNoFilter() {
        for (String id : new String[] {"junk", "Like:project:1", "like:Project:1", "like:project:", ":project:1",
                "v".repeat(33) + "::1", "like:" + "t".repeat(65) + ":1"}) {
            assertThat(EntryId.parse(id)).as(id).isNull();
            assertThat(EntryId.actionIdOf(id)).isEqualTo(id);
            assertThat(EntryId.matches(id, "like", null)).isFalse();
            assertThat(EntryId.matches(id, null, null)).isTrue();
        }
        assertThat(EntryId.parse("v".repeat(32) + ":" + "t".repeat(64) + ":1")).isNotNull();
    }

    @Test
    void theLongestActionIdStillMakesAValidEntryWithTheLongestVerbAndType() {
        String id = "i".repeat(Action.MAX_ID_LENGTH);
        Action longest = action(id, "v".repeat(32), new Ref("t".repeat(64), "p"));
        FeedEntry entry = EntryId.entry(longest);
        assertThat(entry.id()).hasSize(Ref.MAX_ID_LENGTH);
        assertThat(EntryId.actionIdOf(entry.id())).isEqualTo(id);
        assertThatThrownBy(() -> action(id + "i", "join", null))
                .isInstanceOf(InvalidActionException.class).hasMessageContaining(String.valueOf(Action.MAX_ID_LENGTH));
    }
}
