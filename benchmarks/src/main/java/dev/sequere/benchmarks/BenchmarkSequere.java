package dev.sequere.benchmarks;

import dev.sequere.Sequere;
import dev.sequere.spi.Backend;

/**
 * Builds the {@link Sequere} facade the benchmarks drive: the types {@code user} and
 * {@code project} are registered without loaders, so benchmarks call the facade with
 * {@link dev.sequere.Ref}s and list with {@code refPage}, measuring Sequere and the backend rather
 * than an application's loader.
 */
public final class BenchmarkSequere {

    /** Type name of the {@link User} refs. */
    public static final String USER = "user";

    /** Type name of the {@link Project} refs. */
    public static final String PROJECT = "project";

    private BenchmarkSequere() {
    }

    /**
     * A facade over {@code backend} with {@code user} and {@code project} registered.
     *
     * @param backend the backend under test
     * @return the facade
     */
    public static Sequere over(Backend backend) {
        return Sequere.builder()
                .backend(backend)
                .register(User.class)
                .register(Project.class)
                .build();
    }

    /**
     * Stands for an application's user class; registered as type {@code user}.
     *
     * @param id the user's id
     */
    public record User(String id) {
    }

    /**
     * Stands for an application's project class; registered as type {@code project}.
     *
     * @param id the project's id
     */
    public record Project(String id) {
    }
}
