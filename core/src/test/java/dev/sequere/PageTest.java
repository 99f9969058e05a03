package dev.sequere;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageTest {

    @Test
    void aPageIsImmutableAndSaysWhetherMoreFollow() {
        List<String> items = new ArrayList<>(List.of("a", "b"));
        Page<String> page = new Page<>(items, "next");
        items.add("c");
        assertThat(page.items()).containsExactly("a", "b");
        assertThatThrownBy(() -> page.items().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(page.hasNext()).isTrue();
        assertThat(page.next()).contains("next");
        Page<String> last = new Page<>(List.of(), null);
        assertThat(last.hasNext()).isFalse();
        assertThat(last.next()).isEmpty();
    }

    @Test
    void exceptionsShareOneRoot() {
        for (Class<?> type : List.of(InvalidArgumentException.class, InvalidRefException.class, InvalidCursorException.class,
                SelfFollowException.class, UnregisteredTypeException.class, RegistrationException.class, BackendException.class)) {
            assertThat(SequereException.class).isAssignableFrom(type);
            assertThat(RuntimeException.class).isAssignableFrom(type);
        }
        assertThat(InvalidArgumentException.class).isAssignableFrom(InvalidCursorException.class)
                .isAssignableFrom(InvalidRefException.class).isAssignableFrom(SelfFollowException.class)
                .isAssignableFrom(UnregisteredTypeException.class);
    }
}
