package dev.sequere.timeline.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sequere.BackendException;
import dev.sequere.Ref;
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
    void timesAreKeptAtMicrosecondPrecision() {
        Action action = new Action("x", new Ref("user", "1"), Verb.of("join"), null,
                Instant.parse("2026-01-01T00:00:00.123456789Z"), Map.of());
        assertThat(action.time()).isEqualTo(Instant.parse("2026-01-01T00:00:00.123456Z"));
    }
}
