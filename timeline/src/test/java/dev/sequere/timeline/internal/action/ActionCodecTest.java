package dev.sequere.timeline.internal.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sequere.BackendException;
import dev.sequere.Ref;
import dev.sequere.timeline.action.Action;
import dev.sequere.timeline.action.Verb;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActionCodecTest {

    @Test
    void roundTripsEveryFieldWhateverItHolds() {
        Action action = new Action("1:2 {x} 'y' \"z\" 12:34", new Ref("user", "a:b:c"), Verb.of("like"),
                new Ref("project", "9:{}"), Instant.parse("2026-01-02T03:04:05.123456Z"),
                Map.of("k", "v:1:2", "empty", "", "uni", "é漢字😀"));
        assertThat(ActionCodec.decode(ActionCodec.encode(action))).isEqualTo(action);
    }

    @Test
    void roundTripsAnActionWithoutTargetOrData() {
        Action action = new Action("x", new Ref("user", "1"), Verb.of("join"), null,
                Instant.parse("1969-12-31T23:59:59.999999Z"), Map.of());
        assertThat(ActionCodec.decode(ActionCodec.encode(action))).isEqualTo(action);
    }

    @Test
    void refusesBodiesThatAreNotActions() {
        assertThatThrownBy(() -> ActionCodec.decode("{\"json\":true}")).isInstanceOf(BackendException.class);
        assertThatThrownBy(() -> ActionCodec.decode("a11:x")).isInstanceOf(BackendException.class);
        String valid = ActionCodec.encode(new Action("x", new Ref("user", "1"), Verb.of("join"), null,
                Instant.EPOCH, Map.of()));
        assertThatThrownBy(() -> ActionCodec.decode(valid + "1:z")).isInstanceOf(BackendException.class);
    }

    @Test
    void matchingReadsTheVerbAndTargetTypeWithoutBeingFooledByOtherFields() {
        // Ids and the actor's fields hold what looks like a verb or a type.
        String like = ActionCodec.encode(new Action("4:like7:project", new Ref("like", "project"), Verb.of("like"),
                new Ref("project", "like"), Instant.EPOCH, Map.of("verb", "post")));
        String join = ActionCodec.encode(new Action("like", new Ref("project", "like"), Verb.of("join"), null,
                Instant.EPOCH, Map.of()));
        assertThat(ActionCodec.matches(like, "like", null)).isTrue();
        assertThat(ActionCodec.matches(like, "like", "project")).isTrue();
        assertThat(ActionCodec.matches(like, null, "project")).isTrue();
        assertThat(ActionCodec.matches(like, null, null)).isTrue();
        assertThat(ActionCodec.matches(like, "lik", null)).isFalse();
        assertThat(ActionCodec.matches(like, "post", null)).isFalse();
        assertThat(ActionCodec.matches(like, null, "proj")).isFalse();
        assertThat(ActionCodec.matches(like, "like", "user")).isFalse();
        assertThat(ActionCodec.matches(join, "join", null)).isTrue();
        assertThat(ActionCodec.matches(join, null, "project")).isFalse();
        assertThat(ActionCodec.matches(join, "like", null)).isFalse();
        assertThat(ActionCodec.matches("not an action", "like", null)).isFalse();
        assertThat(ActionCodec.matches("a1999:x", null, "project")).isFalse();
    }

    @Test
    void timesAreKeptAtMicrosecondPrecision() {
        Action action = new Action("x", new Ref("user", "1"), Verb.of("join"), null,
                Instant.parse("2026-01-01T00:00:00.123456789Z"), Map.of());
        assertThat(action.time()).isEqualTo(Instant.parse("2026-01-01T00:00:00.123456Z"));
    }
}
