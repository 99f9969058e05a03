package dev.sequere.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sequere.RegistrationException;
import dev.sequere.tck.Account;
import dev.sequere.tck.User;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypeSpecTest {

    record Member(long id) {
    }

    static final class BlogPost {
        public Integer getId() {
            return 42;
        }
    }

    static final class Both {
        public String id() {
            return "from-id";
        }

        public String getId() {
            return "from-getId";
        }
    }

    static final class StaticId {
        public static String id() {
            return "static";
        }
    }

    static final class NoId {
    }

    static final class Ärger {
    }

    static final class VoidId {
        public void id() {
        }

        public String getId() {
            return "g";
        }
    }

    @Test
    void defaultTypeNameIsTheLowerCaseSimpleName() {
        assertThat(new TypeSpec<>(User.class).build().type()).isEqualTo("user");
        assertThat(new TypeSpec<>(BlogPost.class).build().type()).isEqualTo("blogpost");
        assertThat(new TypeSpec<>(Member.class).build().type()).isEqualTo("member");
    }

    @Test
    void defaultIdAccessorIsIdThenGetId() {
        assertThat(new TypeSpec<>(User.class).build().idOf(new User("u1"))).isEqualTo("u1");
        assertThat(new TypeSpec<>(Member.class).build().idOf(new Member(7))).as("package-private record, long id").isEqualTo("7");
        assertThat(new TypeSpec<>(BlogPost.class).build().idOf(new BlogPost())).isEqualTo("42");
        assertThat(new TypeSpec<>(Account.class).build().idOf(new Account("a"))).isEqualTo("a");
        assertThat(new TypeSpec<>(Account.class).build().idOf(new Account(null))).isNull();
        assertThat(new TypeSpec<>(Both.class).build().idOf(new Both())).isEqualTo("from-id");
        assertThat(new TypeSpec<>(VoidId.class).build().idOf(new VoidId())).as("void id() is skipped").isEqualTo("g");
    }

    @Test
    void aClassWithoutAnIdAccessorNeedsOne() {
        for (Class<?> type : List.of(NoId.class, StaticId.class)) {
            assertThatThrownBy(() -> new TypeSpec<>(type).build()).isInstanceOf(RegistrationException.class)
                    .hasMessageContaining(type.getName()).hasMessageContaining("t.id(");
        }
        assertThat(new TypeSpec<>(NoId.class).id(x -> "n").build().idOf(new NoId())).isEqualTo("n");
    }

    @Test
    void overridesWin() {
        TypeRegistration<User> registration = new TypeSpec<>(User.class).type("member").id(u -> u.id().toUpperCase()).build();
        assertThat(registration.type()).isEqualTo("member");
        assertThat(registration.idOf(new User("abc"))).isEqualTo("ABC");
        assertThat(registration.javaClass()).isEqualTo(User.class);
        assertThat(registration.loader()).isNull();
    }

    @Test
    void anInvalidDerivedNameSaysHowToFixIt() {
        assertThatThrownBy(() -> new TypeSpec<>(Ärger.class).id(x -> "1").build()).isInstanceOf(RegistrationException.class)
                .hasMessageContaining("derived from the class name").hasMessageContaining("t.type(");
    }

    @Test
    void anInvalidGivenNameIsRejected() {
        for (String bad : new String[] {"", "User", "a b", "a:b", "x".repeat(65)}) {
            assertThatThrownBy(() -> new TypeSpec<>(User.class).type(bad).build()).as("'%s'", bad)
                    .isInstanceOf(RegistrationException.class).hasMessageContaining(User.class.getName());
        }
    }

    @Test
    void loadersTakeStoredIdsOrParsedOnes() {
        BatchLoader<? extends Member> plain = new TypeSpec<>(Member.class)
                .loader(ids -> ids.stream().map(id -> new Member(Long.parseLong(id))).toList()).build().loader();
        assertThat(plain).isNotNull();
        assertThat(List.<Object>copyOf(plain.load(List.of("1", "2")))).containsExactly(new Member(1), new Member(2));

        List<List<Long>> seen = new ArrayList<>();
        BatchLoader<? extends Member> parsed = new TypeSpec<>(Member.class).loader(Long::valueOf, (List<Long> ids) -> {
            seen.add(ids);
            return ids.stream().filter(id -> id != 2L).map(Member::new).toList();
        }).build().loader();
        assertThat(parsed).isNotNull();
        assertThat(List.<Object>copyOf(parsed.load(List.of("1", "2", "3")))).containsExactly(new Member(1), new Member(3));
        assertThat(seen).containsExactly(List.of(1L, 2L, 3L));
    }
}
