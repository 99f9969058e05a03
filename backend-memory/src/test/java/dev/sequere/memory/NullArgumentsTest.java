package dev.sequere.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sequere.Sequere;
import dev.sequere.SequereException;
import dev.sequere.timeline.Timeline;
import dev.sequere.timeline.Timelines;
import dev.sequere.timeline.action.Verb;
import dev.sequere.timeline.tck.Person;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Walks the public API with {@code null} for every parameter that is not {@code @Nullable}: each
 * call must be refused with a {@link SequereException} (the documented hierarchy), never a
 * {@code NullPointerException} or an {@code IllegalStateException} from deep inside.
 */
class NullArgumentsTest {

    private static final Verb POST = Verb.of("post");

    @Test
    void everyPublicEntryPointRefusesNullsWithASequereException() {
        List<String> offenders = new ArrayList<>();
        Supplier<Sequere> sequere = () -> Sequere.builder().backend(MemoryBackend.create())
                .register(Person.class, t -> t.type("person").id(Person::id).loader(ids -> List.of()))
                .build();
        Sequere one = sequere.get();
        Timelines timelines = Timelines.builder(one).verbs(POST).workers(0).build();
        Timeline timeline = timelines.of(new Person("p"));
        walk(one, Sequere.class, offenders);
        walk(Sequere.builder(), Sequere.Builder.class, offenders);
        walk(one.followers(new Person("p")), dev.sequere.FollowQuery.class, offenders);
        walk(timelines, Timelines.class, offenders);
        walk(Timelines.builder(one), Timelines.Builder.class, offenders);
        walk(timeline, Timeline.class, offenders);
        walk(timeline.privateFeed(), dev.sequere.timeline.TimelineQuery.class, offenders);
        timelines.close();
        assertThat(offenders).as("methods that do not refuse null with a SequereException").isEmpty();
    }

    private static void walk(Object target, Class<?> type, List<String> offenders) {
        for (Method method : type.getMethods()) {
            if (method.getDeclaringClass() != type || Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            Parameter[] parameters = method.getParameters();
            for (int nulled = 0; nulled < parameters.length; nulled++) {
                if (parameters[nulled].getType().isPrimitive()
                        || method.getAnnotatedParameterTypes()[nulled].isAnnotationPresent(Nullable.class)) {
                    continue;
                }
                Object[] args = new Object[parameters.length];
                for (int i = 0; i < parameters.length; i++) {
                    args[i] = i == nulled ? null : sample(parameters[i].getType());
                }
                try {
                    method.invoke(target, args);
                    offenders.add(type.getSimpleName() + "." + method.getName() + " arg " + nulled + ": accepted null");
                } catch (InvocationTargetException e) {
                    if (!(e.getCause() instanceof SequereException)) {
                        offenders.add(type.getSimpleName() + "." + method.getName() + " arg " + nulled + ": "
                                + e.getCause());
                    }
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** A valid value of a parameter type, so that only the nulled parameter is wrong. */
    private static @Nullable Object sample(Class<?> type) {
        if (type == int.class) {
            return 1;
        }
        if (type == long.class) {
            return 1L;
        }
        if (type == boolean.class) {
            return true;
        }
        if (type == String.class) {
            return "x";
        }
        if (type == Object.class) {
            return new Person("q");
        }
        if (type == java.time.Instant.class) {
            return java.time.Instant.parse("2026-01-01T00:00:00Z");
        }
        if (type == java.time.Duration.class) {
            return java.time.Duration.ofSeconds(1);
        }
        if (type == Verb.class) {
            return POST;
        }
        if (type == Class.class) {
            return Person.class;
        }
        return null;
    }
}
