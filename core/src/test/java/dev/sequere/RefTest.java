package dev.sequere;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sequere.tck.TrickyIds;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RefTest {

    @ParameterizedTest
    @ValueSource(strings = {"user", "a", "a_b", "a-b", "0", "x1-y_2", "abcdefghijklmnopqrstuvwxyz0123456789_-abcdefghijklmnopqrstuvwxyz"})
    void acceptsValidTypes(String type) {
        assertThat(Ref.of(type, "1").type()).isEqualTo(type);
        assertThat(Ref.requireValidType(type)).isSameAs(type);
    }

    @ParameterizedTest(name = "invalid type #{index}")
    @ValueSource(strings = {"", "User", "a b", "a:b", "a/b", "a.b", "é", "a\n", "ü", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void rejectsInvalidTypes(String type) {
        assertThatThrownBy(() -> Ref.of(type, "1")).isInstanceOf(InvalidRefException.class)
                .hasMessageContaining("a-z, 0-9");
    }

    @Test
    void nullsAreInvalidRefs() {
        assertThatThrownBy(() -> Ref.of(null, "1")).isInstanceOf(InvalidRefException.class).hasMessageContaining("type");
        assertThatThrownBy(() -> Ref.of("user", null)).isInstanceOf(InvalidRefException.class).hasMessageContaining("id");
    }

    @Test
    void everyTrickyIdIsValidAndKeptAsIs() {
        for (String id : TrickyIds.all()) {
            assertThat(Ref.of("user", id).id()).isSameAs(id);
        }
    }

    @Test
    void idLengthIsLimitedTo255Characters() {
        assertThat(Ref.of("user", "x".repeat(255)).id()).hasSize(255);
        assertThatThrownBy(() -> Ref.of("user", "x".repeat(256))).isInstanceOf(InvalidRefException.class)
                .hasMessageContaining("256").hasMessageContaining("255");
        assertThatThrownBy(() -> Ref.of("user", "")).isInstanceOf(InvalidRefException.class).hasMessageContaining("empty");
    }

    @Test
    void controlCharactersAreRejectedWhereverTheyAre() {
        List<Character> controls = new ArrayList<>();
        for (char c = 0; c < 0x20; c++) {
            controls.add(c);
        }
        for (char c = 0x7f; c <= 0x9f; c++) {
            controls.add(c);
        }
        for (char c : controls) {
            for (String id : List.of(c + "a", "a" + c, "a" + c + "b", String.valueOf(c))) {
                assertThatThrownBy(() -> Ref.of("user", id)).as("U+%04X", (int) c).isInstanceOf(InvalidRefException.class)
                        .hasMessageContaining("control character");
            }
        }
    }

    @Test
    void unpairedSurrogatesAreRejected() {
        for (String id : List.of("\ud800", "a\ud800", "\ud800a", "\udc00", "a\udc00b", "\udc00\ud800", "😀\ud800", "\ud83d")) {
            assertThatThrownBy(() -> Ref.of("user", id)).isInstanceOf(InvalidRefException.class)
                    .hasMessageContaining("surrogate");
        }
        assertThat(Ref.of("user", "😀").id()).isEqualTo("😀");
        assertThat(Ref.of("user", "a😀b😀").id()).isEqualTo("a😀b😀");
    }

    @Test
    void messagesNameWhatWasChecked() {
        assertThatThrownBy(() -> Ref.requireValidId("", "entry id")).hasMessageStartingWith("entry id");
        assertThatThrownBy(() -> Ref.requireValidId("a\u0001", "item id")).hasMessageContaining("U+0001").hasMessageContaining("index 1");
    }

    @Test
    void equalityOrderAndText() {
        assertThat(Ref.of("user", "1")).isEqualTo(new Ref("user", "1")).hasSameHashCodeAs(new Ref("user", "1"));
        assertThat(Ref.of("user", "1")).isNotEqualTo(Ref.of("project", "1"));
        assertThat(Ref.of("a", "2").compareTo(Ref.of("b", "1"))).isNegative();
        assertThat(Ref.of("a", "1").compareTo(Ref.of("a", "2"))).isNegative();
        assertThat(Ref.of("a", "1").compareTo(Ref.of("a", "1"))).isZero();
        assertThat(Ref.of("user", "1:x").toString()).isEqualTo("user/1:x");
    }
}
