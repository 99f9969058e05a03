package dev.sequere.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sequere.InvalidRefException;
import dev.sequere.RegistrationException;
import dev.sequere.UnregisteredTypeException;
import dev.sequere.tck.Account;
import dev.sequere.tck.Project;
import dev.sequere.tck.User;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypeRegistryTest {

    interface Followable {
        String key();
    }

    interface Team extends Followable {
    }

    static final class Squad implements Team {
        @Override
        public String key() {
            return "s";
        }
    }

    static class AccountProxy extends Account {
        AccountProxy(String id) {
            super(id);
        }
    }

    static final class DeepProxy extends AccountProxy {
        DeepProxy(String id) {
            super(id);
        }
    }

    private static <T> TypeRegistration<T> reg(Class<T> type) {
        return new TypeSpec<>(type).build();
    }

    @Test
    void findsRegistrationsByClassAndByTypeName() {
        TypeRegistry registry = new TypeRegistry(List.of(reg(User.class), reg(Project.class)));
        assertThat(registry.forClass(User.class).type()).isEqualTo("user");
        assertThat(registry.forType("project").javaClass()).isEqualTo(Project.class);
        assertThat(registry.contains("user")).isTrue();
        assertThat(registry.contains("account")).isFalse();
        assertThat(registry.registrations()).extracting(TypeRegistration::type).containsExactlyInAnyOrder("user", "project");
    }

    @Test
    void subclassesMapToTheNearestRegisteredAncestor() {
        TypeRegistry registry = new TypeRegistry(List.of(reg(Account.class)));
        assertThat(registry.forClass(AccountProxy.class).type()).isEqualTo("account");
        assertThat(registry.forClass(DeepProxy.class).type()).isEqualTo("account");
        assertThat(registry.forClass(DeepProxy.class).idOf(new DeepProxy("d"))).isEqualTo("d");

        TypeRegistry both = new TypeRegistry(List.of(reg(Account.class), new TypeSpec<>(AccountProxy.class).type("proxy").build()));
        assertThat(both.forClass(DeepProxy.class).type()).as("nearest wins").isEqualTo("proxy");
    }

    @Test
    void interfacesCanBeRegistered() {
        TypeRegistry registry = new TypeRegistry(List.of(new TypeSpec<>(Followable.class).id(Followable::key).build()));
        assertThat(registry.forClass(Squad.class).type()).isEqualTo("followable");
        assertThat(registry.forClass(Squad.class).idOf(new Squad())).isEqualTo("s");
    }

    @Test
    void duplicatesAreRejected() {
        assertThatThrownBy(() -> new TypeRegistry(List.of(reg(User.class), new TypeSpec<>(Project.class).type("user").build())))
                .isInstanceOf(RegistrationException.class).hasMessageContaining("'user'").hasMessageContaining("twice");
        assertThatThrownBy(() -> new TypeRegistry(List.of(reg(User.class), new TypeSpec<>(User.class).type("other").build())))
                .isInstanceOf(RegistrationException.class).hasMessageContaining(User.class.getName());
    }

    @Test
    void unknownClassesAndNamesSayHowToRegister() {
        TypeRegistry registry = new TypeRegistry(List.of(reg(User.class)));
        assertThatThrownBy(() -> registry.forClass(Project.class)).isInstanceOf(UnregisteredTypeException.class)
                .hasMessageContaining(Project.class.getName()).hasMessageContaining("register(Project.class");
        assertThatThrownBy(() -> registry.forClass(Object.class)).isInstanceOf(UnregisteredTypeException.class);
        assertThatThrownBy(() -> registry.forType("project")).isInstanceOf(UnregisteredTypeException.class)
                .hasMessageContaining("'project'");
        assertThatThrownBy(() -> registry.forType("Not Valid")).isInstanceOf(InvalidRefException.class);
    }

    @Test
    void anEmptyRegistryKnowsNothing() {
        TypeRegistry registry = new TypeRegistry(List.of());
        assertThat(registry.registrations()).isEmpty();
        assertThatThrownBy(() -> registry.forClass(User.class)).isInstanceOf(UnregisteredTypeException.class);
    }
}
